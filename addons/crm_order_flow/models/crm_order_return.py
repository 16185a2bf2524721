from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.crm_security.models.owned_fields import FLOW

#: what a return is about; frozen once it has passed review
RETURN_CONTENT_FIELDS = {"order_id", "kind", "line_ids"}


class CrmOrderReturn(models.Model):
    """A return or an exchange of goods from a shipped order. Each runs its
    own flow: review → goods received back (reverse picking) → credit note
    (return) or replacement delivery (exchange)."""

    _name = "crm.order.return"
    _description = "Order Return or Exchange"
    _inherit = ["mail.thread", "crm.flow.mixin"]
    _crm_flow_autostart = True
    _order = "id desc"

    name = fields.Char(
        "Reference", readonly=True, copy=False, default="/", index=True)
    kind = fields.Selection(
        [("return", "Return"), ("exchange", "Exchange")], required=True,
        default="return", track_visibility="onchange")
    order_id = fields.Many2one(
        "sale.order", string="Order", required=True, index=True,
        ondelete="restrict",
        domain=[("state", "in", ["sale", "done"])])
    partner_id = fields.Many2one(
        related="order_id.partner_id", store=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Entered by", default=lambda self: self.env.user,
        readonly=True)
    reason = fields.Text(required=True)
    line_ids = fields.One2many(
        "crm.order.return.line", "return_id", string="Products", copy=True)
    return_picking_id = fields.Many2one(
        "stock.picking", string="Return Delivery", readonly=True, copy=False)
    replacement_picking_id = fields.Many2one(
        "stock.picking", string="Replacement Delivery", readonly=True,
        copy=False)
    refund_invoice_id = fields.Many2one(
        "account.invoice", string="Credit Note", readonly=True, copy=False)
    amount_total = fields.Monetary(compute="_compute_amount_total")
    currency_id = fields.Many2one(
        related="order_id.currency_id", readonly=True)

    @api.depends("line_ids.quantity", "line_ids.sale_line_id.price_unit")
    def _compute_amount_total(self):
        for ret in self:
            ret.amount_total = sum(
                line.quantity * line.sale_line_id.price_unit
                for line in ret.line_ids)

    @api.constrains("line_ids", "order_id")
    def _check_lines(self):
        for ret in self:
            if ret.line_ids.filtered(lambda l: l.sale_line_id.order_id
                                     != ret.order_id):
                raise ValidationError(
                    _("Return %s can only contain products of order %s.")
                    % (ret.name, ret.order_id.name))

    @api.onchange("order_id")
    def _onchange_order_id(self):
        lines = [(5, 0, 0)]
        for sale_line in self.order_id.order_line.filtered(
                lambda l: l.qty_delivered > 0 and not l.is_delivery):
            lines.append((0, 0, {
                "sale_line_id": sale_line.id,
                "product_id": sale_line.product_id.id,
                "quantity": sale_line.qty_delivered,
            }))
        self.line_ids = lines

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "crm.order.return") or "/"
        ret = super().create(vals)
        ret._cc_check_returnable()
        return ret

    @api.multi
    def write(self, vals):
        if set(vals) & RETURN_CONTENT_FIELDS:
            self._cc_check_content_editable()
        return super().write(vals)

    def _cc_content_locked(self):
        """Past review (or out of its flow once started), the products and
        quantities are what the review accepted."""
        self.ensure_one()
        if self.flow_state == "draft":
            return False
        if self.flow_state != "running":
            return True
        return self.flow_node_id != self.sudo().flow_id._first_node()

    def _cc_check_content_editable(self):
        if FLOW.acts(self.env):
            return
        for ret in self:
            if ret._cc_content_locked():
                raise UserError(
                    _("%s has passed review: its products and quantities can "
                      "no longer be changed.") % ret.name)

    def _cc_check_returnable(self):
        for ret in self:
            order = ret.order_id
            if not order._cc_outgoing_pickings().filtered(
                    lambda p: p.state == "done"):
                raise UserError(
                    _("Order %s has not been shipped: void it instead of "
                      "returning it.") % order.name)
            lines = ret.line_ids.filtered(lambda l: l.quantity > 0)
            if not lines:
                raise UserError(_("Choose the products and quantities to %s.")
                                % dict(self._fields["kind"].selection)[ret.kind])
            for line in lines:
                if float_compare(line.quantity, line.sale_line_id.qty_delivered,
                                 precision_rounding=line.product_uom_rounding) > 0:
                    raise UserError(
                        _("Only %s of %s were delivered on %s.")
                        % (line.sale_line_id.qty_delivered,
                           line.product_id.display_name, order.name))

    # ------------------------------------------------------------------
    # Flow hooks (the user handling the step was checked by the engine;
    # stock and accounting documents are made with the company's rights)
    # ------------------------------------------------------------------
    def _crm_flow_enter_receive(self, node, outcome):
        for ret in self:
            if not ret.return_picking_id:
                ret.return_picking_id = ret._cc_create_return_picking()

    def _crm_flow_leave_receive(self, node, outcome):
        if outcome == "pass" and self.filtered(
                lambda r: r.return_picking_id.state != "done"):
            raise UserError(
                _("Validate the return delivery once the goods are back in "
                  "the warehouse."))

    def _crm_flow_enter_refund(self, node, outcome):
        for ret in self:
            if not ret.refund_invoice_id:
                ret.refund_invoice_id = ret._cc_create_credit_note()

    def _crm_flow_leave_refund(self, node, outcome):
        if outcome == "pass" and self.filtered(
                lambda r: r.refund_invoice_id.state not in ("open", "paid")):
            raise UserError(_("Validate the credit note first."))

    def _crm_flow_enter_replace(self, node, outcome):
        for ret in self:
            if not ret.replacement_picking_id:
                ret.replacement_picking_id = ret._cc_create_replacement()

    def _crm_flow_leave_replace(self, node, outcome):
        if outcome != "pass":
            return
        for ret in self:
            picking = ret.replacement_picking_id
            if picking.state != "done" or not picking.carrier_tracking_ref:
                raise UserError(
                    _("Ship the replacement of %s (validate its delivery with "
                      "a tracking number) before passing this step.")
                    % ret.name)

    # ------------------------------------------------------------------
    # Stock and accounting documents
    # ------------------------------------------------------------------
    def _cc_create_return_picking(self):
        """Reverse the order's deliveries for the returned quantities, with
        "to refund" set for returns so the order's delivered quantities
        go down."""
        self.ensure_one()
        remaining = {line.sale_line_id.id: line.quantity
                     for line in self.line_ids if line.quantity > 0}
        pickings = self.order_id._cc_outgoing_pickings().filtered(
            lambda p: p.state == "done").sudo()
        new_pickings = self.env["stock.picking"].sudo()
        for picking in pickings:
            wizard = self.env["stock.return.picking"].sudo().with_context(
                active_id=picking.id, active_ids=picking.ids).create({})
            any_qty = False
            for wline in wizard.product_return_moves:
                key = wline.move_id.sale_line_id.id
                qty = min(remaining.get(key, 0.0), wline.quantity)
                remaining[key] = remaining.get(key, 0.0) - qty
                wline.quantity = qty
                wline.to_refund = self.kind == "return"
                any_qty = any_qty or qty > 0
            if any_qty:
                picking_id, _type = wizard._create_returns()
                new_pickings |= new_pickings.browse(picking_id)
        left = [qty for qty in remaining.values() if not float_is_zero(
            qty, precision_digits=3)]
        if left or not new_pickings:
            raise UserError(
                _("The quantities of %s exceed what the deliveries of %s "
                  "can take back.") % (self.name, self.order_id.name))
        new_pickings.write({"origin": "%s %s" % (self.order_id.name,
                                                 self.name)})
        return new_pickings[:1]

    def _cc_create_credit_note(self):
        self.ensure_one()
        order = self.order_id.sudo()
        vals = order._prepare_invoice()
        vals.update({"type": "out_refund", "origin": "%s %s" % (
            order.name, self.name), "name": self.reason[:64]})
        Invoice = self.env["account.invoice"].sudo().with_context(
            type="out_refund")
        invoice = Invoice.create(vals)
        for line in self.line_ids.filtered(lambda l: l.quantity > 0):
            sale_line = line.sale_line_id.sudo()
            line_vals = sale_line._prepare_invoice_line(line.quantity)
            line_vals.update({"invoice_id": invoice.id,
                              "sale_line_ids": [(6, 0, sale_line.ids)]})
            self.env["account.invoice.line"].sudo().create(line_vals)
        invoice.compute_taxes()
        invoice.action_invoice_open()
        return invoice

    def _cc_create_replacement(self):
        self.ensure_one()
        order = self.order_id.sudo()
        picking_type = order.warehouse_id.out_type_id
        Picking = self.env["stock.picking"].sudo()
        picking = Picking.create({
            "picking_type_id": picking_type.id,
            "partner_id": order.partner_shipping_id.id,
            "location_id": picking_type.default_location_src_id.id,
            "location_dest_id": order.partner_shipping_id.
            property_stock_customer.id,
            "origin": "%s %s" % (order.name, self.name),
            "carrier_id": order.carrier_id.id,
            "move_lines": [(0, 0, {
                "name": line.product_id.display_name,
                "product_id": line.product_id.id,
                "product_uom_qty": line.quantity,
                "product_uom": line.product_id.uom_id.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": order.partner_shipping_id.
                property_stock_customer.id,
            }) for line in self.line_ids.filtered(lambda l: l.quantity > 0)],
        })
        picking.action_confirm()
        picking.action_assign()
        return picking
