from . import (
    test_field_groups,
    test_ir_model_access,
    test_ir_rule,
    test_owned_fields,
    test_res_users,
    test_rpc_gate,
    test_rule_paths,
    test_upgrade,
)
