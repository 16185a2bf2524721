from odoo import fields, models

from ..constants import SMS_STATES


class CrmSmsMessage(models.Model):
    """One SMS sent (or tried) to a customer: the per-customer log."""

    _name = "crm.sms.message"
    _inherit = ["crm.list.page.mixin"]
    _description = "SMS Message"
    _order = "id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", index=True,
                                 ondelete="cascade", readonly=True)
    number = fields.Char("Phone Number", readonly=True)
    body = fields.Text(readonly=True)
    gateway_id = fields.Many2one("crm.sms.gateway", readonly=True, ondelete="set null")
    user_id = fields.Many2one("res.users", string="Sent by", readonly=True,
                              default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", readonly=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    state = fields.Selection(SMS_STATES, readonly=True)
    detail = fields.Char(readonly=True)
