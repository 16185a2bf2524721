"""Quality inspection templates (CC-16): a set of weighted criteria a
Supervisor scores a call against."""
from odoo import api, fields, models


class CrmCallQaTemplate(models.Model):
    _name = "crm.call.qa.template"
    _description = "Quality Inspection Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id)
    criterion_ids = fields.One2many("crm.call.qa.criterion", "template_id", "Criteria",
                                    copy=True)
    total_weight = fields.Float(compute="_compute_total_weight")

    @api.depends("criterion_ids.weight")
    def _compute_total_weight(self):
        for template in self:
            template.total_weight = sum(template.criterion_ids.mapped("weight"))
