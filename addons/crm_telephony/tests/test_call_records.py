"""What the AMI listener stores (CC-5..CC-8): the recorded scenarios are
replayed through the same CallTracker and snapshots the listener takes,
then written by ``crm.call.store._store_facts`` into the real database;
the bus messages it sends are read back from ``bus.bus``."""
import base64
import contextlib
import datetime
import json
import os
import tempfile
from unittest import mock

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_resource

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from ..telephony import ami, calls
from .test_telephony_calls import stream
from .test_telephony_transfers import sections as asterisk20_sections

EPOCH = 1795577919
#: what the documented dialplan sends after MixMonitor (docs/PBX.md)
RECORDED = {"Event": "UserEvent", "UserEvent": "CrmRecording", "Linkedid": "1795577919.8",
            "Uniqueid": "1795577919.8",
            "File": "/var/spool/asterisk/monitor/20261125/1795577919.8.wav"}


@contextlib.contextmanager
def clock_at(epoch):
    """The call center's clock (``localtime.utcnow``) pinned to ``epoch``:
    "today" is then the replayed calls' day, whatever day the test runs."""
    moment = datetime.datetime.utcfromtimestamp(epoch)
    with mock.patch.object(localtime, "utcnow", return_value=moment):
        yield moment


def local_epoch(tz_name, day, hour, minute):
    """Epoch seconds of a local wall-clock time in ``tz_name``."""
    tz = localtime.zone(tz_name)
    moment = tz.localize(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return int(moment.timestamp())


def facts_of(name, style="pjsip", tracker=None, before=(), after=(), start=EPOCH):
    """Replay a scenario file like the listener does (a second banner means
    the link was lost); typed facts, snapshots taken when they happen (one second
    per message from ``start``)."""
    tracker = tracker or calls.CallTracker()
    facts, connections = [], 0
    messages = [ami.Message(event) for event in before] + stream("%s-%s" % (name, style)) \
        + [ami.Message(event) for event in after]
    for index, message in enumerate(messages):
        now = start + index
        found = []
        if message.kind == "banner":
            if connections:  # the listener resynchronises after each login
                found = tracker.on_disconnect(now) + tracker.resync(None, now)
            connections += 1
        elif message.kind == "event":
            found = tracker.feed(message, now)
        facts += [calls.snapshot(fact) for fact in found]
    return facts


class TestCallRecords(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        Users.search([("extension", "in", ("1001", "1002", "1003"))]).write(
            {"extension": False})  # the scenarios' extensions are our test agents'
        department = cls.env["crm.department"].create({"name": "热线一组"})
        other = cls.env["crm.department"].create({"name": "售后组"})
        cls.users["agent"].write({"extension": "1001", "crm_department_id": department.id})
        cls.users["supervisor"].write({"crm_department_id": department.id})
        cls.agent2 = Users.create({
            "name": "CC agent 2", "login": "cc_agent2",
            "email": "a2@example.com", "extension": "1002",
            "crm_department_id": other.id,
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        cls.agent3 = Users.create({
            "name": "CC agent 3", "login": "cc_agent3",
            "email": "a3@example.com", "extension": "1003",
            "crm_department_id": department.id,
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        cls.pbx = cls.env["crm.pbx"].create({
            "name": "Test PBX", "username": "callcenter", "secret": "s3cret",
            "recording_pattern": "/var/spool/asterisk/monitor/{date}/{linkedid}.wav"})
        # the scenarios' callers must be ours alone, whatever the database holds
        # (demo customers may have them: hide them from the lookup, in SQL
        # because the customer rules want a number on every customer)
        cls.env.cr.execute(
            "UPDATE res_partner SET phone_e164 = NULL, mobile_e164 = NULL "
            "WHERE phone_e164 IN %(n)s OR mobile_e164 IN %(n)s",
            {"n": ("+8613800138000", "+8613900139000")})
        cls.env["res.partner"].invalidate_cache()
        values = cls.customer_vals(cls, name="张三丰", mobile="138 0013 8000")
        cls.customer = cls.Partner.sudo(cls.users["agent"]).create(values)
        cls.Call = cls.env["crm.call"]
        cls.Store = cls.env["crm.call.store"]

    def apply(self, facts):
        return self.Store._store_facts(self.pbx, facts)

    def pops(self, kind="crm_callcenter.pop"):
        """Screen-pop (or other) bus messages sent so far: (partner id, payload)."""
        result = []
        for line in self.env["bus.bus"].sudo().search([], order="id"):
            message = json.loads(line.message)
            if isinstance(message, dict) and message.get("type") == kind:
                result.append((json.loads(line.channel)[2], message))
        return result

    def setUp(self):
        super().setUp()
        self.env["bus.bus"].sudo().search([]).unlink()

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
        self.assertTrue(call.number_location, "number region stored")
        self.assertTrue(call.date_start < call.date_answer < call.date_end)
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

    def test_pbx_link_lost_back_and_stopped(self):
        """Issue 16.5: while the PBX is down every agent (also one this
        listener never saw) shows "PBX Unreachable" on the phone bar; after
        the reconnection QueueStatus decides: members it does not report
        (lost by the restart) are logged out, not left "ready"; a clean stop
        makes everyone offline. The agents of another phone system of the
        company are left alone."""
        Users = self.env["res.users"].with_context(no_reset_password=True)
        unseen, elsewhere = [Users.create({
            "name": "CC agent %s" % extension, "login": "cc_agent%s" % extension,
            "extension": extension,
            "groups_id": [(6, 0, self.env.ref("crm_callcenter.group_agent").ids)]})
            for extension in ("1004", "1005")]
        branch = self.pbx.copy({"name": "Branch PBX"})

        def ready_from_before(user, pbx):
            """The state a listener of ``pbx`` stored before this one ran."""
            self.Store._store_facts(
                pbx, [calls.AgentStateChanged(user.extension, None, "ready")], "agents")
        ready_from_before(unseen, self.pbx)
        ready_from_before(elsewhere, branch)

        def member(extension):
            return {"Event": "QueueMember", "Queue": "support", "Name": extension,
                    "Location": "PJSIP/%s" % extension, "Membership": "dynamic",
                    "Status": "1", "Paused": "0", "InCall": "0", "Wrapuptime": "0"}
        tracker, now = calls.CallTracker(), EPOCH

        def step(facts):
            self.apply([calls.snapshot(fact) for fact in facts])
            self.assertEqual(elsewhere.cc_agent_state, "ready", "another PBX's agent")
            return {user.extension: user.cc_agent_state
                    for user in (self.users["agent"], self.agent2, self.agent3, unseen)}
        self.assertEqual(step(tracker.resync([member("1001"), member("1002")], now)),
                         {"1001": "ready", "1002": "ready", "1003": "offline",
                          "1004": "logged_out"})
        added = dict(member("1003"), Event="QueueMemberAdded", Interface="PJSIP/1003",
                     MemberName="1003")
        self.assertEqual(step(tracker.feed(added, now + 1))["1003"], "ready")
        ready_from_before(unseen, self.pbx)
        self.assertEqual(step(tracker.on_disconnect(now + 2)),
                         dict.fromkeys(("1001", "1002", "1003", "1004"), "unreachable"))
        bar = self.users["agent"].sudo(self.users["agent"]).cc_phone_bar()
        self.assertEqual((bar["state"], bar["label"]), ("unreachable", "PBX Unreachable"))
        # the PBX restarted without persistentmembers: 1003's QueueAdd is lost
        self.assertEqual(step(tracker.resync([member("1001"), member("1002")], now + 3)),
                         {"1001": "ready", "1002": "ready", "1003": "logged_out",
                          "1004": "logged_out"})
        self.assertEqual(step(tracker.on_stop(now + 4)),
                         dict.fromkeys(("1001", "1002", "1003", "1004"), "offline"))
        history = self.env["crm.agent.state.log"].search(
            [("user_id", "=", self.agent3.id)], order="date_start, id").mapped("state")
        self.assertEqual(history, ["ready", "unreachable", "logged_out", "offline"])

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

    def test_agent_state_history(self):
        self.apply(facts_of("pause"))
        self.assertEqual((self.agent2.cc_agent_state, self.agent2.cc_agent_state_reason),
                         ("ready", False))
        logs = self.env["crm.agent.state.log"].search([("user_id", "=", self.agent2.id)],
                                                      order="id")
        self.assertEqual(logs.mapped(lambda log: (log.state, log.reason or "")),
                         [("paused", "Lunch"), ("ready", "")])
        self.assertTrue(logs[0].date_end and not logs[1].date_end)
        bar = [json.loads(line.message) for line in self.env["bus.bus"].sudo().search([])]
        self.assertIn("ready", [m.get("state") for m in bar
                                if m.get("type") == "crm_callcenter.agent_state"])

    def test_phone_bar_state_for_the_agent(self):
        self.apply(facts_of("answered"))
        bar = self.env["res.users"].sudo(self.users["agent"]).cc_phone_bar()
        self.assertTrue(bar["enabled"])
        self.assertEqual(bar["state"], "ready")
        reasons = self.env["crm.dictionary"].search([("dict_type", "=", "pause_reason")])
        self.assertTrue(reasons)
        self.assertEqual(bar["pause_reasons"], reasons.mapped("name"))
        self.assertFalse(self.env["res.users"].sudo(self.agent2).cc_phone_bar()["state"]
                         != "offline", "agent2 has had no event yet")

    def test_who_sees_which_calls(self):
        self.apply(facts_of("answered", before=[RECORDED]))    # agent (1001), department A
        pbx2 = self.pbx.copy({"name": "Branch PBX"})  # same Linkedids, other PBX
        self.Store._store_facts(pbx2, facts_of("direct"))  # agent2 (1002), department B
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

    def test_customer_with_calls_cannot_be_deleted(self):
        self.apply(facts_of("answered"))
        with self.assertRaises(UserError):
            self.customer.sudo(self.users["manager"]).unlink()
        self.assertEqual(self.customer.cc_call_count, 1)

    def test_dial_refuses_bad_numbers(self):
        Users = self.env["res.users"].sudo(self.users["agent"])
        with self.assertRaises(UserError):
            Users.cc_dial("12ab")
        self.assertFalse(self.Call.search([("result", "=", "dialing"),
                                           ("user_id", "=", self.users["agent"].id)]))

    def test_live_monitor(self):
        facts = facts_of("answered")
        # stop just after the agent answered: the call is live
        answered = next(i for i, fact in enumerate(facts)
                        if isinstance(fact, calls.CallAnswered))
        self.apply(facts[:answered + 1])
        # the monitor looks at the replayed call's day, a minute after it rang
        with clock_at(EPOCH + 60):
            snapshot = self.Call.sudo(self.users["supervisor"]).cc_monitor()
        agents = {agent["extension"]: agent for agent in snapshot["agents"]}
        self.assertIn("1001", agents, "the supervisor's department agent")
        self.assertNotIn("1002", agents, "another department's agent")
        self.assertEqual(agents["1001"]["call"]["partner"], self.customer.name)
        live = [call for call in snapshot["calls"] if call["number"] == "+8613800138000"]
        self.assertEqual([call["state"] for call in live], ["talking"])
        self.assertIn("Test PBX", [pbx["name"] for pbx in snapshot["pbx"]])

        def support():
            with clock_at(EPOCH + 60):
                snapshot = self.Call.sudo(self.users["manager"]).cc_monitor()
            return [q for q in snapshot["queues"] if q["name"] == "support"] or [
                {"answered": 0, "waiting": 0}]
        before = support()[0]["answered"]  # (the database may hold that day's calls)
        self.apply(facts[answered + 1:])
        self.assertEqual(support()[0]["answered"], before + 1)
        self.assertEqual(support()[0]["waiting"], 0)
        managed = self.Call.sudo(self.users["manager"]).cc_monitor()["agents"]
        self.assertLessEqual({"1001", "1002"}, {a["extension"] for a in managed},
                             "a Manager sees every department")
        with self.assertRaises(AccessError):
            self.Call.sudo(self.users["agent"]).cc_monitor()
        pushed = self.env["bus.bus"].sudo().search([("message", "like", "crm_callcenter.monitor")])
        self.assertIn(self.users["supervisor"].partner_id.id,
                      [json.loads(line.channel)[2] for line in pushed])

    def _answered_today(self, epoch):
        with clock_at(epoch):
            queues = self.Call.sudo(self.users["manager"]).cc_monitor()["queues"]
        return sum(q["answered"] for q in queues if q["name"] == "support")

    def test_monitor_today_is_the_call_centers_day(self):
        """"Today" starts at the company's local midnight (Asia/Shanghai:
        16:00 UTC), not at UTC midnight: at 00:30 a call of 23:50 the evening
        before is yesterday's, one of 00:10 is today's; at 23:30 a call of
        23:20 is today's. Pinned clock: the same at any hour the test runs."""
        company = self.env.user.company_id
        company.cc_tz = "Asia/Shanghai"
        day = datetime.date.fromtimestamp(EPOCH) + datetime.timedelta(days=3)
        after_midnight = local_epoch("Asia/Shanghai", day, 0, 30)
        pbx_late, pbx_early, pbx_evening = (
            self.pbx.copy({"name": name}) for name in ("PBX late", "PBX early", "PBX evening"))
        before = self._answered_today(after_midnight)
        self.Store._store_facts(pbx_late, facts_of(
            "answered", start=local_epoch("Asia/Shanghai", day - datetime.timedelta(days=1),
                                          23, 50)))
        self.assertEqual(self._answered_today(after_midnight), before,
                         "a call of 23:50 yesterday (local) counted as today's")
        self.Store._store_facts(pbx_early, facts_of(
            "answered", start=local_epoch("Asia/Shanghai", day, 0, 10)))
        self.assertEqual(self._answered_today(after_midnight), before + 1,
                         "a call of 00:10 today (local) not counted")
        evening = local_epoch("Asia/Shanghai", day, 23, 30)
        before = self._answered_today(evening)
        self.Store._store_facts(pbx_evening, facts_of(
            "answered", start=local_epoch("Asia/Shanghai", day, 23, 20)))
        self.assertEqual(self._answered_today(evening), before + 1,
                         "a call of 23:20 (local) not counted at 23:30")

    def test_statistics_hour_is_local(self):
        """The hour of day of a call is the company's local hour."""
        self.env.user.company_id.cc_tz = "Asia/Shanghai"
        day = datetime.date.fromtimestamp(EPOCH) + datetime.timedelta(days=5)
        self.Store._store_facts(self.pbx, facts_of(
            "answered", start=local_epoch("Asia/Shanghai", day, 0, 30)))
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        row = self.env["crm.call.statistics"].search([("id", "=", call.id)])
        self.assertEqual(row.hour, 0, "00:30 in Beijing is hour 0, not 16 (UTC)")

    def test_statistics(self):
        self.apply(facts_of("answered"))
        pbx2 = self.pbx.copy({"name": "Branch PBX"})  # same Linkedids, other PBX
        self.Store._store_facts(pbx2, facts_of("abandoned"))
        Stats = self.env["crm.call.statistics"]
        domain = [("user_id", "in", (self.users["agent"] | self.agent3).ids)]
        total = Stats.read_group(domain, ["calls", "answered", "abandoned", "abandon_rate",
                                          "speed_of_answer", "talk_seconds"], [])[0]
        self.assertEqual((total["calls"], total["answered"], total["abandoned"]), (2, 1, 1))
        self.assertEqual(total["abandon_rate"], 50.0)
        self.assertEqual(total["talk_seconds"], 9)
        call = self.Call.search([("user_id", "=", self.users["agent"].id)])
        self.assertEqual(total["speed_of_answer"], call.wait_seconds)
        by_agent = Stats.sudo(self.users["agent"]).read_group([], ["calls", "user_id"], ["user_id"])
        self.assertEqual([g["user_id"][0] for g in by_agent], [self.users["agent"].id])

    def test_agent_time_and_occupancy(self):
        """CC-15: staffed time, talk, after-call work and occupancy from the
        agent state history; ratios from each group's sums."""
        Log = self.env["crm.agent.state.log"]
        start = datetime.datetime(2026, 11, 2, 1, 0)
        periods = [("ready", 600), ("ringing", 20), ("in_call", 300), ("wrapup", 60),
                   ("paused", 120), ("in_call", 200), ("wrapup", 40), ("offline", 5000)]
        for user in (self.users["agent"], self.agent2):
            at = start
            for state, seconds in periods[:len(periods) if user == self.agent2 else None]:
                end = at + datetime.timedelta(seconds=seconds)
                Log.create({"user_id": user.id, "department_id": user.crm_department_id.id,
                            "company_id": user.company_id.id, "state": state,
                            "date_start": at, "date_end": end, "duration": seconds})
                at = end
        Stats = self.env["crm.agent.statistics"]
        rows = Stats.read_group([("date_start", ">=", "2026-11-02 00:00:00"),
                                 ("date_start", "<", "2026-11-03 00:00:00")],
                                ["user_id", "logged_seconds", "talk_seconds", "wrapup_seconds",
                                 "avg_wrapup_seconds", "occupancy"], ["user_id"])
        figures = {row["user_id"][0]: row for row in rows}
        mine = figures[self.users["agent"].id]
        self.assertEqual((mine["logged_seconds"], mine["talk_seconds"], mine["wrapup_seconds"]),
                         (1340, 500, 100))
        self.assertEqual(mine["avg_wrapup_seconds"], 50.0)
        self.assertEqual(mine["occupancy"], 49.2)  # (500 + 100) / (600 + 20 + 500 + 100)
        # agents see their own figures, a Supervisor those of the department
        own = Stats.sudo(self.users["agent"]).read_group([], ["user_id", "occupancy"],
                                                         ["user_id"])
        self.assertEqual([row["user_id"][0] for row in own], [self.users["agent"].id])
        seen = {row["user_id"][0] for row in Stats.sudo(self.users["supervisor"]).read_group(
            [], ["user_id", "logged_seconds"], ["user_id"])}
        self.assertIn(self.users["agent"].id, seen)
        self.assertNotIn(self.agent2.id, seen, "agent2 is in another department")

    def test_cdr_reconciliation(self):
        """Calls the listener missed are recovered from Master.csv, an
        interrupted one is completed, a complete one left alone, nothing
        doubled, bad lines reported; the file is read incrementally."""
        self.apply(facts_of("restart"))  # 1001's call interrupted, 1002's complete
        interrupted = self.Call.search([("pbx_id", "=", self.pbx.id),
                                        ("result", "=", "interrupted")])
        complete = self.Call.search([("pbx_id", "=", self.pbx.id), ("result", "=", "answered")])
        complete_values = complete.read(["talk_seconds", "date_end", "user_id"])
        self.pbx.tz = "Asia/Shanghai"  # cdr_csv writes local time
        with open(get_module_resource("crm_telephony", "tests", "data", "cdr",
                                      "Master.csv"), "rb") as handle:
            data = handle.read()
        data += (
            '"","+8613800138000","4000","incoming","","PJSIP/trunk-00000001",'
            '"PJSIP/1001-00000002","Queue","support,t","2026-11-25 11:38:39",'
            '"2026-11-25 11:38:41","2026-11-25 11:40:41",122,120,"ANSWERED","DOCUMENTATION",'
            '"{0}","","","{0}",1\r\n'
            '"","+8613900139000","4000","incoming","","PJSIP/trunk-00000003",'
            '"PJSIP/1002-00000004","Queue","support,t","2026-11-25 11:38:39",'
            '"2026-11-25 11:38:40","2026-11-25 11:39:40",61,60,"ANSWERED","DOCUMENTATION",'
            '"{1}","","","{1}",2\r\n').format(interrupted.linkedid, complete.linkedid).encode()
        outcome = self.pbx._cc_reconcile_cdr_data(data)
        self.assertEqual({key: outcome[key] for key in ("created", "completed", "unchanged")},
                         {"created": 3, "completed": 1, "unchanged": 1})
        self.assertEqual([number for number, _reason in outcome["errors"]], [5])
        self.assertIn("1 lines skipped", self.pbx.cdr_message)

        answered = self.Call.search([("linkedid", "=", "1795600000.20")])
        self.assertEqual(
            (answered.direction, answered.result, answered.user_id, answered.queue,
             answered.talk_seconds, answered.partner_id, answered.cdr_recovered),
            ("inbound", "answered", self.users["agent"], "support", 180, self.customer, True))
        self.assertEqual(answered.date_start, "2026-11-25 06:00:00", "Beijing time → UTC")
        abandoned = self.Call.search([("linkedid", "=", "1795600600.30")])
        self.assertEqual((abandoned.result, abandoned.user_id.id), ("abandoned", False))
        outbound = self.Call.search([("linkedid", "=", "1795601200.40")])
        self.assertEqual((outbound.direction, outbound.user_id, outbound.number_e164,
                          outbound.talk_seconds), ("outbound", self.agent2, "+8613912345678", 60))
        self.assertEqual((interrupted.result, interrupted.talk_seconds,
                          interrupted.cdr_recovered), ("answered", 120, True))
        self.assertEqual(complete.read(["talk_seconds", "date_end", "user_id"]),
                         complete_values, "a call the listener saw whole is left alone")
        self.assertFalse(complete.cdr_recovered)

        # again: nothing doubled; incremental reading of a growing file
        before = self.Call.search_count([])
        self.pbx._cc_reconcile_cdr_data(data)
        self.assertEqual(self.Call.search_count([]), before)
        with tempfile.NamedTemporaryFile(suffix=".csv") as master:
            master.write(data)
            master.write(b'"","+8613700137000","4000","incoming","","PJSIP/trunk-00000021","",'
                         b'"Queue","support,t","2026-11-25 15:00:00","","2026-11-25 15:00:30",')
            master.flush()  # the last line is still being written
            self.pbx.write({"cdr_file": master.name,
                            "cdr_root": os.path.dirname(master.name)})
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertEqual(self.Call.search_count([]), before)
            self.assertEqual(self.pbx.cdr_offset, len(data))
            master.write(b'30,0,"NO ANSWER","DOCUMENTATION","1795603600.50","","",'
                         b'"1795603600.50",50\r\n')
            master.flush()
            self.env["crm.pbx"]._cron_reconcile_cdr()
            late = self.Call.search([("linkedid", "=", "1795603600.50")])
            self.assertEqual((late.result, late.number_e164), ("abandoned", "+8613700137000"))
            self.assertEqual(self.Call.search_count([]), before + 1)

    def test_cdr_skips_listen_in_and_conference_helpers(self):
        """Issue 16.7: a Supervisor's ChanSpy leg and the three-way call's
        Local helper are no calls (they were recovered as an "internal
        answered" call of the Supervisor and an outbound call of a fake
        agent "013912345678"); each cron run says what it did."""
        spy = ('"","","s","default","","PJSIP/1003-00000031","","ChanSpy","PJSIP/1001-,q",'
               '"2026-11-25 16:00:00","2026-11-25 16:00:01","2026-11-25 16:02:01",121,120,'
               '"ANSWERED","DOCUMENTATION","1795610000.60","","","1795610000.60",60\r\n')
        helper = (
            '"","1001","1001","crm-conference","","Local/013912345678@from-internal-00000002;1",'
            '"","ConfBridge","1001","2026-11-25 16:05:00","2026-11-25 16:05:05",'
            '"2026-11-25 16:07:00",120,115,"ANSWERED","DOCUMENTATION","1795610300.70","","",'
            '"1795610300.70",70\r\n'
            '"","1001","013912345678","outbound","","Local/013912345678@from-internal-00000002;2",'
            '"PJSIP/trunk-00000033","Dial","PJSIP/013912345678@trunk,60","2026-11-25 16:05:00",'
            '"2026-11-25 16:05:05","2026-11-25 16:07:00",120,115,"ANSWERED","DOCUMENTATION",'
            '"1795610300.71","","","1795610300.70",71\r\n')
        real = ('"","+8613700137000","4000","incoming","","PJSIP/trunk-00000040","",'
                '"Queue","support,t","2026-11-25 16:10:00","","2026-11-25 16:10:30",30,0,'
                '"NO ANSWER","DOCUMENTATION","1795610600.80","","","1795610600.80",80\r\n')
        with tempfile.TemporaryDirectory() as root:
            master = os.path.join(root, "Master.csv")
            with open(master, "w") as handle:
                handle.write(spy + helper + real)
            self.pbx.write({"cdr_file": master, "cdr_root": root})
            for _run in (1, 2):  # the second run reads nothing new
                self.env["crm.pbx"]._cron_reconcile_cdr()
                calls_ = self.Call.search([("pbx_id", "=", self.pbx.id)])
                self.assertEqual(calls_.mapped("linkedid"), ["1795610600.80"],
                                 "only the customer's call is recovered")
                if _run == 1:
                    self.assertEqual(self.pbx.cdr_message,
                                     "1 calls recovered, 0 completed, 0 already recorded")
            self.assertEqual(self.pbx.cdr_message, "No new CDR line since the last run.")
            # the same lines read again (a rotated file): nothing recovered
            self.pbx.sudo().cdr_offset = 0
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertEqual(self.pbx.cdr_message,
                             "Nothing to recover: the 1 calls read were already recorded")

    def test_cdr_file_only_inside_its_folder(self):
        """L4: the cron reads the CDR file only inside the CDR folder, and a
        bad line's reason never quotes the file."""
        with tempfile.TemporaryDirectory() as root, \
                tempfile.NamedTemporaryFile(suffix=".csv") as outside:
            outside.write(b'"","1","2","x","","a","b","c","d","SECRET-TEXT","","",1,1,'
                          b'"ANSWERED","DOCUMENTATION","l1","","","l1",1\n')
            outside.flush()
            self.pbx.write({"cdr_root": root, "cdr_file": outside.name})
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertIn("not inside the CDR folder", self.pbx.cdr_message)
            self.assertEqual(self.pbx.cdr_offset, 0)
            self.pbx.write({"cdr_file": os.path.join(root, "..", root, "..",
                                                     os.path.basename(outside.name))})
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertIn("not inside the CDR folder", self.pbx.cdr_message)
            inside = os.path.join(root, "Master.csv")
            outside.seek(0)
            with open(inside, "wb") as handle:
                handle.write(outside.read())
            self.pbx.write({"cdr_file": inside})
            self.env["crm.pbx"]._cron_reconcile_cdr()
            self.assertIn("1 lines skipped", self.pbx.cdr_message)
            self.assertNotIn("SECRET-TEXT", self.pbx.cdr_message)

    def test_media_only_from_the_configured_folders(self):
        """C1/L3/L4: recordings and voicemail are served only from inside
        the phone system's folders, URLs only under its media URL."""
        self.pbx.write({"recording_root": "/var/spool/asterisk/monitor",
                        "voicemail_root": "/var/spool/asterisk/voicemail",
                        "media_url": "https://pbx.example.com/media/"})
        target = self.pbx.sudo(self.users["agent"])._cc_media_target
        self.assertEqual(target("/var/spool/asterisk/monitor/20261125/1.wav"),
                         ("file", "/var/spool/asterisk/monitor/20261125/1.wav"))
        self.assertEqual(target("/var/spool/asterisk/voicemail/crm/1.wav", "voicemail"),
                         ("file", "/var/spool/asterisk/voicemail/crm/1.wav"))
        self.assertEqual(target("https://pbx.example.com/media/1.wav"),
                         ("url", "https://pbx.example.com/media/1.wav"))
        for location, what in (("/etc/odoo/odoo.conf", "recording"),
                               ("/var/spool/asterisk/monitor/../../../etc/passwd", "recording"),
                               ("/var/spool/asterisk/voicemail/crm/1.wav", "recording"),
                               ("/var/spool/asterisk/monitor/1.wav", "voicemail"),
                               ("/proc/self/environ", "voicemail"),
                               ("https://evil.example/1.wav", "recording"),
                               ("https://pbx.example.com/other/1.wav", "voicemail")):
            with self.assertRaises(AccessError, msg=location):
                target(location, what)

    def test_cdr_upload_for_administrators_only(self):
        with open(get_module_resource("crm_telephony", "tests", "data", "cdr",
                                      "Master.csv"), "rb") as handle:
            data = base64.b64encode(handle.read())
        with self.assertRaises(AccessError):
            self.env["crm.pbx.cdr.import"].sudo(self.users["manager"]).create(
                {"pbx_id": self.pbx.id, "data": data}).action_reconcile()
        wizard = self.env["crm.pbx.cdr.import"].sudo(self.users["admin"]).create(
            {"pbx_id": self.pbx.id, "data": data})
        wizard.action_reconcile()
        self.assertIn("3 calls recovered", wizard.result)
        self.assertIn("Line 5:", wizard.result)

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
        self.Store._store_facts(branch, facts_of("abandoned", after=[
            message("support", "q1")]))
        queued = self.Call.search([("voicemail_box", "=", "support")])
        self.assertEqual(queued.pbx_id, branch)
        self.assertIn(queued, self.Call.sudo(self.users["supervisor"]).search([]))
        self.assertEqual((queued.voicemail_state, queued.voicemail_user_id.id), ("new", False))
        self.assertEqual(len(self.pops("crm_callcenter.voicemail")), 1)

    def test_time_spent_in_each_ivr_menu(self):
        """CC-11: a menu's time runs from the call's start (first menu) or
        from the previous choice of the same call."""
        self.apply(facts_of("answered"))
        call = self.Call.search([("pbx_id", "=", self.pbx.id), ("linkedid", "=", "1795577919.8")])
        start = fields.Datetime.from_string(call.date_start).replace(
            tzinfo=datetime.timezone.utc).timestamp()
        self.apply([
            calls.IvrStep(call.linkedid, "main", "2", "+8613800138000", at=start + 12),
            calls.IvrStep(call.linkedid, "repair", "1", "+8613800138000", at=start + 20)])
        self.assertEqual(call.ivr_ids.sorted("date").mapped(lambda i: (i.menu, i.duration)),
                         [("main", 12), ("repair", 8)])
        pivot = self.env["crm.call.ivr"].read_group(
            [("pbx_id", "=", self.pbx.id)], ["duration", "menu"], ["menu"])
        self.assertEqual({g["menu"]: g["duration"] for g in pivot}, {"main": 12, "repair": 8})

    def test_ivr_path_and_satisfaction(self):
        def user_event(kind, linkedid="1795577919.8", **fields_):
            return dict({"Event": "UserEvent", "UserEvent": kind, "Linkedid": linkedid,
                         "CallerIDNum": "+8613800138000"}, **fields_)
        before = [user_event("CrmIvr", Menu="main", Choice="2"),
                  user_event("CrmIvr", Menu="repair", Choice="1"),
                  user_event("CrmIvr", Menu="repair", Choice="1"),  # duplicated
                  user_event("CrmIvr", linkedid="1795577000.1", Menu="main", Choice="0")]
        after = [user_event("CrmSurvey", Score="5"), user_event("CrmSurvey", Score="5"),
                 user_event("CrmSurvey", linkedid="1795577000.2", Score="9")]  # out of range
        self.apply(facts_of("answered", before=before, after=after))
        call = self.Call.search([("pbx_id", "=", self.pbx.id), ("linkedid", "=", "1795577919.8")])
        self.assertEqual(call.ivr_ids.sorted("id").mapped(lambda i: (i.menu, i.choice)),
                         [("main", "2"), ("repair", "1")], "recorded once, linked to the call")
        self.assertEqual(call.satisfaction, 5)
        left = self.env["crm.call.ivr"].search([("linkedid", "=", "1795577000.1")])
        self.assertEqual((left.menu, left.call_id.id), ("main", False), "left in the IVR")
        # the score reaches the agent's statistics; agents see their own IVR paths
        stats = self.env["crm.call.statistics"].sudo(self.users["agent"]).read_group(
            [], ["satisfaction", "user_id"], ["user_id"])
        self.assertEqual([(g["user_id"][0], g["satisfaction"]) for g in stats],
                         [(self.users["agent"].id, 5.0)])
        IvrAsAgent = self.env["crm.call.ivr"].sudo(self.users["agent"])
        self.assertEqual(IvrAsAgent.search([]), call.ivr_ids)
        self.assertIn(left, self.env["crm.call.ivr"].sudo(self.users["supervisor"]).search([]))
        pivot = self.env["crm.call.ivr"].read_group(
            [("pbx_id", "=", self.pbx.id)], ["visits", "menu"], ["menu"])
        self.assertEqual({g["menu"]: g["visits"] for g in pivot}, {"main": 2, "repair": 1})
