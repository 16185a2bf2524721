"""Expert seat (TK-9): when the agent is still talking to the customer on
the ticket's call, the escalation transfers that call to the expert's
extension."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmTicketEscalate(models.TransientModel):
    _inherit = "crm.ticket.escalate"

    call_live = fields.Boolean(compute="_compute_call_live")
    transfer_call = fields.Boolean(
        "Transfer the Call",
        help="Transfer the customer's call, which you are on, to the "
             "expert's extension.")
    attended = fields.Boolean(
        "Attended Transfer",
        help="Talk to the expert before the customer is put through.")

    @api.model
    def default_get(self, field_names):
        values = super().default_get(field_names)
        ticket = self._cc_ticket_of(values)
        if ticket and "transfer_call" in field_names:
            values.setdefault("transfer_call",
                              bool(ticket._cc_live_call_of_user()))
        return values

    @api.depends("ticket_id")
    def _compute_call_live(self):
        for wizard in self:
            wizard.call_live = bool(wizard.ticket_id._cc_live_call_of_user())

    def _cc_escalate_transfer(self, ticket, expert):
        transferred = super()._cc_escalate_transfer(ticket, expert)
        if self.transfer_call:
            if not ticket._cc_live_call_of_user():
                raise UserError(_("You are not on the call of ticket %s "
                                  "any more; escalate without transferring "
                                  "the call.") % ticket.name)
            if not expert.extension:
                raise UserError(_("%s has no extension to transfer the "
                                  "call to.") % expert.name)
            # (as the agent: env.user would run it as the superuser)
            self.env["res.users"].cc_transfer(
                expert.extension, attended=self.attended)
            transferred = expert.extension
        return transferred
