"""After-sales (TK-11) on the ticket: the product, the repair or installation
appointment and its technician; the ticket's service records."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_ticket_service import APPOINTMENT_FIELDS


class CrmTicket(models.Model):
    _inherit = "crm.ticket"

    product_id = fields.Many2one("product.product", string="Product",
                                 index=True, ondelete="restrict")
    technician_id = fields.Many2one(
        "res.users", string="Technician", index=True,
        track_visibility="onchange",
        help="Who goes on site for the repair or installation appointment.")
    appointment_start = fields.Datetime(index=True,
                                        track_visibility="onchange")
    appointment_stop = fields.Datetime("Appointment End")
    service_ids = fields.One2many("crm.ticket.service", "ticket_id",
                                  string="Service Records")
    service_count = fields.Integer(compute="_compute_service_count")

    @api.depends("service_ids")
    def _compute_service_count(self):
        for ticket in self:
            ticket.service_count = len(ticket.service_ids)

    @api.constrains("appointment_start", "appointment_stop")
    def _check_appointment(self):
        for ticket in self:
            if ticket.appointment_start and ticket.appointment_stop and \
                    ticket.appointment_stop < ticket.appointment_start:
                raise ValidationError(
                    _("The appointment of ticket %s ends before it starts.")
                    % ticket.name)

    @api.onchange("appointment_start")
    def _onchange_appointment_start(self):
        if self.appointment_start and not self.appointment_stop:
            start = fields.Datetime.from_string(self.appointment_start)
            self.appointment_stop = fields.Datetime.to_string(
                start + timedelta(hours=2))

    @api.model
    def create(self, vals):
        ticket = super().create(vals)
        context = self.env.context
        if (vals.get("technician_id") or context.get("default_technician_id")) \
                and ticket.technician_id and ticket.appointment_start:
            ticket._notify_appointment()
        return ticket

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if {"technician_id", "appointment_start"} & set(vals):
            self.filtered(lambda t: t.technician_id and t.appointment_start
                          )._notify_appointment()
        return result

    def _crm_flow_unlocked_fields(self):
        """Appointments can be made whatever step the ticket is at."""
        return super()._crm_flow_unlocked_fields() | set(APPOINTMENT_FIELDS)

    def _notify_appointment(self):
        """A to-do for the technician on the day of the appointment."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get(self._name)
        Activity = self.env["mail.activity"].sudo()
        for ticket in self:
            user = ticket.technician_id
            start = fields.Datetime.context_timestamp(
                ticket.with_context(tz=user.tz or self.env.user.tz or "UTC"),
                fields.Datetime.from_string(ticket.appointment_start))
            summary = _("Appointment: %s") % ticket.name
            Activity.search([
                ("res_model_id", "=", model.id), ("res_id", "=", ticket.id),
                ("summary", "=", summary)]).unlink()
            Activity.create({
                "res_model_id": model.id, "res_id": ticket.id,
                "activity_type_id": todo.id, "user_id": user.id,
                "date_deadline": fields.Date.to_string(start.date()),
                "summary": summary,
                "note": _("%s at %s, %s, %s") % (
                    dict(self._fields["acceptance_type"]._description_selection(
                        self.env))[ticket.acceptance_type],
                    start.strftime("%Y-%m-%d %H:%M"),
                    ticket.partner_id.display_name or ticket.contact_name or "",
                    ticket.contact_number or ""),
            })
            ticket.sudo().message_subscribe_users(user_ids=user.ids)

    def _crm_flow_leave_repair_done(self, node, outcome):
        result = super()._crm_flow_leave_repair_done(node, outcome)
        if outcome == "pass":
            self._create_service_records()
        return result

    def _create_service_records(self):
        """The service record of a completed on-site repair or
        installation."""
        Service = self.env["crm.ticket.service"].sudo()
        for ticket in self.filtered("partner_id"):
            kind = "installation" \
                if ticket.acceptance_type == "installation" else "on_site"
            Service.create({
                "partner_id": ticket.partner_id.id,
                "product_id": ticket.product_id.id,
                "kind": kind,
                "date": ticket.repair_date or fields.Datetime.now(),
                "technician_id": (ticket.arrival_user_id
                                  or ticket.technician_id
                                  or self.env.user).id,
                "ticket_id": ticket.id,
                "result": "resolved",
                "notes": ticket.repair_note,
                "company_id": ticket.company_id.id,
            })

    @api.multi
    def action_open_services(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_ticket.crm_ticket_service_action").read()[0]
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {
            "default_ticket_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_product_id": self.product_id.id,
        }
        return action
