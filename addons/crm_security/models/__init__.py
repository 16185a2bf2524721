from . import owned_fields
from . import field_groups
from . import ir_attachment
from . import crm_export_file
