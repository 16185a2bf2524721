from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.crm_security.models.owned_fields import FLOW


class PurchaseOrder(models.Model):
    """Purchase orders (进货单) follow a crm_flow flow whose steps reuse
    Odoo's own actions, by step code:

    ``review`` / ``custom_review``  pass confirms the order (button_confirm)
    ``receive``  pass only once every receipt is done
    ``pay``      entering creates the vendor bill from the received
                 quantities; pass only once the bills are paid (locks the
                 order)
    A failed review leaves the order in the exception list."""

    _name = "purchase.order"
    _inherit = ["purchase.order", "crm.flow.mixin"]
    _crm_flow_autostart = True

    supplier_return_ids = fields.One2many(
        "crm.supplier.return", "purchase_id", string="Returns and Exchanges")
    supplier_return_count = fields.Integer(
        compute="_compute_supplier_return_count")
    supplier_dates_confirmed = fields.Boolean(
        "Dates Confirmed by Supplier", readonly=True, copy=False,
        help="The supplier confirmed the promised dates of the lines "
             "(portal).")

    def _compute_supplier_return_count(self):
        counts = self.env["crm.supplier.return"]._crm_flow_count_by(
            "purchase_id", self.ids)
        for order in self:
            order.supplier_return_count = counts.get(order.id, 0)

    # ------------------------------------------------------------------
    # Odoo's own confirmation goes through the review steps
    # ------------------------------------------------------------------
    @api.multi
    def button_confirm(self):
        if not FLOW.acts(self.env) and self.filtered(
                lambda o: o.flow_state in ("running", "failed", "void")):
            raise UserError(
                _("This purchase order is under review in its flow: it is "
                  "confirmed by passing the review step."))
        return super().button_confirm()

    def _crm_supplier_confirm(self, node, outcome):
        if outcome == "pass":
            drafts = self.filtered(lambda o: o.state in ("draft", "sent"))
            drafts.button_confirm()

    def _crm_flow_leave_review(self, node, outcome):
        # with a custom review after it, confirmation waits for that one
        following = node._next()
        if not (following and following.code == "custom_review"):
            self._crm_supplier_confirm(node, outcome)

    def _crm_flow_leave_custom_review(self, node, outcome):
        self._crm_supplier_confirm(node, outcome)

    def _crm_flow_leave_receive(self, node, outcome):
        if outcome != "pass":
            return
        for order in self:
            receipts = order.picking_ids.filtered(
                lambda p: p.picking_type_code == "incoming"
                and p.state != "cancel")
            pending = receipts.filtered(lambda p: p.state != "done")
            if order.state not in ("purchase", "done") or pending or (
                    order._crm_supplier_has_stockable() and not receipts):
                raise UserError(
                    _("%s cannot pass %s: its goods are not all received "
                      "yet (validate the receipt %s first).")
                    % (order.name, node.name,
                       ", ".join(pending.mapped("name")) or "-"))

    def _crm_flow_enter_pay(self, node, outcome):
        for order in self.filtered(lambda o: not o._crm_supplier_bills()):
            order._crm_supplier_create_bill()

    def _crm_flow_leave_pay(self, node, outcome):
        if outcome != "pass":
            return
        for order in self:
            bills = order._crm_supplier_bills()
            unpaid = bills.filtered(lambda i: i.state != "paid")
            if not bills or unpaid:
                raise UserError(
                    _("%s cannot pass %s: register the payment of its vendor "
                      "bill first.") % (order.name, node.name))
        self.filtered(lambda o: o.state == "purchase").button_done()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _crm_supplier_has_stockable(self):
        return any(line.product_id.type in ("product", "consu")
                   for line in self.order_line)

    def _crm_supplier_bills(self):
        return self.invoice_ids.filtered(
            lambda i: i.type == "in_invoice" and i.state != "cancel")

    def _crm_supplier_create_bill(self):
        """Draft vendor bill of the received, not yet billed quantities."""
        self.ensure_one()
        Invoice = self.env["account.invoice"].with_context(
            type="in_invoice", journal_type="purchase")
        invoice = Invoice.create({
            "partner_id": self.partner_id.id,
            "type": "in_invoice",
            "origin": self.name,
            "reference": self.partner_ref,
            "currency_id": self.currency_id.id,
            "company_id": self.company_id.id,
        })
        lines = []
        for line in self.order_line:
            vals = invoice._prepare_invoice_line_from_po_line(line)
            if float_compare(vals["quantity"], 0.0, precision_rounding=(
                    line.product_uom.rounding)) > 0:
                lines.append((0, 0, vals))
        if not lines:
            invoice.unlink()
            return Invoice
        invoice.write({"invoice_line_ids": lines})
        invoice.compute_taxes()
        return invoice

    def _portal_confirm_dates(self, dates):
        """The supplier confirms (or moves) the promised dates of lines not
        received yet: ``dates`` is {line id: 'YYYY-MM-DD'}."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda l: l.id in dates and l.qty_received < l.product_qty)
        if set(dates) - set(self.order_line.ids) or self.state not in (
                "draft", "sent", "to approve", "purchase"):
            raise ValidationError(
                _("These dates cannot be confirmed on %s.") % self.name)
        changes = []
        for line in lines:
            time_part = (line.date_planned or "")[10:] or " 12:00:00"
            line.date_planned = dates[line.id] + time_part
            changes.append("%s: %s" % (line.product_id.display_name,
                                       dates[line.id]))
        self.supplier_dates_confirmed = True
        self.message_post(
            body=_("The supplier confirmed the delivery dates: %s")
            % "; ".join(changes))
        return True

    @api.multi
    def action_supplier_return(self):
        return self._crm_supplier_open_return_wizard("return")

    @api.multi
    def action_supplier_exchange(self):
        return self._crm_supplier_open_return_wizard("exchange")

    def _crm_supplier_open_return_wizard(self, kind):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Return to Supplier") if kind == "return"
            else _("Exchange with Supplier"),
            "res_model": "purchase.order.return",
            "view_mode": "form",
            "target": "new",
            "context": {"default_purchase_id": self.id,
                        "default_kind": kind},
        }

    @api.multi
    def action_open_supplier_returns(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_supplier.crm_supplier_return_action_all").read()[0]
        action["domain"] = [("purchase_id", "=", self.id)]
        return action
