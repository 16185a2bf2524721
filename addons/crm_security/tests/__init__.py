from . import test_owned_fields
