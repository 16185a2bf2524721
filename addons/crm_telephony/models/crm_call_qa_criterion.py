"""One weighted criterion of a quality inspection template (CC-16)."""
from odoo import fields, models


class CrmCallQaCriterion(models.Model):
    _name = "crm.call.qa.criterion"
    _description = "Quality Inspection Criterion"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("crm.call.qa.template", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="What the inspector listens for.")
    weight = fields.Float(required=True, default=1.0,
                          help="Share of this criterion in the total score.")

    _sql_constraints = [
        ("weight_positive", "CHECK (weight > 0)", "A criterion's weight must be positive."),
    ]
