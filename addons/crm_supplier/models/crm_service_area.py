from odoo import fields, models


class CrmServiceArea(models.Model):
    """An area a repair shop covers (a district, a city, a province)."""

    _name = "crm.service.area"
    _description = "Service Area"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    state_id = fields.Many2one("res.country.state", string="Province")
    active = fields.Boolean(default=True)
    shop_ids = fields.Many2many(
        "res.partner", string="Repair Shops",
        domain=[("is_repair_shop", "=", True)])
