"""The ticket's call (CC-7, TK-4, TK-9): the call during which it was taken,
its calls (with their recordings) from the ticket, and whether the agent is
still on that call when the ticket is escalated to an expert."""
from odoo import _, api, fields, models


class CrmTicket(models.Model):
    _inherit = "crm.ticket"

    call_id = fields.Many2one("crm.call", "Call", copy=False, readonly=True, index=True,
                              ondelete="set null",
                              help="The call during which the ticket was taken.")
    cc_call_count = fields.Integer("Calls", compute="_compute_cc_call_count")

    def _cc_call_domain(self):
        self.ensure_one()
        domain = [("id", "=", self.call_id.id)]
        if self.partner_id:
            domain = ["|", ("partner_id", "=", self.partner_id.id)] + domain
        return domain

    def _compute_cc_call_count(self):
        Call = self.env["crm.call"]
        for ticket in self:
            ticket.cc_call_count = Call.search_count(ticket._cc_call_domain())

    @api.multi
    def action_cc_calls(self):
        """The calls of this ticket and its customer, with their recordings
        (Agents see their own calls only)."""
        self.ensure_one()
        action = self.env.ref("crm_telephony.crm_call_action").read()[0]
        action.update(domain=self._cc_call_domain(), name=_("Calls of %s") % self.name)
        return action

    def _cc_live_call_of_user(self):
        """The ticket's call, if the current user is talking on it."""
        call = self.sudo().call_id
        if call and call.state == "talking" and call.user_id == self.env.user:
            return call
        return call.browse()
