"""Tickets and calls (CC-6, CC-7, TK-1, TK-4, TK-11): "New Ticket" in the
screen pop prefilled with the caller and the call, the caller's latest
tickets and service history in the pop."""
from odoo import api, fields, models


class CrmCall(models.Model):
    _inherit = "crm.call"

    ticket_ids = fields.One2many("crm.ticket", "call_id", "Tickets Taken")
    partner_ticket_ids = fields.Many2many(
        "crm.ticket", compute="_compute_partner_ticket_ids", string="Latest Tickets",
        recursive=True)  # for the call read only (crm_telephony's crm.call)
    partner_service_ids = fields.Many2many(
        "crm.ticket.service", compute="_compute_partner_service_ids",
        string="Service History", recursive=True)

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

    @api.depends("partner_id")
    def _compute_partner_service_ids(self):
        Service = self.env["crm.ticket.service"]
        for call in self:
            call.partner_service_ids = Service.search(
                [("partner_id", "=", call.partner_id.id)], limit=10) \
                if call.partner_id else Service

    @api.multi
    def action_cc_new_ticket(self):
        self.ensure_one()
        action = self.env["crm.ticket"]._action_open_from_pop(
            self.partner_id.id, self.number or self.caller)
        action["context"]["default_call_id"] = self.id
        return action
