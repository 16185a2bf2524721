from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    """The promised date of a line is Odoo's ``date_planned``: the date the
    supplier committed to (confirmed through the portal, or entered by the
    buyer from the supplier's order confirmation). The evaluation compares
    the date of the last done receipt of the line with it."""

    _inherit = "purchase.order.line"

    qty_returned = fields.Float(
        "Returned Qty", compute="_compute_qty_returned",
        digits=(16, 2), help="Quantity already on returns and exchanges "
        "with the supplier (not void).")

    @api.depends("order_id.supplier_return_ids.line_ids.quantity")
    def _compute_qty_returned(self):
        groups = self.env["crm.supplier.return.line"].read_group(
            [("purchase_line_id", "in", self.ids),
             ("return_id.flow_state", "!=", "void")],
            ["purchase_line_id", "quantity"], ["purchase_line_id"])
        totals = {g["purchase_line_id"][0]: g["quantity"] for g in groups}
        for line in self:
            line.qty_returned = totals.get(line.id, 0.0)
