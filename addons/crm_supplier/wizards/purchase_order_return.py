from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PurchaseOrderReturn(models.TransientModel):
    """From a completed purchase: choose products, quantities and a flow,
    and submit a return (退货) or an exchange (换货) with the supplier."""

    _name = "purchase.order.return"
    _description = "Return or Exchange with Supplier"

    purchase_id = fields.Many2one(
        "purchase.order", required=True, readonly=True)
    kind = fields.Selection(
        [("return", "Return"), ("exchange", "Exchange")], required=True,
        default="return")
    flow_id = fields.Many2one(
        "crm.flow", string="Processing Flow", required=True,
        domain=[("model", "=", "crm.supplier.return")])
    reason = fields.Text(required=True)
    line_ids = fields.One2many(
        "purchase.order.return.line", "wizard_id", string="Products")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        order = self.env["purchase.order"].browse(
            values.get("purchase_id")
            or self.env.context.get("default_purchase_id"))
        if not order:
            return values
        if order.state not in ("purchase", "done"):
            raise UserError(
                _("Only confirmed purchases whose goods were received can "
                  "go back to the supplier."))
        if "line_ids" in fields_list:
            values["line_ids"] = [
                (0, 0, {"purchase_line_id": line.id, "quantity": 0.0})
                for line in order.order_line if line.qty_received > 0]
        if "flow_id" in fields_list and not values.get("flow_id"):
            values["flow_id"] = self._default_flow_for(
                values.get("kind") or "return").id
        return values

    @api.onchange("kind")
    def _onchange_kind(self):
        self.flow_id = self._default_flow_for(self.kind)

    def _default_flow_for(self, kind):
        """First flow of returns whose simple conditions (``kind = ...``)
        fit; the user may still choose another."""
        for flow in self.env["crm.flow"].search(
                [("model", "=", "crm.supplier.return")]):
            leaves = [leaf for leaf in flow._get_condition_domain()
                      if isinstance(leaf, (list, tuple))]
            if all(leaf[2] == kind for leaf in leaves
                   if leaf[0] == "kind" and leaf[1] == "="):
                return flow
        return self.env["crm.flow"]

    def _flow_applying_to(self, document):
        """The chosen flow when it may run the new document: active, with an
        active step, of the user's companies, and its condition matching;
        otherwise none (the flow engine then picks the first that fits).
        The client may put any flow id in the wizard."""
        flow = self.flow_id.sudo()
        if not (flow and flow.active and flow.model == document._name
                and flow.node_ids.filtered("active")
                and (not flow.company_id
                     or flow.company_id in self.env.user.company_ids)):
            return self.env["crm.flow"]
        if not document.search([("id", "=", document.id)]
                               + flow._get_condition_domain(uid=self.env.uid)):
            return self.env["crm.flow"]
        return self.flow_id

    @api.multi
    def action_submit(self):
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.quantity > 0)
        if not lines:
            raise UserError(
                _("Enter the quantity of at least one product."))
        document = self.env["crm.supplier.return"].create({
            "kind": self.kind,
            "purchase_id": self.purchase_id.id,
            "reason": self.reason,
            "line_ids": [(0, 0, {"purchase_line_id": line.purchase_line_id.id,
                                 "quantity": line.quantity})
                         for line in lines],
        })
        document.crm_flow_start(flow=self._flow_applying_to(document) or None)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.supplier.return",
            "res_id": document.id,
            "view_mode": "form",
            "target": "current",
        }
