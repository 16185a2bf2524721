"""The call during which an order was taken (CC-7)."""
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    cc_call_id = fields.Many2one("crm.call", "Call", copy=False, readonly=True,
                                 index=True, ondelete="set null",
                                 help="The call during which the order was taken.")
