from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..constants import (
    BULK_MESSAGE_MAX_RECIPIENTS,
    PARAM_BULK_MESSAGE_MAX_RECIPIENTS,
    SMS_FAILED,
    SMS_SENT,
)


class ResPartnerBulkMessage(models.TransientModel):
    """Send one SMS or email to every selected customer (or the whole current
    filter); each message is logged on its customer. Supervisors and
    Administrators only, to at most ``crm_callcenter.bulk_message_max_recipients``
    customers at a time (system parameter, 5,000 by default): SMS cost money
    and go out under the company's sender ID."""

    _name = "res.partner.bulk.message"
    _description = "Send SMS or Email to Customers"

    channel = fields.Selection([("sms", "SMS"), ("email", "Email")], required=True,
                               default="sms")
    gateway_id = fields.Many2one("crm.sms.gateway", string="SMS Gateway")
    subject = fields.Char()
    body = fields.Text(required=True)
    partner_ids = fields.Many2many("res.partner", string="Customers")
    result = fields.Text(readonly=True)

    @api.model
    def default_get(self, field_names):
        values = super().default_get(field_names)
        context = self.env.context
        if context.get("active_model") == "res.partner":
            partners = self.env["res.partner"].browse(context.get("active_ids") or [])
            if context.get("active_domain") and context.get("cc_whole_domain"):
                partners = self.env["res.partner"].search(
                    context["active_domain"], limit=self._cc_max_recipients() + 1)
            values["partner_ids"] = [(6, 0, partners.ids)]
        if "gateway_id" in field_names:
            values["gateway_id"] = self.env["crm.sms.gateway"].search([], limit=1).id
        return values

    @api.model
    def _cc_max_recipients(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_BULK_MESSAGE_MAX_RECIPIENTS)
        try:
            return max(int(value), 0) if value else BULK_MESSAGE_MAX_RECIPIENTS
        except ValueError:
            return BULK_MESSAGE_MAX_RECIPIENTS

    def _cc_check_can_send(self):
        user = self.env.user
        if not (user._is_superuser() or user.has_group("crm_callcenter.group_supervisor")
                or user.has_group("crm_callcenter.group_admin")):
            raise AccessError(_("Only Supervisors and Administrators send SMS or email "
                                "to several customers at once."))
        limit = self._cc_max_recipients()
        if len(self.partner_ids) > limit:
            raise UserError(_("At most %d customers can be written to at once; narrow the "
                              "selection.") % limit)

    @api.multi
    def action_send(self):
        self.ensure_one()
        self._cc_check_can_send()
        if not self.partner_ids:
            raise UserError(_("Choose the customers to write to."))
        if self.channel == "sms":
            result = self._send_sms()
        else:
            result = self._send_email()
        self.result = result
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}

    def _send_sms(self):
        if not self.gateway_id:
            raise UserError(_("Choose an SMS gateway (Configuration > SMS Gateways)."))
        Message = self.env["crm.sms.message"].sudo()
        sent = failed = skipped = 0
        for partner in self.partner_ids:
            number = partner.mobile_e164 or partner.mobile
            if not number:
                skipped += 1
                continue
            ok, detail = self.gateway_id._send(number, self.body)
            Message.create({"partner_id": partner.id, "number": number, "body": self.body,
                            "gateway_id": self.gateway_id.id, "user_id": self.env.uid,
                            "company_id": (self.gateway_id.company_id
                                           or self.env.user.company_id).id,
                            "state": SMS_SENT if ok else SMS_FAILED, "detail": detail})
            sent, failed = (sent + 1, failed) if ok else (sent, failed + 1)
        return _("SMS: %d sent, %d failed, %d customers without a mobile.") % (
            sent, failed, skipped)

    def _send_email(self):
        sent = skipped = 0
        for partner in self.partner_ids:
            if not partner.email:
                skipped += 1
                continue
            partner.message_post(body=self.body, subject=self.subject,
                                 message_type="comment", subtype="mail.mt_comment",
                                 partner_ids=[partner.id])
            sent += 1
        return _("Email: %d sent, %d customers without an email address.") % (sent, skipped)
