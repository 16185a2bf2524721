from odoo import api, fields, models


class CrmDictionary(models.Model):
    """Data dictionary: the value lists an Administrator maintains (customer
    category, source, region, industry, value level, lost reason, ...).
    Add-ons add list types through ``_get_dict_types``."""

    _name = "crm.dictionary"
    _description = "Data Dictionary Value"
    _order = "dict_type, sequence, name"

    dict_type = fields.Selection(
        "_get_dict_types", string="List", required=True, index=True)
    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id,
        help="Leave empty to share the value between companies.")
    note = fields.Char()

    _sql_constraints = [
        ("code_uniq", "unique (dict_type, code, company_id)",
         "A code must be unique within its list."),
    ]

    @api.model
    def _get_dict_types(self):
        return [
            ("customer_category", "Customer Category"),
            ("customer_source", "Customer Source"),
            ("customer_region", "Region"),
            ("industry", "Industry"),
            ("value_level", "Customer Value Level"),
            ("lost_reason", "Lost Reason"),
            ("pause_reason", "Agent Pause Reason"),
        ]
