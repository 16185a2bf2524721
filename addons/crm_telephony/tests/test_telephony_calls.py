"""Call/agent state machine on the recorded Asterisk 22.10 stream and on the
fake AMI server's scenarios (tests/data/ami; regenerate the scenario files
with ``python -m fakeami.scenarios`` from the repository's tests/ folder)."""
import os
import unittest

try:
    from ..telephony import ami, calls
except (ImportError, ValueError):  # run outside Odoo: add-on folder on sys.path
    from telephony import ami, calls

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "ami")
STYLES = ("local", "pjsip", "sip")


def stream(name):
    path = os.path.join(DATA, name) if name.endswith(".txt") else \
        os.path.join(DATA, "scenarios", name + ".txt")
    with open(path, "rb") as handle:
        return ami.Parser().feed(handle.read())


def replay(messages, tracker=None, times=None):
    """Feed events like the listener does: a banner after the first one is
    a new connection, so the link was lost in between."""
    tracker = tracker or calls.CallTracker(clock=lambda: 0)
    facts, connections = [], 0
    previous = None
    for index, message in enumerate(messages):
        now = index if times is None else times
        if message.kind == "banner":
            if connections and previous != "banner":  # a doubled banner: no new link
                facts += tracker.on_disconnect(now)
                facts += tracker.resync(None, now)  # the listener's QueueStatus
            connections += 1
        elif message.kind == "event":
            facts += tracker.feed(message, now)
        previous = message.kind
    return tracker, facts


def of(facts, kind):
    return [fact for fact in facts if isinstance(fact, kind)]


def ended(facts):
    return {fact.record.linkedid: fact.record for fact in of(facts, calls.CallEnded)}


def agent_states(facts):
    states = {}
    for fact in of(facts, calls.AgentStateChanged):
        states.setdefault(fact.extension, []).append(
            fact.state + (":" + fact.reason if fact.reason else ""))
    return states


