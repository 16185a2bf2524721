"""Voicemail (CC-12): a message left reaches its mailbox's agent or the
Supervisors; playback and "handled" follow the call's access rules."""

from odoo.exceptions import AccessError, UserError

from .common import ListenerCase, facts_of


class TestCrmCallVoicemail(ListenerCase):

    def test_voicemail(self):
        """CC-12: a message left after an abandoned queue call reaches the
        agent whose extension is the mailbox; a queue's mailbox goes to the
        Supervisors; playback and "handled" follow the call's access rules."""
        linkedid = facts_of("abandoned")[0].record.linkedid

        def message(mailbox, name, linked=linkedid):
            return {"Event": "UserEvent", "UserEvent": "CrmVoicemail", "Linkedid": linked,
                    "CallerIDNum": "+8613900139000", "Mailbox": mailbox, "Duration": "17",
                    "File": "/var/spool/asterisk/voicemail-crm/%s.wav" % name}
        left = message("1003", linkedid)
        self.apply(facts_of("abandoned", after=[left, dict(left)]))  # duplicated
        call = self.Call.search([("pbx_id", "=", self.pbx.id), ("linkedid", "=", linkedid)])
        self.assertEqual((call.result, call.voicemail_state, call.voicemail_user_id,
                          call.voicemail_box, call.voicemail_duration),
                         ("abandoned", "new", self.agent3, "1003", 17))
        self.assertEqual([(partner, m["call_id"]) for partner, m in
                          self.pops("crm_callcenter.voicemail")],
                         [(self.agent3.partner_id.id, call.id)], "told once, to its agent")
        mine = self.Call.sudo(self.agent3)
        self.assertIn(call, mine.search([("voicemail_state", "=", "new")]))
        self.assertEqual(mine.browse(call.id)._cc_recording_location("voicemail"),
                         ("file", "/var/spool/asterisk/voicemail-crm/%s.wav" % linkedid))
        with self.assertRaises(AccessError):
            mine.browse(call.id).read(["voicemail_file"])  # the PBX path: Administrators
        with self.assertRaises(AccessError):
            self.Call.sudo(self.agent2).browse(call.id)._cc_recording_location("voicemail")
        with self.assertRaises(AccessError):
            self.Call.sudo(self.agent2).browse(call.id).action_cc_voicemail_done()
        self.pbx.voicemail_pattern = "https://pbx.example.com/vm/{basename}"
        self.assertEqual(mine.browse(call.id)._cc_recording_location("voicemail"),
                         ("url", "https://pbx.example.com/vm/%s.wav" % linkedid))
        mine.browse(call.id).action_cc_voicemail_done()
        self.assertEqual(call.voicemail_state, "done")
        plain = self.Call.create({"direction": "inbound", "state": "done",
                                  "number": "13800138000", "linkedid": "no-voicemail"})
        with self.assertRaises(UserError):
            plain.action_cc_play_voicemail()

        # a queue's mailbox: nobody in particular, the Supervisors see it
        branch = self.pbx.copy({"name": "分部交换机"})  # its own numbering
        self.apply(facts_of("abandoned", after=[message("support", "q1")]), branch)
        queued = self.Call.search([("voicemail_box", "=", "support")])
        self.assertEqual(queued.pbx_id, branch)
        self.assertIn(queued, self.Call.sudo(self.users["supervisor"]).search([]))
        self.assertEqual((queued.voicemail_state, queued.voicemail_user_id.id), ("new", False))
        self.assertEqual(len(self.pops("crm_callcenter.voicemail")), 1)
