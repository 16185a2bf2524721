from odoo import fields, models


class CrmPosition(models.Model):
    """A position (岗位) in the call center: 坐席, 班长, 质检员..."""

    _name = "crm.position"
    _description = "Call Center Position"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    department_id = fields.Many2one("crm.department", string="Department")
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)
