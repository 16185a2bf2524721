# mixins first: a model is built from the mixins registered before it
from . import crm_secret  # isort:skip
from . import crm_secret_mixin  # isort:skip
from . import crm_list_page_mixin  # isort:skip
from . import crm_period_mixin  # isort:skip
from . import crm_dynamic_field_mixin  # isort:skip
from . import crm_tree_mixin  # isort:skip
from . import (
    bus_bus,
    crm_dashboard,
    crm_department,
    crm_dictionary,
    crm_flow_mixin,
    crm_operation_log,
    crm_position,
    mail_activity,
    res_company,
    res_users,
)
