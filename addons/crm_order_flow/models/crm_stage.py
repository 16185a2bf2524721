from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    cc_expected_days = fields.Integer(
        "Expected Days to Next Stage",
        help="How long an opportunity normally stays at this stage.")
