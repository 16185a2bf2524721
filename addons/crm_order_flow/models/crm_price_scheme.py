from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmPriceScheme(models.Model):
    """A price scheme of a product: the price agents quote and the internal
    floor and ceiling they may negotiate within. Staff only: never shown on
    the portal or on printed documents."""

    _name = "crm.price.scheme"
    _description = "Product Price Scheme"
    _order = "product_tmpl_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Product", required=True,
        ondelete="cascade", index=True)
    currency_id = fields.Many2one(
        related="product_tmpl_id.currency_id", readonly=True)
    price = fields.Monetary("Quoted Price", required=True)
    floor_price = fields.Monetary(
        required=True,
        help="Internal: the lowest price an agent may agree.")
    ceiling_price = fields.Monetary(
        required=True,
        help="Internal: the highest price an agent may agree.")
    note = fields.Char()

    @api.constrains("price", "floor_price", "ceiling_price")
    def _check_bounds(self):
        for scheme in self:
            if not (0 <= scheme.floor_price <= scheme.price
                    <= scheme.ceiling_price):
                raise ValidationError(
                    _("Scheme %s: the quoted price must lie between the floor "
                      "and the ceiling (floor ≤ price ≤ ceiling).")
                    % scheme.name)
