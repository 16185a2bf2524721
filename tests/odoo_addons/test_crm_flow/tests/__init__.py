from . import test_flow_outcomes
from . import test_flow_handlers
from . import test_flow_editing
from . import test_flow_log
