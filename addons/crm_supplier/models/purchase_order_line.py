from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    """The promised date of a line is Odoo's ``date_planned``: the date the
    supplier committed to (confirmed through the portal, or entered by the
    buyer from the supplier's order confirmation). The evaluation compares
    the date of the last done receipt of the line with it."""

    _inherit = "purchase.order.line"

    # stored so the evaluation report reads the lines alone
    date_order = fields.Datetime(store=True)
    # receipt facts kept on the line for the evaluation report (one scan
    # of the lines instead of aggregating every stock move per query)
    date_received = fields.Datetime(
        "Received on", compute="_compute_receipt_facts", store=True,
        help="Date of the last done receipt of the line.")
    qty_in_done = fields.Float(
        "Qty Received (gross)", compute="_compute_receipt_facts",
        store=True, digits=(16, 2))
    qty_out_done = fields.Float(
        "Qty Sent Back", compute="_compute_receipt_facts", store=True,
        digits=(16, 2), help="Done moves of the line back to the supplier "
        "(returns and exchanges).")
    qty_returned = fields.Float(
        "Returned Qty", compute="_compute_qty_returned",
        digits=(16, 2), help="Quantity already on returns and exchanges "
        "with the supplier (not void).")

    @api.depends("move_ids.state", "move_ids.date",
                 "move_ids.product_qty", "move_ids.location_dest_id")
    def _compute_receipt_facts(self):
        for line in self:
            done = line.move_ids.filtered(lambda m: m.state == "done")
            back = done.filtered(
                lambda m: m.location_dest_id.usage == "supplier")
            received = done - back
            line.date_received = max(received.mapped("date") or [False])
            line.qty_in_done = sum(received.mapped("product_qty"))
            line.qty_out_done = sum(back.mapped("product_qty"))

    @api.depends("order_id.supplier_return_ids.line_ids.quantity")
    def _compute_qty_returned(self):
        groups = self.env["crm.supplier.return.line"].read_group(
            [("purchase_line_id", "in", self.ids),
             ("return_id.flow_state", "!=", "void")],
            ["purchase_line_id", "quantity"], ["purchase_line_id"])
        totals = {g["purchase_line_id"][0]: g["quantity"] for g in groups}
        for line in self:
            line.qty_returned = totals.get(line.id, 0.0)
