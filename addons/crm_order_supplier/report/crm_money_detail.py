from odoo import fields, models


class CrmMoneyDetail(models.Model):
    """Vendor bills of purchase orders and the credit notes of returns to
    suppliers join the money in/out detail."""

    _inherit = "crm.money.detail"

    purchase_order_id = fields.Many2one(
        "purchase.order", string="Purchase Order", readonly=True)
    supplier_return_id = fields.Many2one(
        "crm.supplier.return", string="Supplier Return/Exchange",
        readonly=True)
