from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_flow.models.crm_flow_mixin import flow_transition


class CrmSupplierReturn(models.Model):
    """A return (退货单) or an exchange (换货单) with a supplier, taken from a
    completed purchase order, handled through its own flow. Steps act by
    their code:

    ``ship``     entering creates the picking sending the goods back (for a
                 return its moves are ``to_refund``: they lower the received
                 quantity of the purchase); pass once it is done
    ``refund``   (returns) entering creates the draft vendor credit note;
                 pass once it is validated
    ``replace``  (exchanges) entering creates the receipt of the
                 replacement goods; pass once it is done
    """

    _name = "crm.supplier.return"
    _description = "Return or Exchange with Supplier"
    _inherit = ["mail.thread", "crm.flow.mixin"]
    _order = "id desc"

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/")
    kind = fields.Selection(
        [("return", "Return"), ("exchange", "Exchange")], required=True,
        default="return", index=True)
    purchase_id = fields.Many2one(
        "purchase.order", string="Purchase Order", required=True,
        index=True, ondelete="restrict",
        domain=[("state", "in", ("purchase", "done"))])
    partner_id = fields.Many2one(
        "res.partner", string="Supplier", related="purchase_id.partner_id",
        store=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", related="purchase_id.company_id", store=True,
        readonly=True)
    currency_id = fields.Many2one(
        "res.currency", related="purchase_id.currency_id", readonly=True)
    date = fields.Date(
        required=True, index=True,
        default=lambda self: self.env.user.company_id._cc_today())
    user_id = fields.Many2one(
        "res.users", string="Responsible", index=True,
        default=lambda self: self.env.user)
    reason = fields.Text(required=True)
    line_ids = fields.One2many(
        "crm.supplier.return.line", "return_id", string="Products",
        copy=True)
    amount_total = fields.Monetary(
        compute="_compute_amount_total", currency_field="currency_id")
    picking_ids = fields.Many2many(
        "stock.picking", string="Transfers", readonly=True, copy=False)
    refund_ids = fields.Many2many(
        "account.invoice", string="Credit Notes", readonly=True, copy=False)
    supplier_date = fields.Date(
        "Date Confirmed by Supplier", copy=False,
        help="When the supplier takes the goods back / sends the "
             "replacements (confirmed through the portal).")

    @api.depends("line_ids.quantity", "line_ids.price_unit")
    def _compute_amount_total(self):
        for document in self:
            document.amount_total = sum(
                line.quantity * line.price_unit for line in document.line_ids)

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            code = ("crm.supplier.exchange"
                    if vals.get("kind") == "exchange"
                    else "crm.supplier.return")
            vals["name"] = self.env["ir.sequence"].next_by_code(code) or "/"
        return super().create(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda d: d.flow_state != "draft"):
            raise UserError(
                _("Only returns and exchanges that were never submitted can "
                  "be deleted; void them in their flow instead."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Flow steps
    # ------------------------------------------------------------------
    @api.multi
    def crm_flow_start(self, flow=None):
        for document in self:
            if not document.line_ids:
                raise UserError(
                    _("%s has no products: choose what goes back to the "
                      "supplier first.") % document.name)
            document.line_ids._check_quantity()
        return super().crm_flow_start(flow=flow)

    def _crm_flow_enter_ship(self, node, outcome):
        for document in self:
            if not document.picking_ids.filtered(
                    lambda p: p.picking_type_code == "outgoing"):
                document._create_return_pickings()

    def _crm_flow_leave_ship(self, node, outcome):
        if outcome == "pass":
            self._check_pickings_done("outgoing", node)

    def _crm_flow_enter_refund(self, node, outcome):
        for document in self.filtered(
                lambda d: d.kind == "return" and not d.refund_ids):
            document._create_refund()

    def _crm_flow_leave_refund(self, node, outcome):
        if outcome != "pass":
            return
        for document in self.filtered(lambda d: d.kind == "return"):
            refunds = document.refund_ids.filtered(
                lambda i: i.state != "cancel")
            if not refunds or refunds.filtered(lambda i: i.state == "draft"):
                raise UserError(
                    _("%s cannot pass %s: validate its credit note first.")
                    % (document.name, node.name))

    def _crm_flow_enter_replace(self, node, outcome):
        for document in self.filtered(lambda d: d.kind == "exchange"):
            if not document.picking_ids.filtered(
                    lambda p: p.picking_type_code == "incoming"):
                document._create_replacement_picking()

    def _crm_flow_leave_replace(self, node, outcome):
        if outcome == "pass":
            self.filtered(lambda d: d.kind == "exchange")._check_pickings_done(
                "incoming", node)

    def _check_pickings_done(self, code, node):
        for document in self:
            pickings = document.picking_ids.filtered(
                lambda p: p.picking_type_code == code and p.state != "cancel")
            pending = pickings.filtered(lambda p: p.state != "done")
            if not pickings or pending:
                raise UserError(
                    _("%s cannot pass %s: validate the transfer %s first.")
                    % (document.name, node.name,
                       ", ".join(pending.mapped("name")) or "-"))

    # ------------------------------------------------------------------
    # Stock and accounting documents
    # ------------------------------------------------------------------
    def _create_return_pickings(self):
        """Reverse pickings of the purchase's receipts through Odoo's return
        wizard, receipt by receipt, for the chosen quantities."""
        self.ensure_one()
        remaining = {line.purchase_line_id.id: line.quantity
                     for line in self.line_ids}
        receipts = self.purchase_id.picking_ids.filtered(
            lambda p: p.picking_type_code == "incoming" and p.state == "done")
        Wizard = self.env["stock.return.picking"].sudo()
        for receipt in receipts.sorted("id"):
            wizard = Wizard.with_context(
                active_id=receipt.id, active_ids=receipt.ids,
                active_model="stock.picking").create({})
            todo = False
            for wizard_line in wizard.product_return_moves:
                line_id = wizard_line.move_id.purchase_line_id.id
                quantity = min(remaining.get(line_id, 0.0),
                               wizard_line.quantity)
                remaining[line_id] = remaining.get(line_id, 0.0) - quantity
                todo = todo or quantity > 0
                wizard_line.write({"quantity": quantity,
                                   "to_refund": self.kind == "return"})
            if todo:
                picking_id, __ = wizard._create_returns()
                picking = self.env["stock.picking"].browse(picking_id)
                picking.origin = "%s (%s)" % (self.name, picking.origin)
                self.picking_ids = [(4, picking_id)]
        if any(qty > 0.0001 for qty in remaining.values()):
            raise UserError(
                _("%s returns more than was received on %s.")
                % (self.name, self.purchase_id.name))

    def _create_refund(self):
        """Draft vendor credit note of the returned quantities at the
        purchase prices."""
        self.ensure_one()
        Invoice = self.env["account.invoice"].with_context(
            type="in_refund", journal_type="purchase")
        refund = Invoice.create({
            "partner_id": self.partner_id.id,
            "type": "in_refund",
            "origin": "%s, %s" % (self.name, self.purchase_id.name),
            "currency_id": self.currency_id.id,
            "company_id": self.company_id.id,
        })
        lines = []
        for line in self.line_ids:
            vals = refund._prepare_invoice_line_from_po_line(
                line.purchase_line_id)
            vals.update(quantity=line.quantity, price_unit=line.price_unit)
            lines.append((0, 0, vals))
        refund.write({"invoice_line_ids": lines})
        refund.compute_taxes()
        self.refund_ids = [(4, refund.id)]
        return refund

    def _create_replacement_picking(self):
        """Receipt of the replacement goods (not tied to the purchase lines,
        so the purchased and billed quantities stay as they were)."""
        self.ensure_one()
        order = self.purchase_id
        picking_type = order.picking_type_id
        picking = self.env["stock.picking"].sudo().create({
            "picking_type_id": picking_type.id,
            "partner_id": self.partner_id.id,
            "origin": "%s (%s)" % (self.name, order.name),
            "location_id": self.partner_id.property_stock_supplier.id,
            "location_dest_id": (
                picking_type.default_location_dest_id.id
                or order._get_destination_location()),
            "company_id": order.company_id.id,
            "move_lines": [(0, 0, {
                "name": line.product_id.display_name,
                "product_id": line.product_id.id,
                "product_uom": line.product_uom_id.id,
                "product_uom_qty": line.quantity,
                "location_id": self.partner_id.property_stock_supplier.id,
                "location_dest_id": (
                    picking_type.default_location_dest_id.id
                    or order._get_destination_location()),
                "picking_type_id": picking_type.id,
                "company_id": order.company_id.id,
                "price_unit": line.price_unit,
            }) for line in self.line_ids],
        })
        picking.action_confirm()
        picking.action_assign()
        self.picking_ids = [(4, picking.id)]
        return picking

    def _portal_confirm_date(self, date):
        """The supplier confirms when it takes the goods back (portal)."""
        self.ensure_one()
        flow_transition(self).supplier_date = date
        self.message_post(
            body=_("The supplier confirmed the date: %s") % date)
        return True

    @api.multi
    def action_open_pickings(self):
        self.ensure_one()
        action = self.env.ref("stock.action_picking_tree_all").read()[0]
        action["domain"] = [("id", "in", self.picking_ids.ids)]
        action["context"] = {}
        return action

    @api.multi
    def action_open_refunds(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree2").read()[0]
        action["domain"] = [("id", "in", self.refund_ids.ids)]
        action["context"] = {"type": "in_refund"}
        return action
