from . import owned_fields
from . import field_groups
