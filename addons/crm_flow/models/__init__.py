from . import crm_flow
from . import crm_flow_node
from . import crm_flow_log
from . import crm_flow_mixin
