from . import crm_export_file, field_groups, ir_attachment, owned_fields, rule_paths
