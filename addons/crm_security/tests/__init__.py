from . import test_field_groups
from . import test_rpc_gate
from . import test_owned_fields
