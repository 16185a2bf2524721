from . import (
    test_flow_condition_today,
    test_flow_editing,
    test_flow_handlers,
    test_flow_log,
    test_flow_outcomes,
    test_flow_security,
)
