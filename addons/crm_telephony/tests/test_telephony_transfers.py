"""Issue 16, items 2-4: transfers as a real Asterisk 20.20.1 (chan_sip, SIP
phones as SIP/1001..1003) reported them, replayed from its recorded key
events (tests/data/ami/asterisk-20.20-chan_sip-key-events.txt, one section
per test call), and from the fake server's Asterisk 20 scenarios."""
import os
import re
import unittest

try:
    from ..telephony import ami, calls
except (ImportError, ValueError):  # run outside Odoo: add-on folder on sys.path
    from telephony import ami, calls

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "ami")
RECORDING = os.path.join(DATA, "asterisk-20.20-chan_sip-key-events.txt")
CUSTOMER = "+8613800138000"


def sections():
    """{section name: [events]} of the recording (its "=== T6_Atxfer ==="
    headers and "#####" notes are not AMI: they are cut out here)."""
    with open(RECORDING, "rb") as handle:
        text = handle.read().decode("utf-8")
    parts = re.split(r"^=+ (\w+) =+$", text, flags=re.M)
    result = {}
    for name, body in zip(parts[1::2], parts[2::2]):
        body = re.sub(r"^#####.*$", "", body, flags=re.M)
        result[name] = [m for m in ami.Parser().feed(body.encode()) if m.kind == "event"]
    return result


def play(events, tracker=None):
    tracker = tracker or calls.CallTracker()
    facts = []
    for index, event in enumerate(events):
        facts += tracker.feed(event, float(index))
    return tracker, facts


def of(facts, kind):
    return [fact for fact in facts if isinstance(fact, kind)]


def the_call(facts):
    (fact,) = of(facts, calls.CallEnded)
    return fact.record


class TestAsterisk20Recording(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sections = sections()

    def test_recording_sections(self):
        self.assertEqual(sorted(self.sections), sorted([
            "pre", "T1_answered", "T2_pause_abandon", "T3_BlindTransfer_action",
            "T4_Redirect_caller", "T5_Redirect_agent", "T6_Atxfer", "T7_core_restart",
            "T8_answered_after_restart"]))

    def test_answered_unchanged(self):
        call = the_call(play(self.sections["T1_answered"])[1])
        self.assertEqual((call.result, call.agent_extension, call.talk_seconds,
                          call.transfer_target), ("answered", "1001", 12, None))

    def test_attended_transfer_pops_the_target_with_the_customer(self):
        """The consultation leg comes from Local/1002@agents-...;2 with the
        first agent's caller ID 1001: still the customer's pop for 1002."""
        _tracker, facts = play(self.sections["T6_Atxfer"])
        pops = {(pop.extension, pop.caller) for pop in of(facts, calls.Pop)}
        self.assertEqual(pops, {("1001", CUSTOMER), ("1002", CUSTOMER)})
        call = the_call(facts)
        self.assertEqual((call.direction, call.caller, call.agent_extension), (
            "inbound", CUSTOMER, "1001"), "the record stays the customer's")
        self.assertEqual((call.result, call.transfer_target), ("transferred", "1002"))
        self.assertEqual(call.talk_seconds, 12, "the first agent's part (AgentComplete)")
        self.assertIsNotNone(call.transfer_answer, "the target's part is kept")
        self.assertGreater(call.transfer_talk_seconds, 0)

    def test_blind_transfer_is_transferred_once_the_target_answered(self):
        _tracker, facts = play(self.sections["T3_BlindTransfer_action"])
        call = the_call(facts)
        self.assertEqual((call.result, call.agent_extension, call.transfer_target),
                         ("transferred", "1001", "1002"))
        self.assertEqual(call.talk_seconds, 2)
        self.assertIn("1002", [pop.extension for pop in of(facts, calls.Pop)])

    def test_blind_transfer_nobody_answered_is_not_transferred(self):
        """A transfer into a context the dialplan cannot reach drops the
        customer: no DialEnd ANSWER follows the BlindTransfer."""
        events = [event for event in self.sections["T3_BlindTransfer_action"]
                  if not (event.name == "DialEnd" and "1002" in event.get("DestChannel", ""))
                  and "1002" not in event.get("Channel", "")]
        call = the_call(play(events)[1])
        self.assertEqual(call.result, "transfer_failed")

    def test_redirect_of_the_caller_is_a_transfer(self):
        """An administrator's AMI Redirect of the customer's channel to 1002:
        no BlindTransfer event, AgentComplete "caller" at the very end with
        a TalkTime counting both agents."""
        _tracker, facts = play(self.sections["T4_Redirect_caller"])
        call = the_call(facts)
        self.assertEqual((call.result, call.agent_extension, call.transfer_target),
                         ("transferred", "1001", "1002"))
        self.assertNotEqual(call.talk_seconds, 19, "not both agents' time for the first")
        self.assertIsNotNone(call.transfer_talk_seconds)
        self.assertIn(("1002", CUSTOMER),
                      [(pop.extension, pop.caller) for pop in of(facts, calls.Pop)])

    def test_redirect_of_the_agent_hangs_up_the_customer(self):
        _tracker, facts = play(self.sections["T5_Redirect_agent"])
        call = the_call(facts)
        self.assertEqual((call.result, call.hangup_side, call.transfer_target),
                         ("caller_hangup", "caller", None))
        self.assertEqual([pop.extension for pop in of(facts, calls.Pop)], ["1001"])


if __name__ == "__main__":
    unittest.main()
