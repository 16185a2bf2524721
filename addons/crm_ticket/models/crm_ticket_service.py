"""After-sales (TK-11): service records per customer and product, repair and
installation appointments on the ticket, service history on the customer and
in the screen pop."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SERVICE_KINDS = [
    ("on_site", "On-site Service"),
    ("phone", "Phone Support"),
    ("installation", "Installation"),
]
SERVICE_RESULTS = [
    ("resolved", "Resolved"),
    ("partial", "Partly Resolved"),
    ("unresolved", "Not Resolved"),
]
APPOINTMENT_FIELDS = ("technician_id", "appointment_start", "appointment_stop")


class CrmTicketService(models.Model):
    """One after-sales service given to a customer for a product: an on-site
    repair, an installation or phone support. Repair and installation
    tickets add one when their repair step is completed; agents add the
    others by hand."""

    _name = "crm.ticket.service"
    _description = "After-sales Service Record"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(
        "Number", required=True, readonly=True, copy=False, default="/",
        index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        ondelete="restrict", domain=[("cc_customer", "=", True)])
    product_id = fields.Many2one("product.product", string="Product",
                                 index=True, ondelete="restrict")
    kind = fields.Selection(SERVICE_KINDS, required=True, default="phone",
                            index=True, track_visibility="onchange")
    date = fields.Datetime(required=True, default=fields.Datetime.now,
                           index=True)
    technician_id = fields.Many2one(
        "res.users", string="Technician", index=True,
        default=lambda self: self.env.user, ondelete="restrict")
    ticket_id = fields.Many2one("crm.ticket", string="Ticket", index=True,
                                ondelete="set null")
    result = fields.Selection(SERVICE_RESULTS, required=True,
                              default="resolved", index=True,
                              track_visibility="onchange")
    notes = fields.Text()
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "crm.ticket.service") or "/"
        return super().create(vals)

    @api.onchange("ticket_id")
    def _onchange_ticket_id(self):
        ticket = self.ticket_id
        if ticket:
            self.partner_id = self.partner_id or ticket.partner_id
            self.product_id = self.product_id or ticket.product_id


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


class ResPartner(models.Model):
    _inherit = "res.partner"

    cc_service_ids = fields.One2many(
        "crm.ticket.service", "partner_id", string="Service History")
    cc_service_count = fields.Integer(
        "Services", compute="_compute_cc_service_count")

    def _compute_cc_service_count(self):
        groups = self.env["crm.ticket.service"].read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"])
        counts = {g["partner_id"][0]: g["partner_id_count"] for g in groups}
        for partner in self:
            partner.cc_service_count = counts.get(partner.id, 0)

    def _cc_get_usage_fields(self):
        return super()._cc_get_usage_fields() + [
            ("crm.ticket.service", "partner_id", _("service records"))]

    @api.multi
    def action_cc_open_services(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_ticket.crm_ticket_service_action").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
