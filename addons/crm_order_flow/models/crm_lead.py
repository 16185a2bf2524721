import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class CrmLead(models.Model):
    """Opportunity handling for call-center sales: next contact, lost reason
    from the data dictionary, competitors, sales task, hand-over and
    urging."""

    _inherit = "crm.lead"

    cc_next_contact_date = fields.Datetime(
        "Next Contact", track_visibility="onchange")
    cc_lost_reason_id = fields.Many2one(
        "crm.dictionary", string="Lost Reason (Dictionary)",
        domain=[("dict_type", "=", "lost_reason")], ondelete="restrict",
        track_visibility="onchange")
    cc_competitor_note = fields.Text("Competitors")
    cc_product_ids = fields.Many2many(
        "product.product", string="Intended Products",
        help="What the customer is interested in.")
    cc_task_id = fields.Many2one(
        "crm.sales.task", string="Sales Task", index=True,
        ondelete="set null")
    cc_stage_deadline = fields.Date(
        "Expected at Next Stage", compute="_compute_cc_stage_deadline")
    cc_urge_count = fields.Integer("Urged", readonly=True, copy=False)
    cc_reminder_sent = fields.Boolean(
        "Appointment Reminder Sent", readonly=True, copy=False,
        help="The salesperson was reminded of the next contact; set again "
             "when the next contact changes.")

    @api.constrains("type", "partner_id", "source_id")
    def _check_cc_opportunity(self):
        """An opportunity names its customer and where it came from (OR-11);
        a lead may be incomplete until it is converted."""
        for lead in self:
            if lead.type == "opportunity" and not (lead.partner_id and lead.source_id):
                raise ValidationError(
                    _("The opportunity %s needs a customer and a source.") % lead.name)

    @api.depends("date_last_stage_update", "stage_id.cc_expected_days")
    def _compute_cc_stage_deadline(self):
        for lead in self:
            days = lead.stage_id.cc_expected_days
            if days and lead.date_last_stage_update:
                start = fields.Datetime.from_string(lead.date_last_stage_update)
                lead.cc_stage_deadline = fields.Date.to_string(
                    start.date() + fields.date.resolution * days)
            else:
                lead.cc_stage_deadline = False

    @api.multi
    def write(self, vals):
        if "cc_next_contact_date" in vals:
            vals = dict(vals, cc_reminder_sent=False)
        return super().write(vals)

    @api.model
    def _cc_send_appointment_reminders(self):
        """Cron: remind each salesperson of the contacts they planned
        (next contact date) within the coming minutes (system parameter
        ``crm_order_flow.reminder_minutes``, 15 by default), once."""
        minutes = int(self.env["ir.config_parameter"].sudo().get_param(
            "crm_order_flow.reminder_minutes", 15))
        now = fields.Datetime.from_string(fields.Datetime.now())
        horizon = now + datetime.timedelta(minutes=minutes)
        leads = self.sudo().search([
            ("cc_next_contact_date", "!=", False),
            ("cc_next_contact_date", "<=", fields.Datetime.to_string(horizon)),
            ("cc_reminder_sent", "=", False),
            ("user_id", "!=", False),
            ("active", "=", True),
            ("probability", "<", 100),
        ])
        for lead in leads:
            user = lead.user_id
            when = fields.Datetime.context_timestamp(
                lead.with_context(tz=user.tz or "Asia/Shanghai"),
                fields.Datetime.from_string(lead.cc_next_contact_date))
            lead.with_context(lang=user.lang).message_post(
                body=_("Appointment reminder: contact %s at %s (%s).")
                % (lead.partner_id.display_name or lead.contact_name or "-",
                   when.strftime("%Y-%m-%d %H:%M"),
                   lead.phone or lead.mobile or lead.partner_id.mobile
                   or lead.partner_id.phone or "-"),
                partner_ids=user.partner_id.ids,
                subtype="mail.mt_note")
        leads.write({"cc_reminder_sent": True})
        return len(leads)

    @api.multi
    def _action_cc_log_contact(self, note, next_contact=False):
        """Log a contact with the customer and plan the next one."""
        for lead in self:
            lead.message_post(body=note, subtype="mail.mt_note")
            if next_contact:
                lead.cc_next_contact_date = next_contact
                self.env["mail.activity"].create({
                    "res_id": lead.id,
                    "res_model_id": self.env["ir.model"]._get(lead._name).id,
                    "activity_type_id": self.env.ref(
                        "mail.mail_activity_data_call").id,
                    "summary": _("Call back %s") % lead.partner_id.display_name,
                    "date_deadline": fields.Datetime.from_string(
                        next_contact).date(),
                    "user_id": (lead.user_id or self.env.user).id,
                })
        return True

    @api.multi
    def _action_cc_mark_lost(self, reason):
        """Close as lost with a reason from the data dictionary."""
        if not reason or reason.dict_type != "lost_reason":
            raise UserError(_("Choose a lost reason from the data dictionary."))
        self.write({"cc_lost_reason_id": reason.id})
        return self.action_set_lost()

    @api.multi
    def action_cc_hand_over(self, user, note=False):
        """Hand the deal over to another salesperson (its owner or a
        supervisor may)."""
        is_supervisor = self.env.user.has_group(
            "crm_callcenter.group_supervisor")
        for lead in self:
            if lead.user_id != self.env.user and not is_supervisor:
                raise AccessError(
                    _("Only the owner of %s or a supervisor can hand it over.")
                    % lead.name)
        for lead in self:
            previous = lead.user_id
            lead.sudo().write({"user_id": user.id})
            # the former owner may no longer read the lead: post as them
            lead.sudo().message_post(
                author_id=self.env.user.partner_id.id,
                body=_("Handed over from %s to %s. %s")
                % (previous.name or "-", user.name, note or ""),
                partner_ids=user.partner_id.ids)
        return True

    @api.multi
    def action_cc_urge(self, note=False):
        """A manager urges (催办) the salesperson: a notification and a
        to-do due today."""
        if not self.env.user.has_group("crm_callcenter.group_supervisor"):
            raise AccessError(_("Only supervisors and managers can urge."))
        model_id = self.env["ir.model"]._get(self._name).id
        todo = self.env.ref("mail.mail_activity_data_todo")
        for lead in self.filtered("user_id"):
            lead.sudo().cc_urge_count += 1
            lead.message_post(
                body=_("Urged by %s: %s") % (self.env.user.name, note or ""),
                partner_ids=lead.user_id.partner_id.ids,
                subtype="mail.mt_comment")
            self.env["mail.activity"].sudo().create({
                "res_id": lead.id, "res_model_id": model_id,
                "activity_type_id": todo.id,
                "summary": _("Urged: %s") % (note or lead.name),
                "date_deadline": self.env.user.company_id._cc_today(),
                "user_id": lead.user_id.id,
            })
        return True
