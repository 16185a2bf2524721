from odoo import fields, models


class CrmStockDetail(models.Model):
    """Receipts of purchase orders and the transfers of returns and
    exchanges with suppliers join the warehouse in/out detail."""

    _inherit = "crm.stock.detail"

    purchase_order_id = fields.Many2one(
        "purchase.order", string="Purchase Order", readonly=True)
    supplier_return_id = fields.Many2one(
        "crm.supplier.return", string="Supplier Return/Exchange",
        readonly=True)
