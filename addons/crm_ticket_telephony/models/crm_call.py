"""The customer's service history in the screen pop (TK-11)."""
from odoo import api, fields, models


class CrmCall(models.Model):
    _inherit = "crm.call"

    partner_service_ids = fields.Many2many(
        "crm.ticket.service", compute="_compute_partner_service_ids",
        string="Service History")

    @api.depends("partner_id")
    def _compute_partner_service_ids(self):
        Service = self.env["crm.ticket.service"]
        for call in self:
            call.partner_service_ids = Service.search(
                [("partner_id", "=", call.partner_id.id)], limit=10) \
                if call.partner_id else Service
