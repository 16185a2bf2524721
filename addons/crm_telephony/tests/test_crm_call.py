"""What the listener stores as calls (CC-5..CC-8): one record per call
whatever the replays, its agent, customer, result and recording, the pops
it sends, and who may read it."""
import datetime
import os
import tempfile

from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..telephony import calls
from .common import EPOCH, RECORDED, ListenerCase, facts_of, pop_sections_computed_for_others
from .test_telephony_transfers import sections as asterisk20_sections


class TestCrmCall(ListenerCase):

    def test_answered_call_and_one_pop(self):
        self.apply(facts_of("answered", before=[RECORDED]))
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        self.assertEqual(len(call), 1)
        self.assertEqual(
            (call.direction, call.state, call.result, call.hangup_side, call.talk_seconds,
             call.user_id, call.partner_id, call.queue, call.number_e164),
            ("inbound", "done", "answered", "agent", 9, self.users["agent"], self.customer,
             "support", "+8613800138000"))
        self.assertEqual(call.department_id, self.users["agent"].crm_department_id)
        self.assertEqual(call.number_location, "北京市 中国移动", "number region stored")
        self.assertLess(call.date_start, call.date_answer)
        self.assertLess(call.date_answer, call.date_end)
        self.assertTrue(call.recording.startswith("/var/spool/asterisk/monitor/2026"))
        self.assertTrue(call.recording.endswith("/%s.wav" % call.linkedid))
        pops = self.pops()
        self.assertEqual(len(pops), 1, "exactly one pop")
        partner_id, payload = pops[0]
        self.assertEqual(partner_id, self.users["agent"].partner_id.id, "to the agent only")
        self.assertEqual((payload["call_id"], payload["partner_id"], payload["number"]),
                         (call.id, self.customer.id, "+8613800138000"))
        self.assertEqual(payload["view_id"],
                         self.env.ref("crm_telephony.crm_call_view_form_pop").id)
        self.assertNotIn("action", payload, "the browser builds the pop from call_id (C2)")

    def test_replay_and_duplicates_never_double(self):
        self.apply(facts_of("answered"))
        self.apply(facts_of("answered"))  # a listener restart replays the stream
        self.apply(facts_of("duplicates"))
        self.apply(facts_of("garbage"))
        calls_ = self.Call.search([("pbx_id", "=", self.pbx.id)])
        self.assertEqual(len(calls_), 1)
        self.assertEqual(calls_.result, "answered")
        self.assertEqual(len(self.pops()), 1, "a pop is sent once per call and agent")

    def test_new_call_rings_and_pops_in_one_batch(self):
        # the listener's usual case: the call is new and its AgentCalled (here
        # twice) comes in the same batch; the call is stored already assigned
        self.apply(facts_of("duplicates"))
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        self.assertEqual((call.popped_extensions, call.user_id, call.agent_extension,
                          call.department_id),
                         ("1001", self.users["agent"], "1001",
                          self.users["agent"].crm_department_id))
        self.assertEqual([partner for partner, _ in self.pops()],
                         [self.users["agent"].partner_id.id], "one pop")
        self.apply(facts_of("duplicates"))  # replayed: stored before, no new pop
        self.assertEqual(len(self.pops()), 1)

    def forget_customer_number(self):
        self.customer.mobile = "139 1087 0002"

    def test_abandoned_unknown_caller(self):
        self.forget_customer_number()
        self.apply(facts_of("abandoned"))
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        self.assertEqual((call.result, call.partner_id.id, call.user_id, call.date_answer),
                         ("abandoned", False, self.agent3, False))
        self.assertTrue(call.partner_unknown)
        self.assertFalse(call.recording, "no recording for a call nobody answered")
        (partner_id, payload), = self.pops()
        self.assertEqual((partner_id, payload["partner_id"]), (self.agent3.partner_id.id, False))
        # the pop's "New Customer" opens a prefilled form; saving links the call
        action = call.sudo(self.agent3).action_cc_new_customer()
        context = action["context"]
        self.assertEqual(context["default_mobile"], "+8613800138000")
        partner = self.env["res.partner"].sudo(self.agent3).with_context(**context).create(
            {"name": "李四", "gender": "male", "cc_category_id": self.category.id})
        self.assertTrue(partner.cc_customer)
        self.assertEqual(call.partner_id, partner)
        self.assertEqual(partner.first_call_date, call.date_start)

    def test_unknown_caller_created_when_company_says_so(self):
        self.forget_customer_number()
        self.pbx.company_id.cc_auto_create_customer = True
        self.apply(facts_of("abandoned"))
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        self.assertTrue(call.partner_id)
        self.assertEqual(call.partner_id.mobile_e164, "+8613800138000")
        self.assertNotEqual(call.partner_id, self.customer)
        self.assertEqual(call.partner_id.first_call_date, call.date_start)
        self.assertEqual(self.pops()[0][1]["partner_id"], call.partner_id.id)

    def test_transfer_pops_both_agents(self):
        self.apply(facts_of("transfer"))
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        self.assertEqual((call.result, call.transfer_target, call.user_id),
                         ("transferred", "1002", self.users["agent"]))
        self.assertEqual(sorted(p for p, _ in self.pops()),
                         sorted([self.users["agent"].partner_id.id, self.agent2.partner_id.id]))

    def test_attended_transfer_on_asterisk_20(self):
        """Issue 16: the consultation leg (Local/1002@agents-...;2, caller ID
        1001) pops the customer to 1002, who may then open the call; the
        record keeps both agents' parts."""
        tracker, facts = calls.CallTracker(), []
        for index, event in enumerate(asterisk20_sections()["T6_Atxfer"]):
            facts += [calls.snapshot(fact) for fact in tracker.feed(event, EPOCH + index)]
        self.apply(facts)
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        self.assertEqual((call.result, call.user_id, call.transfer_user_id,
                          call.transfer_target, call.talk_seconds),
                         ("transferred", self.users["agent"], self.agent2, "1002", 12))
        self.assertGreater(call.transfer_talk_seconds, 0)
        self.assertEqual(sorted(p for p, _ in self.pops()),
                         sorted([self.users["agent"].partner_id.id, self.agent2.partner_id.id]))
        self.assertEqual(call.sudo(self.agent2).read(["number"])[0]["number"],
                         "+8613800138000", "the target opens the customer's call")
        with self.assertRaises(AccessError):
            call.sudo(self.agent3).read(["number"])

    def test_restart_mid_call(self):
        self.apply(facts_of("restart"))
        results = sorted(self.Call.search([("pbx_id", "=", self.pbx.id)]).mapped(
            lambda c: (c.agent_extension, c.result)))
        self.assertEqual(results, [("1001", "interrupted"), ("1002", "answered")])
        self.assertEqual(self.users["agent"].cc_agent_state, "ready", "the restart freed him")

    def test_call_cut_by_the_pbx_is_closed_with_what_is_known(self):
        """Issue 16.6: a killed Asterisk writes no CDR for the call it cut:
        the record is closed at once, ended at the disconnection with the
        talk time so far, and says so; a CDR read later still replaces it."""
        facts = facts_of("restart")
        self.apply(facts)
        call = self.Call.search([("pbx_id", "=", self.pbx.id), ("result", "=", "interrupted")])
        (record,) = [fact.record for fact in facts
                     if isinstance(fact, calls.CallEnded) and fact.record.result == "interrupted"]
        self.assertEqual((call.state, call.cut_by_pbx, call.date_end, call.talk_seconds),
                         ("done", True, fields.Datetime.to_string(
                             datetime.datetime.utcfromtimestamp(record.end)),
                          int(round(record.end - record.answer))))
        self.assertGreater(call.talk_seconds, 0)
        complete = self.Call.search([("pbx_id", "=", self.pbx.id), ("result", "=", "answered")])
        self.assertFalse(complete.cut_by_pbx)

    def test_recording_only_when_there_is_one(self):
        """Issue 16.9: an answered call has a recording only when the PBX
        reported the file (CrmRecording after MixMonitor) or the pattern's
        file exists in the Recordings Folder; it had the pattern's path
        always, also when nothing was recorded."""
        with tempfile.TemporaryDirectory() as root:
            self.pbx.write({"recording_root": root,
                            "recording_pattern": root + "/{date}/{linkedid}.wav"})
            self.apply(facts_of("answered"))
            call = self.Call.search([("pbx_id", "=", self.pbx.id)])
            self.assertEqual((call.result, call.recording, call.has_recording),
                             ("answered", False, False), "nothing was recorded")
            with self.assertRaises(UserError):
                call.action_cc_play_recording()
            # the file is there: found under the folder
            day = datetime.datetime.utcfromtimestamp(EPOCH).strftime("%Y%m%d")
            os.makedirs(os.path.join(root, day))
            path = os.path.join(root, day, "1795577919.8.wav")
            open(path, "wb").close()
            call.unlink()
            self.apply(facts_of("answered"))
            call = self.Call.search([("pbx_id", "=", self.pbx.id)])
            self.assertEqual(call.recording, path)
            # a URL pattern: only what the PBX reported, by its file name
            self.pbx.write({"recording_pattern": "https://pbx.example.com/rec/{basename}"})
            call.unlink()
            self.apply(facts_of("answered"))
            self.assertFalse(self.Call.search([("pbx_id", "=", self.pbx.id)]).recording)
            self.Call.search([("pbx_id", "=", self.pbx.id)]).unlink()
            self.apply(facts_of("answered", before=[RECORDED]))
            self.assertEqual(self.Call.search([("pbx_id", "=", self.pbx.id)]).recording,
                             "https://pbx.example.com/rec/1795577919.8.wav")

    def test_has_recording_of_each_call(self):
        """The pop form's "has a recording", read for several calls at once
        by their agent: true for the recorded call only."""
        values = {"pbx_id": self.pbx.id, "caller": "+8613800138000", "direction": "inbound",
                  "user_id": self.users["agent"].id, "state": "done"}
        recorded = self.Call.create(dict(values, recording="/rec/a.wav"))
        silent = self.Call.create(values)
        empty = self.Call.create(dict(values, recording=""))
        read = self.Call.sudo(self.users["agent"]).browse(
            (recorded | silent | empty).ids).read(["has_recording"])
        self.assertEqual([row["has_recording"] for row in read], [True, False, False])
        silent.write({"recording": "/rec/b.wav"})
        self.assertTrue(silent.has_recording, "recomputed when the recording comes")

    def test_three_way_call_leg_belongs_to_the_call(self):
        """Issue 16.8: the third party's leg (the phone bar's Originate of
        Local/<number>@from-internal into the agent's room, its Uniqueid
        set to "<Linkedid>-3way-<n>") was stored as an outbound call whose
        agent extension was the dialled number: it is part of the call."""
        linkedid, leg = "1795580707.18", "1795580707.18-3way-51"

        def channel(name, uniqueid, linkedid_, prefix="", **extra):
            values = {prefix + "Channel": name, prefix + "Uniqueid": uniqueid,
                      prefix + "Linkedid": linkedid_, prefix + "CallerIDNum": "1001"}
            values.update(extra)
            return values
        trunk = channel("PJSIP/trunk-00000010", linkedid, linkedid,
                        CallerIDNum="+8613800138000", Queue="support")
        agent = channel("PJSIP/1001-00000011", "1795580707.19", linkedid, "Dest")
        one = channel("Local/013910870002@from-internal-00000012;1", leg, leg)
        two = channel("Local/013910870002@from-internal-00000012;2", leg + ";2", leg)
        third = channel("PJSIP/trunk-00000013", "1795580707.20", leg, "Dest")
        events = [
            dict(trunk, Event="QueueCallerJoin"),
            dict(trunk, Event="AgentCalled", Interface="PJSIP/1001", MemberName="Alice",
                 **agent),
            dict(trunk, Event="AgentConnect", Interface="PJSIP/1001", MemberName="Alice",
                 HoldTime="2", RingTime="2", **agent),
            dict(one, Event="Newchannel"), dict(two, Event="Newchannel"),
            dict(two, Event="DialBegin", DialString="trunk/013910870002", **third),
            dict(two, Event="DialEnd", DialStatus="ANSWER", **third),
            dict(trunk, Event="AgentComplete", Interface="PJSIP/1001", MemberName="Alice",
                 Reason="caller", TalkTime="60", HoldTime="2"),
            dict(trunk, Event="Hangup"),
            {"Event": "Hangup", "Channel": "PJSIP/1001-00000011", "Uniqueid": "1795580707.19",
             "Linkedid": linkedid},
        ]
        tracker, facts = calls.CallTracker(), []
        for index, event in enumerate(events):
            facts += [calls.snapshot(fact) for fact in tracker.feed(event, EPOCH + index)]
        self.assertFalse([f for f in facts if isinstance(f, calls.CallEnded)],
                         "the third party talks on")
        for index, event in enumerate([dict(third, Event="Hangup", Uniqueid="1795580707.20",
                                            Linkedid=leg),
                                       dict(two, Event="Hangup"), dict(one, Event="Hangup")]):
            facts += [calls.snapshot(fact) for fact in tracker.feed(event, EPOCH + 20 + index)]
        self.apply(facts)
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        self.assertEqual(call.mapped("linkedid"), [linkedid], "one call, no fake outbound call")
        self.assertEqual((call.direction, call.user_id, call.conference_number, call.state),
                         ("inbound", self.users["agent"], "013910870002", "done"))
        self.assertNotIn("013910870002", {getattr(f, "extension", None) for f in facts},
                         "the dialled number is no agent")

    def test_pop_read_computes_the_sections_of_its_call_only(self):
        """The pop form lists the caller's earlier calls; their profile,
        orders and tickets are not computed with it (a pop's read cost
        eleven calls' sections)."""
        agent = self.users["agent"]
        earlier = self.Call.browse([self.Call.create({
            "linkedid": "1795577000.%d" % index, "number": "13800138000",
            "partner_id": self.customer.id, "user_id": agent.id}).id for index in range(3)])
        call = self.Call.create({"linkedid": "1795577000.9", "number": "13800138000",
                                 "partner_id": self.customer.id, "user_id": agent.id})
        values, computed = pop_sections_computed_for_others(call.sudo(agent))
        self.assertEqual(sorted(values["partner_call_ids"]), sorted(earlier.ids))
        self.assertIn(self.customer.name, values["partner_summary"])
        self.assertEqual(computed, {})

    def test_who_sees_which_calls(self):
        self.apply(facts_of("answered", before=[RECORDED]))    # agent (1001), department A
        pbx2 = self.pbx.copy({"name": "Branch PBX"})  # same Linkedids, other PBX
        self.apply(facts_of("direct"), pbx2)  # agent2 (1002), department B
        own = self.Call.search([("user_id", "=", self.users["agent"].id)])
        other = self.Call.search([("user_id", "=", self.agent2.id)])
        self.assertTrue(own and other)
        Agent = self.Call.sudo(self.users["agent"])
        self.assertEqual(Agent.search([]), own)
        with self.assertRaises(AccessError):
            other.sudo(self.users["agent"]).read(["number"])
        with self.assertRaises(AccessError):
            other.sudo(self.users["agent"])._cc_recording_location()
        self.assertEqual(own.sudo(self.users["agent"])._cc_recording_location(),
                         ("file", own.recording))
        supervisor = self.Call.sudo(self.users["supervisor"]).search([])
        self.assertIn(own, supervisor)
        self.assertNotIn(other, supervisor, "another department's call")
        self.assertEqual(self.Call.sudo(self.users["manager"]).search(
            [("pbx_id", "in", (self.pbx | pbx2).ids)]), own | other)
        with self.assertRaises(AccessError):
            self.Call.sudo(self.users["agent"]).create({"number": "110"})
