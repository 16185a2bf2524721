from . import (
    crm_export_file,
    field_groups,
    ir_attachment,
    ir_model_access,
    ir_rule,
    owned_fields,
    res_users,
    rule_paths,
)
