from . import crm_export_file, field_groups, ir_attachment, ir_rule, owned_fields, rule_paths
