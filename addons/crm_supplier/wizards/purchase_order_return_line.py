from odoo import fields, models


class PurchaseOrderReturnLine(models.TransientModel):
    _name = "purchase.order.return.line"
    _description = "Return or Exchange Wizard Line"

    wizard_id = fields.Many2one(
        "purchase.order.return", required=True, ondelete="cascade")
    purchase_line_id = fields.Many2one(
        "purchase.order.line", string="Purchase Line", required=True)
    product_id = fields.Many2one(
        "product.product", related="purchase_line_id.product_id",
        readonly=True)
    qty_received = fields.Float(
        related="purchase_line_id.qty_received", readonly=True)
    quantity = fields.Float("Quantity to Send Back", digits=(16, 2))
