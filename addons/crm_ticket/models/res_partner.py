from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cc_ticket_count = fields.Integer(
        "Tickets", compute="_compute_cc_ticket_count")
    cc_service_ids = fields.One2many(
        "crm.ticket.service", "partner_id", string="Service History")
    cc_service_count = fields.Integer(
        "Services", compute="_compute_cc_service_count")

    def _compute_cc_ticket_count(self):
        groups = self.env["crm.ticket"].read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"])
        counts = {g["partner_id"][0]: g["partner_id_count"] for g in groups}
        for partner in self:
            partner.cc_ticket_count = counts.get(partner.id, 0)

    def _compute_cc_service_count(self):
        groups = self.env["crm.ticket.service"].read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"])
        counts = {g["partner_id"][0]: g["partner_id_count"] for g in groups}
        for partner in self:
            partner.cc_service_count = counts.get(partner.id, 0)

    @api.multi
    def _notify_by_chat(self, message):
        """A ticket's message with nobody to tell (a new ticket's "created"
        and tracking notes) is not formatted for the chat bus; Odoo 11 does
        that before it looks at the recipients, a third of creating a ticket
        from the pop. Only for messages posted by ``crm.ticket.message_post``
        (context key ``crm_ticket_post``): other models are left as they are."""
        if not self and self._context.get("crm_ticket_post"):
            return None
        return super()._notify_by_chat(message)

    def _cc_get_usage_fields(self):
        return super()._cc_get_usage_fields() + [
            ("crm.ticket.service", "partner_id", _("service records")),
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

    @api.multi
    def action_cc_open_services(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_ticket.crm_ticket_service_action").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
