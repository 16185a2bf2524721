"""Voicemail (CC-12): the dialplan records the caller's message and reports
it with ``UserEvent(CrmVoicemail,...)`` (docs/PBX.md); the message lands on
the call record, addressed to the agent whose extension is the mailbox (or
to the Supervisors when the mailbox is a queue's), who plays it and calls
back. The listener stores it (crm_call_store.py)."""
import os

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmCall(models.Model):
    _inherit = "crm.call"

    voicemail_box = fields.Char("Mailbox", readonly=True, index=True)
    voicemail_file = fields.Char(readonly=True, groups="crm_callcenter.group_admin")
    voicemail_duration = fields.Integer("Message Length (s)", readonly=True)
    voicemail_date = fields.Datetime("Message Left At", readonly=True)
    voicemail_user_id = fields.Many2one(
        "res.users", "Message For", index=True,
        help="The agent who must listen to the message and call back; empty when it "
             "was left in a queue's mailbox (Supervisors assign it).")
    voicemail_state = fields.Selection(
        [("new", "New"), ("done", "Handled")], "Voicemail", readonly=True, index=True)

    @api.multi
    def action_cc_play_voicemail(self):
        self.ensure_one()
        if not self.voicemail_state:
            raise UserError(_("This call has no voicemail."))
        return {"type": "ir.actions.act_url", "target": "new",
                "url": "/crm_callcenter/recording/%d?what=voicemail" % self.id}

    @api.multi
    def action_cc_voicemail_done(self):
        """The message was listened to and dealt with."""
        for call in self:
            call.check_access_rule("write")
            if not call.voicemail_state:
                raise UserError(_("This call has no voicemail."))
        self.sudo().write({"voicemail_state": "done"})
        return True

    def _cc_media_location(self, what):
        if what != "voicemail":
            return super()._cc_media_location(what)
        if not self.voicemail_file:
            return False
        pattern = self.pbx_id.voicemail_pattern or "{file}"
        return pattern.format(file=self.voicemail_file,
                              basename=os.path.basename(self.voicemail_file))