class TestRecording(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.messages = stream("asterisk-22.10-ami-queue-calls.txt")
        cls.tracker, cls.facts = replay(cls.messages)

    def test_call_records(self):
        records = ended(self.facts)
        self.assertEqual(sorted(records), ["1795577919.8", "1795577920.12", "1795577935.16"])
        first, abandoned, hangup = (records["1795577919.8"], records["1795577920.12"],
                                    records["1795577935.16"])
        expected = [
            (first, dict(
                direction="inbound", caller="+8613800138000", callee="4000", queue="support",
                agent_extension="1001", agent_name="Alice", agent_interface="Local/1001@agents/n",
                ring_seconds=2, hold_seconds=2, talk_seconds=9, hangup_side="agent",
                result="answered", rung=["1001"])),
            (abandoned, dict(
                direction="inbound", caller="+8613900139000", queue="support",
                agent_extension=None, hold_seconds=6, talk_seconds=None, hangup_side="caller",
                result="abandoned", rung=["1003"])),
            (hangup, dict(
                direction="inbound", caller="+8613800138000", agent_extension="1001",
                talk_seconds=5, hangup_side="caller", result="caller_hangup")),
        ]
        for record, values in expected:
            for key, value in values.items():
                self.assertEqual(getattr(record, key), value, "%s of %s" % (key, record.linkedid))
        self.assertTrue(first.start < first.ring_start < first.answer < first.end)
        self.assertIsNone(abandoned.answer)
        for record in records.values():
            self.assertEqual(len(record.cdrs), 3, "every Cdr of %s kept" % record.linkedid)
        self.assertEqual(first.cdrs["1795577919.11"]["BillableSeconds"], "9")

    def test_one_pop_per_ringing_agent(self):
        pops = [(p.linkedid, p.extension, p.caller, p.queue) for p in of(self.facts, calls.Pop)]
        self.assertEqual(pops, [("1795577919.8", "1001", "+8613800138000", "support"),
                                ("1795577920.12", "1003", "+8613900139000", "support"),
                                ("1795577935.16", "1001", "+8613800138000", "support")])

    def test_agent_states(self):
        self.assertEqual(agent_states(self.facts), {
            "1001": ["ready", "ringing", "in_call", "ready", "ringing", "in_call", "ready"],
            "1002": ["ready", "paused:Lunch", "ready"],
            "1003": ["ready", "ringing", "ready"],
            "1004": ["paused", "logged_out"],
        })
        self.assertEqual(self.tracker.calls, {}, "no call left open")

    def test_facts_in_order(self):
        first = [f for f in self.facts if not isinstance(f, calls.AgentStateChanged)
                 and getattr(f, "record", f).linkedid == "1795577919.8"]
        self.assertEqual([type(f).__name__ for f in first],
                         ["CallStarted", "Pop", "CallAnswered", "CallEnded"])

    def test_replay_and_duplicates_add_nothing(self):
        tracker, _ = replay(self.messages)
        _, again = replay(self.messages, tracker)
        self.assertEqual([f for f in again if not isinstance(f, calls.AgentStateChanged)], [],
                         "a replayed stream must not produce call facts twice")
        doubled = [m for m in self.messages for _ in (0, 1)]
        _, facts = replay(doubled, times=0)
        _, once = replay(self.messages, times=0)
        self.assertEqual(facts, once, "duplicated events changed the facts")

    def test_late_cdr_reconciled_once(self):
        messages = [m for m in self.messages if m.name != "Cdr"]
        cdrs = [m for m in self.messages if m.name == "Cdr"]
        tracker, facts = replay(messages)
        self.assertEqual(sum(len(r.cdrs) for r in ended(facts).values()), 0)
        late = tracker.feed_all(cdrs) + tracker.feed_all(cdrs)
        self.assertEqual(len(of(late, calls.CdrReconciled)), 9, "one per Cdr, not per copy")
        self.assertEqual(len(tracker.closed["1795577919.8"].cdrs), 3)
        self.assertEqual(tracker.reconcile_cdr({"UniqueID": "9.9", "Linkedid": "nope"}), [])
        self.assertEqual(tracker.unmatched_cdrs, 1)


class TestScenarios(unittest.TestCase):
    """Scenario files produced by the fake AMI server's generator."""

    def run_scenario(self, name, style):
        tracker, facts = replay(stream("%s-%s" % (name, style)))
        self.assertEqual(tracker.calls, {}, "%s-%s left a call open" % (name, style))
        return facts

    def assertPops(self, facts, expected, label):
        self.assertEqual([(p.extension, p.caller) for p in of(facts, calls.Pop)], expected, label)

    def test_answered_and_hangups(self):
        for style in STYLES:
            for name, result, side in (("answered", "answered", "agent"),
                                       ("caller_hangup", "caller_hangup", "caller")):
                facts = self.run_scenario(name, style)
                (record,) = ended(facts).values()
                self.assertEqual((record.result, record.hangup_side, record.talk_seconds,
                                  record.agent_extension, record.direction),
                                 (result, side, 9, "1001", "inbound"), (name, style))
                self.assertPops(facts, [("1001", "+8613800138000")], (name, style))
                self.assertEqual(agent_states(facts)["1001"][-1], "ready", (name, style))
                self.assertTrue(record.cdrs, "Cdr attached while the call was live")

    def test_abandoned(self):
        for style in STYLES:
            facts = self.run_scenario("abandoned", style)
            (record,) = ended(facts).values()
            self.assertEqual((record.result, record.answer, record.rung),
                             ("abandoned", None, ["1003"]), style)
            self.assertEqual(agent_states(facts)["1003"], ["ringing", "ready"], style)

    def test_transfer(self):
        for style in STYLES:
            facts = self.run_scenario("transfer", style)
            (record,) = ended(facts).values()
            self.assertEqual((record.result, record.transfer_target, record.agent_extension,
                              record.rung), ("transferred", "1002", "1001", ["1001", "1002"]),
                             style)
            self.assertPops(facts, [("1001", "+8613800138000"), ("1002", "+8613800138000")],
                            style)
            self.assertEqual(agent_states(facts)["1002"], ["ringing", "in_call", "ready"], style)

    def test_direct_dial_pops(self):
        for style in STYLES:
            facts = self.run_scenario("direct", style)
            (pop,) = of(facts, calls.Pop)
            self.assertEqual((pop.extension, pop.caller, pop.queue),
                             ("1002", "+8613800138000", None), style)
            (record,) = ended(facts).values()
            self.assertEqual((record.direction, record.result), ("inbound", "caller_hangup"))

    def test_pause_and_login(self):
        for style in STYLES:
            self.assertEqual(agent_states(self.run_scenario("pause", style)),
                             {"1002": ["paused:Lunch", "ready"]}, style)
            self.assertEqual(agent_states(self.run_scenario("login_logout", style)),
                             {"1004": ["paused", "logged_out"]}, style)

    def test_restart(self):
        for style in STYLES:
            facts = self.run_scenario("restart", style)
            records = ended(facts)
            self.assertEqual(len(records), 2, "both calls ended once (%s)" % style)
            results = sorted((r.agent_extension, r.result) for r in records.values())
            self.assertEqual(results, [("1001", "interrupted"), ("1002", "answered")], style)
            self.assertEqual(len(of(facts, calls.Pop)), 2, style)
            self.assertEqual(agent_states(facts)["1001"][-1], "ready",
                             "a restart frees the agent (%s)" % style)

    def test_duplicates_and_garbage_change_nothing(self):
        for style in STYLES:
            reference = self.run_scenario("answered", style)
            for name in ("duplicates", "garbage"):
                facts = self.run_scenario(name, style)
                self.assertEqual(len(facts), len(reference), (name, style))
                self.assertEqual([type(f) for f in facts], [type(f) for f in reference])
                self.assertEqual(ended(facts)["1795577919.8"].result, "answered")


class TestTrackerRules(unittest.TestCase):

    def test_interfaces(self):
        cases = {"Local/1001@agents/n": "Local/1001@agents",
                 "Local/1001@agents-00000005;1": "Local/1001@agents",
                 "PJSIP/1001-0000000a": "PJSIP/1001", "SIP/1001": "SIP/1001",
                 "PJSIP/seat-07-0000001f": "PJSIP/seat-07"}
        for name, interface in cases.items():
            self.assertEqual(calls.channel_interface(name), interface, name)
        self.assertEqual(calls.interface_extension("PJSIP/1001-0000000a"), "1001")
        self.assertEqual(calls.interface_extension("Local/1001@agents/n"), "1001")
        self.assertEqual(calls.interface_extension("PJSIP/seat-07-00000001",
                                                   {"PJSIP/seat-07": "1001"}), "1001")
        tracker = calls.CallTracker(devices={"PJSIP/seat-07": "1001"})
        self.assertTrue(tracker.is_agent_device("PJSIP/seat-07-00000001"))
        self.assertFalse(tracker.is_agent_device("PJSIP/trunk-00000001"))
        self.assertFalse(tracker.is_agent_device("Local/25@caller-sim-00000004;1"))
        self.assertTrue(tracker.is_external("+8613800138000"))
        self.assertFalse(tracker.is_external("1001"))

    def test_disconnect_ends_live_calls_once(self):
        messages = stream("restart-pjsip")
        tracker = calls.CallTracker(clock=lambda: 0)
        first_banner = [i for i, m in enumerate(messages) if m.kind == "banner"][1]
        replay(messages[:first_banner], tracker)
        (record,) = tracker.calls.values()
        facts = tracker.on_disconnect(100)
        self.assertEqual([type(f) for f in facts if not isinstance(f, calls.AgentStateChanged)],
                         [calls.CallEnded, calls.PbxState])
        self.assertEqual((record.result, record.end, record.cut), ("interrupted", 100, True))
        self.assertEqual(record.talk_seconds, 100 - record.answer, "talk time so far")
        self.assertEqual(tracker.on_disconnect(101), [calls.PbxState("unreachable")],
                         "nothing is live any more")

    def test_wrapup_then_ready(self):
        tracker = calls.CallTracker(clock=lambda: 0)
        member = {"Event": "QueueMemberStatus", "Queue": "q", "Interface": "PJSIP/1001",
                  "Status": "1", "Paused": "0", "Wrapuptime": "10"}
        tracker.feed(member, 0)
        call = {"Linkedid": "1.1", "Uniqueid": "1.1", "Channel": "PJSIP/trunk-00000001",
                "CallerIDNum": "+8613800138000", "Queue": "q", "Interface": "PJSIP/1001"}
        tracker.feed(dict(call, Event="QueueCallerJoin"), 1)
        tracker.feed(dict(call, Event="AgentCalled"), 1)
        tracker.feed(dict(call, Event="AgentConnect", RingTime="1", HoldTime="1"), 2)
        facts = tracker.feed(dict(call, Event="AgentComplete", Reason="agent", TalkTime="5"), 7)
        self.assertEqual(of(facts, calls.AgentStateChanged)[-1].state, "wrapup")
        self.assertEqual(tracker.tick(10), [])
        self.assertEqual([f.state for f in tracker.tick(17)], ["ready"])

    def test_outbound_call_from_agent_phone(self):
        tracker = calls.CallTracker(clock=lambda: 0)
        agent = {"Channel": "PJSIP/1001-00000001", "Uniqueid": "5.1", "Linkedid": "5.1",
                 "CallerIDNum": "1001"}
        trunk = {"DestChannel": "PJSIP/trunk-00000002", "DestUniqueid": "5.2",
                 "DestLinkedid": "5.1"}
        events = [
            dict(agent, Event="Newchannel"),
            {"Event": "DialBegin", "DestChannel": agent["Channel"], "DestUniqueid": "5.1",
             "DestLinkedid": "5.1"},
            dict(agent, Event="DialBegin", DialString="trunk/+8613800138000", **trunk),
            dict(agent, Event="DialEnd", DialStatus="ANSWER", **trunk),
            dict(agent, Event="HangupRequest"),
            dict(agent, Event="Hangup"),
            {"Event": "Hangup", "Channel": trunk["DestChannel"], "Uniqueid": "5.2",
             "Linkedid": "5.1"},
        ]
        facts = [f for i, e in enumerate(events) for f in tracker.feed(e, i * 10)]
        self.assertEqual(of(facts, calls.Pop), [], "no screen pop for our own call")
        (record,) = ended(facts).values()
        self.assertEqual((record.direction, record.caller, record.callee, record.agent_extension,
                          record.result, record.hangup_side, record.talk_seconds),
                         ("outbound", "1001", "+8613800138000", "1001", "answered", "agent", 30))
