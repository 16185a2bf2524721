"""Voicemail (CC-12): the dialplan records the caller's message and reports
it with ``UserEvent(CrmVoicemail,...)`` (docs/PBX.md); the message lands on
the call record, addressed to the agent whose extension is the mailbox (or
to the Supervisors when the mailbox is a queue's), who plays it and calls
back."""
import os

from psycopg2.extras import execute_values

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
        """One UPDATE for the batch; a message already stored (a replay
        after a listener restart) changes nothing and is not announced
        again."""
        agents = self.env["res.users"].sudo()._cc_agents_by_extension(pbx.company_id)
        rows = execute_values(self.env.cr._obj, """
            UPDATE crm_call c
               SET voicemail_box = v.mailbox, voicemail_file = v.file,
                   voicemail_duration = v.duration::int,
                   voicemail_date = v.at::timestamp, voicemail_user_id = v.user_id::int,
                   voicemail_state = COALESCE(c.voicemail_state, 'new')
              FROM (VALUES %s) AS v (linkedid, mailbox, file, duration, at, user_id)
             WHERE c.pbx_id = {} AND c.linkedid = v.linkedid
               AND c.voicemail_file IS DISTINCT FROM v.file
         RETURNING c.id, c.number, c.caller, c.voicemail_user_id""".format(int(pbx.id)), [
            (fact["linkedid"], fact.get("mailbox"), fact["file"], fact.get("duration"),
             fields.Datetime.to_string(_utc(fact.get("at"))),
             getattr(agents.get(fact.get("mailbox") or ""), "id", None))
            for fact in messages], fetch=True)
        partners = {agent.id: agent.partner_id for agent in agents.values()}
        self.invalidate_cache(["voicemail_box", "voicemail_file", "voicemail_duration",
                               "voicemail_date", "voicemail_user_id", "voicemail_state"],
                              [row[0] for row in rows])
        self._cc_bus_send([
            ((self.env.cr.dbname, "res.partner", partners[user_id]), {
                "type": VOICEMAIL_TYPE, "call_id": call_id,
                "message": _("New voicemail from %s.") % (number or caller or "?")})
            for call_id, number, caller, user_id in rows if user_id in partners])

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
