from odoo import fields, models


class ProductTemplate(models.Model):
    """Spare parts of the service network; their replenishment plan is
    Odoo's reordering rules (minimum / maximum stock)."""

    _inherit = "product.template"

    is_spare_part = fields.Boolean("Spare Part", index=True)
