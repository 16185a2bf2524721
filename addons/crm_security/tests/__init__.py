from . import test_field_groups, test_owned_fields, test_rpc_gate, test_upgrade
