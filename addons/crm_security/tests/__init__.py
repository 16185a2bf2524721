from . import test_field_groups
