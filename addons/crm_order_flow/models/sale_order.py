from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_customer.spreadsheet.writer import write_xlsx
from odoo.addons.crm_flow.models.crm_flow_mixin import flow_transition
from odoo.addons.crm_security.models.owned_fields import FLOW

from ..money.chinese import AmountError, rmb_upper
from .sale_order_line import DELIVERY

SATISFACTION = [
    ("1", "Very dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very satisfied"),
]


class SaleOrder(models.Model):
    """Customer orders follow the call-center order flow: review →
    (custom reviews) → shipping → payment → receipt → follow-up."""

    _name = "sale.order"
    _inherit = ["sale.order", "crm.flow.mixin"]
    _crm_flow_autostart = True

    cc_entered_by_id = fields.Many2one(
        "res.users", string="Entered by", readonly=True, copy=False,
        default=lambda self: self.env.user, index=True,
        help="The agent who took the order.", groups="base.group_user")
    cc_department_id = fields.Many2one(
        "crm.department", string="Department", index=True, copy=False,
        default=lambda self: self.env.user.crm_department_id,
        help="Department of the entering agent, for statistics.")
    cc_channel = fields.Selection(
        [("phone", "Phone Call"), ("manual", "Entered Manually"),
         ("portal", "Portal")],
        string="Channel", default="manual", copy=False)
    cc_call_ref = fields.Char(
        "Call Reference", copy=False, readonly=True,
        help="Identifier of the call during which the order was taken.")
    cc_distributor_order = fields.Boolean(
        "Distributor Order", related="partner_id.commercial_partner_id."
        "cc_distributor", store=True, readonly=True)
    cc_satisfaction = fields.Selection(
        SATISFACTION, string="Satisfaction", copy=False)
    cc_followup_note = fields.Text("Follow-up Notes", copy=False, groups="base.group_user")
    cc_receipt_note = fields.Text("Receipt Notes", copy=False, groups="base.group_user")
    cc_reorder_of_id = fields.Many2one(
        "sale.order", string="Re-order of", readonly=True, copy=False)
    cc_price_out_of_bounds = fields.Boolean(
        "Outside Price Bounds", compute="_compute_cc_price_out_of_bounds",
        store=True)
    cc_return_ids = fields.One2many(
        "crm.order.return", "order_id", string="Returns and Exchanges")
    cc_return_count = fields.Integer(
        "Return Count", compute="_compute_cc_return_count")
    cc_amount_words = fields.Char(
        "Amount in Words", compute="_compute_cc_amount_words")
    cc_amount_upper = fields.Char(
        "Amount in Chinese Uppercase", compute="_compute_cc_amount_words")
    cc_portal_progress = fields.Char(
        "Progress", compute="_compute_cc_portal_progress", compute_sudo=True,
        help="What the customer sees on the portal: the order's step.")
    cc_tracking_refs = fields.Char(
        "Tracking Numbers", compute="_compute_cc_portal_progress",
        compute_sudo=True)
    cc_flow_code = fields.Char(
        related="flow_node_id.code", readonly=True)

    @api.depends("order_line.cc_price_out_of_bounds")
    def _compute_cc_price_out_of_bounds(self):
        for order in self:
            order.cc_price_out_of_bounds = any(
                order.order_line.mapped("cc_price_out_of_bounds"))

    @api.depends("cc_return_ids")
    def _compute_cc_return_count(self):
        for order in self:
            order.cc_return_count = len(order.cc_return_ids)

    @api.depends("flow_node_id", "flow_state")
    def _compute_cc_portal_progress(self):
        # portal customers read this: steps and pickings are read as the
        # company, only the step's name and tracking numbers come out
        states = dict(self._fields["flow_state"].selection)
        for order, privileged in zip(self, self.sudo()):
            if privileged.flow_state == "running":
                progress = privileged.flow_node_id.name
            elif privileged.flow_state == "done":
                progress = _("Completed")
            elif privileged.flow_state == "failed":
                progress = _("Being handled by our staff")
            else:
                progress = states.get(privileged.flow_state)
            order.cc_portal_progress = progress
            order.cc_tracking_refs = ", ".join(
                p.carrier_tracking_ref
                for p in privileged._cc_outgoing_pickings()
                if p.carrier_tracking_ref)

    @api.depends("amount_total", "currency_id")
    def _compute_cc_amount_words(self):
        for order in self:
            # English whether or not en_US is active: Odoo 11's
            # amount_to_text looks the language up among active ones only
            # and calls num2words(lang=False) when it is inactive (a
            # database made with --load-language=zh_CN alone)
            currency = order.currency_id.with_context(
                lang="en_US", active_test=False)
            order.cc_amount_words = currency.amount_to_text(
                order.amount_total) if currency else ""
            try:
                order.cc_amount_upper = rmb_upper(order.amount_total)
            except AmountError as error:
                # a typing slip of 17 digits: the order still opens and
                # prints, and the field says why it holds no amount
                order.cc_amount_upper = _(error.template) % error.params

    # ------------------------------------------------------------------
    # Locking: editable until review completes
    # ------------------------------------------------------------------
    def _cc_is_locked(self):
        self.ensure_one()
        return bool(self.flow_id) and self.state in ("sale", "done", "cancel")

    def _crm_flow_unlocked_fields(self):
        return super()._crm_flow_unlocked_fields() | {
            "cc_satisfaction", "cc_followup_note", "cc_receipt_note",
            "access_token", "procurement_group_id"}

    def _crm_flow_check_write(self, names):
        super()._crm_flow_check_write(names)
        if not names - self._crm_flow_unlocked_fields():
            return
        locked = self.filtered(lambda o: o._cc_is_locked())
        if locked:
            raise UserError(
                _("Order %s has passed review and can no longer be edited.")
                % locked[0].name)

    def _crm_flow_write(self, flow, node, state):
        # the flow log records each transition: no chatter tracking of the
        # order's fields on top of it
        return super(SaleOrder, self.with_context(
            tracking_disable=True))._crm_flow_write(flow, node, state)

    def _create_delivery_line(self, carrier, price_unit):
        # delivery's own cost line (also on a confirmed order): the token
        # lets it past the line lock and the supplier check
        return super(SaleOrder, DELIVERY.run(self))._create_delivery_line(
            carrier, price_unit)

    @api.model
    def _cc_new_order_action(self, partner_id, call_ref=False):
        """Window action opening a new order prefilled for the customer:
        what the screen pop's "New order" button returns."""
        context = {
            "default_partner_id": partner_id,
            "default_cc_channel": "phone",
        }
        if call_ref:
            context["default_cc_call_ref"] = call_ref
        return {
            "type": "ir.actions.act_window",
            "name": _("New Order"),
            "res_model": "sale.order",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    @api.multi
    def action_cc_new_return(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Return or Exchange"),
            "res_model": "crm.order.return",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_order_id": self.id},
        }

    @api.multi
    def action_cc_view_returns(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_order_flow.crm_order_return_action").read()[0]
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action

    def _cc_export_columns(self):
        """(header, function of an order) pairs of the .xlsx export."""
        states = dict(self._fields["flow_state"].selection)
        return [
            (_("Order"), lambda o: o.name),
            (_("Date"), lambda o: o.date_order),
            (_("Customer"), lambda o: o.partner_id.display_name),
            (_("Phone"), lambda o: o.partner_id.mobile or o.partner_id.phone),
            (_("Entered by"), lambda o: o.cc_entered_by_id.name),
            (_("Department"), lambda o: o.cc_department_id.name),
            (_("Products"), lambda o: "; ".join(
                "%s × %s" % (line.product_id.display_name, line.product_uom_qty)
                for line in o.order_line)),
            (_("Untaxed"), lambda o: o.amount_untaxed),
            (_("Total"), lambda o: o.amount_total),
            (_("Step"), lambda o: o.flow_node_id.name),
            (_("Flow Status"), lambda o: states.get(o.flow_state)),
            (_("Tracking Number"), lambda o: ", ".join(
                p.carrier_tracking_ref for p in o._cc_outgoing_pickings()
                if p.carrier_tracking_ref)),
        ]

    @api.multi
    def action_cc_export_xlsx(self):
        """Download the selected orders as an .xlsx file."""
        columns = self._cc_export_columns()
        rows = [[func(order) for _label, func in columns]
                for order in self.sorted("date_order")]
        data = write_xlsx([label for label, _func in columns], rows,
                          sheet_name=_("Orders"))
        self.env["crm.operation.log"]._record("export", "export", self)
        # for the exporter only (an unlinked attachment is readable by all)
        return self.env["crm.export.file"]._crm_download("orders.xlsx", data)

    # ------------------------------------------------------------------
    # Odoo's own actions stay consistent with the flow
    # ------------------------------------------------------------------
    @api.multi
    def action_confirm(self):
        # an order that entered the flow is confirmed by its review step
        # only; a failed or void one is not confirmed at all
        if not FLOW.acts(self.env):
            in_flow = self.filtered(lambda o: o.flow_state in ("running", "failed", "void"))
            # an order no flow has started yet (created before its flow
            # existed, or by server code that skips the start) is confirmed
            # only if no flow applies to it: otherwise it goes to review
            waiting = self.filtered(lambda o: o.flow_state not in (
                "running", "failed", "void", "done"))
            if waiting:
                in_flow |= waiting.browse(list(self.env["crm.flow"].sudo()._select_for(
                    waiting.sudo())))
            if in_flow:
                raise UserError(
                    _("This order is in the order flow: it is confirmed when it "
                      "passes review."))
        return super().action_confirm()

    @api.multi
    def action_cancel(self):
        if not FLOW.acts(self.env) and self.filtered(
                lambda o: o.flow_state in ("running", "done", "failed")):
            raise UserError(
                _("Orders in the order flow are voided by a supervisor from "
                  "the exception list."))
        return super().action_cancel()

    # ------------------------------------------------------------------
    # Flow hooks
    # ------------------------------------------------------------------
    def _crm_flow_leave_review(self, node, outcome):
        if outcome != "pass":
            return
        self._cc_check_review()
        # one by one: Odoo 11 confirms several orders with a product
        # re-invoiced at cost into "Expected singleton" (its analytic account)
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            order.action_confirm()

    def _cc_check_review(self):
        """Hook for review checks (price bounds...)."""
        for order in self:
            if not order.order_line:
                raise UserError(
                    _("Order %s has no lines; add products before it passes "
                      "review.") % order.name)
        problem = self.mapped("order_line.product_id")._cc_check_sellable()
        if problem:
            raise UserError(problem)
        if self.filtered("cc_price_out_of_bounds") and not self.env.user.has_group(
                "crm_callcenter.group_manager"):
            raise UserError(
                _("A negotiated price lies outside its price scheme's floor "
                  "and ceiling: only a Manager can pass this order's review."))

    def _cc_outgoing_pickings(self):
        return self.mapped("picking_ids").filtered(
            lambda p: p.picking_type_code == "outgoing"
            and p.state != "cancel")

    def _crm_flow_leave_ship(self, node, outcome):
        if outcome != "pass":
            return
        for order in self:
            pickings = order._cc_outgoing_pickings()
            if not pickings or pickings.filtered(lambda p: p.state != "done"):
                raise UserError(
                    _("Order %s cannot be marked shipped: its delivery is not "
                      "done yet. Validate the delivery order first.")
                    % order.name)
            if pickings.filtered(lambda p: not p.carrier_tracking_ref):
                raise UserError(
                    _("Enter the carrier's tracking number on the delivery of "
                      "%s before marking it shipped.") % order.name)

    def _crm_flow_leave_payment(self, node, outcome):
        if outcome != "pass":
            return
        for order in self:
            invoices = order.invoice_ids.filtered(
                lambda i: i.type == "out_invoice" and i.state != "cancel")
            if (not invoices or order.invoice_status == "to invoice"
                    or invoices.filtered(lambda i: i.state != "paid")):
                raise UserError(
                    _("Order %s is not paid: invoice it and register the "
                      "payment before passing this step.") % order.name)

    def _crm_flow_leave_followup(self, node, outcome):
        if outcome == "pass" and self.filtered(lambda o: not o.cc_satisfaction):
            raise UserError(
                _("Record the customer's satisfaction before closing the "
                  "follow-up."))

    # ------------------------------------------------------------------
    # Exceptions: void and re-order (supervisors)
    # ------------------------------------------------------------------
    def _cc_check_supervisor(self):
        if not self.env.user.has_group("crm_callcenter.group_supervisor"):
            raise AccessError(
                _("Only a supervisor can void or re-order an order."))

    @api.multi
    def action_cc_void(self, note=False):
        self._cc_check_supervisor()
        for order in self:
            if order.flow_state not in ("failed", "running", "draft"):
                raise UserError(
                    _("Order %s is %s and cannot be voided.")
                    % (order.name, dict(order._fields["flow_state"].selection)[
                        order.flow_state]))
            if order._cc_outgoing_pickings().filtered(
                    lambda p: p.state == "done"):
                raise UserError(
                    _("The goods of %s have been shipped: create a return "
                      "instead of voiding it.") % order.name)
        orders = flow_transition(self)
        orders.action_cancel()
        for order in orders:
            node = order.flow_node_id
            order._crm_flow_write(order.flow_id, node, "void")
            if node:
                order._crm_flow_log("void", node, node, "void", note)
        self.env["crm.operation.log"]._record(
            "flow", "flow", self, outcome={"selection": ["crm.flow.log", "outcome", "void"]})
        return True

    @api.multi
    def action_cc_reorder(self):
        """Copy an exception order back to the start of the flow and void
        the original."""
        self.ensure_one()
        self._cc_check_supervisor()
        if self.flow_state != "failed":
            raise UserError(
                _("Only orders in the exception list can be re-ordered."))
        new = self.copy({
            "cc_reorder_of_id": self.id,
            "cc_entered_by_id": self.cc_entered_by_id.id,
        })
        self.action_cc_void(note=_("Re-ordered as %s") % new.name)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": new.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
