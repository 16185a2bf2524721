"""Orders in the screen pop (CC-6) and on call records (CC-7): the
caller's latest orders, "New Order" prefilled with customer and call, and
the orders taken during a call."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmCall(models.Model):
    _inherit = "crm.call"

    order_ids = fields.One2many("sale.order", "cc_call_id", "Orders Taken")
    partner_order_ids = fields.Many2many(
        "sale.order", compute="_compute_partner_order_ids", string="Latest Orders",
        recursive=True)  # for the call read only (crm_telephony's crm.call)

    @api.depends("partner_id")
    def _compute_partner_order_ids(self):
        Order = self.env["sale.order"]
        for call in self:
            call.partner_order_ids = Order.search(
                [("partner_id", "child_of", call.partner_id.commercial_partner_id.id)],
                limit=5) if call.partner_id else Order

    @api.multi
    def action_cc_new_order(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(_("Create or choose the customer first."))
        action = self.env["sale.order"]._cc_new_order_action(self.partner_id.id,
                                                             self.linkedid or str(self.id))
        action["context"]["default_cc_call_id"] = self.id
        return action
