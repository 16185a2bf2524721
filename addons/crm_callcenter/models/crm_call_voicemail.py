"""Voicemail (CC-12): the dialplan records the caller's message and reports
it with ``UserEvent(CrmVoicemail,...)`` (docs/PBX.md); the message lands on
the call record, addressed to the agent whose extension is the mailbox (or
to the Supervisors when the mailbox is a queue's), who plays it and calls
back."""
import os

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .crm_agent_state import _utc

VOICEMAIL_TYPE = "crm_callcenter.voicemail"


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

    @api.model
    def _cc_apply_facts(self, pbx, facts, parts="all"):
        result = super()._cc_apply_facts(pbx, facts, parts)
        messages = [fact for fact in facts if fact.get("kind") == "voicemail"]
        if messages and parts in ("all", "calls"):
            self._cc_store_voicemails(pbx.sudo(), messages)
        return result

    def _cc_store_voicemails(self, pbx, messages):
        cr = self.env.cr
        agents = self.env["res.users"].sudo()._cc_agents_by_extension(pbx.company_id)
        notifications = []
        for fact in messages:
            agent = agents.get(fact.get("mailbox") or "")
            cr.execute("""
                UPDATE crm_call
                   SET voicemail_box = %s, voicemail_file = %s, voicemail_duration = %s,
                       voicemail_date = %s, voicemail_user_id = %s,
                       voicemail_state = COALESCE(voicemail_state, 'new')
                 WHERE pbx_id = %s AND linkedid = %s
                RETURNING id, number, caller, voicemail_state""", (
                fact.get("mailbox"), fact["file"], fact.get("duration"),
                fields.Datetime.to_string(_utc(fact.get("at"))),
                agent.id if agent else None, pbx.id, fact["linkedid"]))
            row = cr.fetchone()
            if row and agent and row[3] == "new":
                notifications.append(((cr.dbname, "res.partner", agent.partner_id), {
                    "type": VOICEMAIL_TYPE, "call_id": row[0],
                    "message": _("New voicemail from %s.") % (row[1] or row[2] or "?")}))
        self.invalidate_cache(["voicemail_box", "voicemail_file", "voicemail_duration",
                               "voicemail_date", "voicemail_user_id", "voicemail_state"])
        self._cc_bus_send(notifications)

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
