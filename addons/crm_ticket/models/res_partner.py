from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cc_ticket_count = fields.Integer(
        "Tickets", compute="_compute_cc_ticket_count")

    def _compute_cc_ticket_count(self):
        groups = self.env["crm.ticket"].read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"])
        counts = {g["partner_id"][0]: g["partner_id_count"] for g in groups}
        for partner in self:
            partner.cc_ticket_count = counts.get(partner.id, 0)

    @api.multi
    def _notify_by_chat(self, message):
        """Odoo 11 formats the message for the chat bus before it looks at
        who gets it: with nobody to tell (a new ticket's "created" and
        tracking notes) that was a third of creating a ticket from the pop."""
        if not self:
            return None
        return super()._notify_by_chat(message)

    def _cc_get_usage_fields(self):
        return super()._cc_get_usage_fields() + [
            ("crm.ticket", "partner_id", _("tickets"))]

    @api.multi
    def action_cc_open_tickets(self):
        self.ensure_one()
        action = self.env.ref("crm_ticket.crm_ticket_action_query").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "default_contact_number": self.mobile or self.phone,
        }
        return action
