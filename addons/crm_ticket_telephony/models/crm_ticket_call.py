"""Tickets and calls (CC-6, CC-7, TK-1, TK-4): "New Ticket" in the screen pop
prefilled with the caller and the call, the caller's latest tickets in the
pop, the ticket's calls (with their recordings) from the ticket."""
from odoo import _, api, fields, models


class CrmCall(models.Model):
    _inherit = "crm.call"

    ticket_ids = fields.One2many("crm.ticket", "call_id", "Tickets Taken")
    partner_ticket_ids = fields.Many2many(
        "crm.ticket", compute="_compute_partner_ticket_ids", string="Latest Tickets")

    @api.depends("partner_id", "number_e164")
    def _compute_partner_ticket_ids(self):
        Ticket = self.env["crm.ticket"]
        for call in self:
            if call.partner_id:
                domain = [("partner_id", "=", call.partner_id.id)]
            elif call.number:
                domain = [("contact_number", "=", call.number)]
            else:
                call.partner_ticket_ids = Ticket
                continue
            call.partner_ticket_ids = Ticket.search(domain, limit=5)

    @api.multi
    def action_cc_new_ticket(self):
        self.ensure_one()
        action = self.env["crm.ticket"]._action_open_from_pop(
            self.partner_id.id, self.number or self.caller)
        action["context"]["default_call_id"] = self.id
        return action


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
