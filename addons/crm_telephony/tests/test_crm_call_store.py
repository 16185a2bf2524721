"""The listener's write path (crm_call_store.py): each kind of typed fact
stored by ``crm.call.store._store_facts`` into the real database, replays
included; the bus messages it sends are read back from ``bus.bus``."""
import dataclasses
import datetime
import json
import re
import time

from odoo import fields
from odoo.modules.module import get_module_resource

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from ..models import crm_call_store
from ..telephony import calls

EPOCH = 1795577919
CALLER = "13800138000"


def js_source(name):
    with open(get_module_resource("crm_telephony", "static", "src", "js", name),
              encoding="utf-8") as source:
        return source.read()


def message_keys(code):
    """The keys a piece of the web client reads from a bus message."""
    return set(re.findall(r"\bmessage\.(\w+)", code))


def function_body(code, name):
    match = re.search(r"\nfunction %s\(.*?\n}\n" % name, code, re.S)
    assert match, "%s() not found in the web client" % name
    return match.group(0)


class TestCallStore(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        Users.search([("extension", "in", ("7101", "7102"))]).write({"extension": False})
        cls.department = cls.env["crm.department"].create({"name": "写入组"})
        cls.agent = cls.users["agent"]
        cls.agent.write({"extension": "7101", "crm_department_id": cls.department.id})
        cls.agent2 = Users.create({
            "name": "CC store agent 2", "login": "cc_store_agent2", "extension": "7102",
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        cls.pbx = cls.env["crm.pbx"].create({
            "name": "Store PBX", "username": "callcenter", "secret": "s3cret"})
        cls.Store = cls.env["crm.call.store"]
        cls.Call = cls.env["crm.call"]

    def setUp(self):
        super().setUp()
        self.env["bus.bus"].sudo().search([]).unlink()

    def store(self, facts, parts="all", pbx=None):
        return self.Store._store_facts(pbx or self.pbx, facts, parts)

    def messages(self, kind):
        """(partner id, payload) of the bus messages of this type sent so far."""
        result = []
        for line in self.env["bus.bus"].sudo().search([], order="id"):
            message = json.loads(line.message)
            if isinstance(message, dict) and message.get("type") == kind:
                result.append((json.loads(line.channel)[2], message))
        return result

    def calls_of(self, linkedid, pbx=None):
        return self.Call.search([("pbx_id", "=", (pbx or self.pbx).id),
                                 ("linkedid", "=", linkedid)])

    @staticmethod
    def record(linkedid, **values):
        return calls.CallRecord(linkedid=linkedid, **dict(
            {"direction": "inbound", "caller": CALLER, "queue": "support", "start": EPOCH},
            **values))

    # ------------------------------------------------------------ calls
    def test_call_records_upserted_once(self):
        """Started, answered, ended: one call, the last snapshot stored; a
        replay (a listener restarting) updates and never duplicates, and
        an older snapshot never reopens an ended call."""
        started = self.record("s.1")
        answered = self.record("s.1", answer=EPOCH, agent_extension="7101")
        ended = self.record("s.1", answer=EPOCH, agent_extension="7101", end=EPOCH + 40,
                            talk_seconds=40, result="answered", hangup_side="caller")
        facts = [calls.CallStarted(started), calls.CallAnswered(answered),
                 calls.CallEnded(ended)]
        self.store(facts)
        self.store(facts)
        self.store([calls.CallStarted(started)])
        call = self.calls_of("s.1")
        self.assertEqual(len(call), 1)
        self.assertEqual(
            (call.state, call.result, call.user_id, call.department_id, call.talk_seconds,
             call.wait_seconds, call.number_e164, call.queue, call.date_end),
            ("done", "answered", self.agent, self.department, 40, 0, "+8613800138000",
             "support", fields.Datetime.to_string(
                 datetime.datetime.utcfromtimestamp(EPOCH + 40))))
        self.env.cr.execute("SELECT wait_seconds FROM crm_call WHERE id = %s", (call.id,))
        self.assertEqual(self.env.cr.fetchone()[0], 0,
                         "answered at once: a wait of 0 s, not unknown (NULL)")

    def test_cdr_completes_an_interrupted_call(self):
        """A late CDR's record completes the call the PBX link's loss cut."""
        self.store([calls.CallEnded(self.record(
            "s.2", answer=EPOCH, agent_extension="7101", end=EPOCH + 5, talk_seconds=5,
            result="interrupted", cut=True))], "calls")
        self.store([calls.CdrReconciled(self.record(
            "s.2", answer=EPOCH, agent_extension="7101", end=EPOCH + 65, talk_seconds=65,
            result="answered"), "s.2")], "calls")
        call = self.calls_of("s.2")
        self.assertEqual((len(call), call.result, call.talk_seconds), (1, "answered", 65))

    # ------------------------------------------------------------- pops
    def test_pop_payload_is_what_the_page_reads(self):
        """One pop per call and ringing agent, its message exactly the keys
        the web client reads; a pop for a call not stored yet stores it; a
        replayed pop pops nothing."""
        phone = js_source("crm_callcenter_phone.js")
        read = message_keys(js_source("crm_callcenter_pop.js")) \
            | message_keys(function_body(phone, "popAction")) \
            | message_keys(function_body(phone, "ownMessages")) \
            | message_keys(function_body(phone, "sentBeforePage"))
        pop = calls.Pop("s.3", CALLER, "", "PJSIP/7101", "7101", "support")
        before = time.time()
        self.store([pop], "calls")
        call = self.calls_of("s.3")
        self.assertEqual((call.state, call.direction, call.user_id, call.popped_extensions),
                         ("ringing", "inbound", self.agent, "7101"))
        (partner_id, payload), = self.messages(crm_call_store.POP_TYPE)
        self.assertEqual(partner_id, self.agent.partner_id.id)
        self.assertEqual(set(payload), read)
        self.assertEqual((payload["call_id"], payload["number"], payload["queue"]),
                         (call.id, CALLER, "support"))
        # the server's time, as the page's session carries it (ir.http)
        self.assertTrue(before <= payload["sent_at"] <= time.time())
        self.store([pop], "calls")
        self.assertEqual(len(self.messages(crm_call_store.POP_TYPE)), 1, "a replay pops nothing")

    def test_pop_of_a_new_call_in_the_same_batch(self):
        """A call that starts and rings in one batch is inserted assigned to
        its agent; a transfer's target gets its own pop."""
        self.store([calls.CallStarted(self.record("s.4")),
                    calls.Pop("s.4", CALLER, "", "PJSIP/7101", "7101", "support"),
                    calls.Pop("s.4", CALLER, "", "PJSIP/7101", "7101", "support")], "calls")
        call = self.calls_of("s.4")
        self.assertEqual((call.user_id, call.agent_extension), (self.agent, "7101"))
        self.store([calls.Pop("s.4", CALLER, "", "PJSIP/7102", "7102", transfer=True)],
                   "calls")
        self.assertEqual(call.transfer_user_id, self.agent2)
        self.assertEqual([partner for partner, _payload in
                          self.messages(crm_call_store.POP_TYPE)],
                         [self.agent.partner_id.id, self.agent2.partner_id.id])

    # ------------------------------------------------ dialplan's reports
    def test_ivr_steps(self):
        """Steps reported before the call reached a queue join it once it is
        stored; each step's time runs from the previous one (or the call's
        start)."""
        self.store([calls.IvrStep("s.5", "main", "2", CALLER, at=EPOCH + 12),
                    calls.IvrStep("s.5", "repair", "1", CALLER, at=EPOCH + 20)], "calls")
        steps = self.env["crm.call.ivr"].search([("pbx_id", "=", self.pbx.id)])
        self.assertEqual(len(steps), 2)
        self.assertFalse(steps.mapped("call_id"), "no call yet")
        self.store([calls.CallStarted(self.record("s.5"))], "calls")
        call = self.calls_of("s.5")
        self.assertEqual(call.ivr_ids.sorted("date").mapped(lambda i: (i.menu, i.duration)),
                         [("main", 12), ("repair", 8)])

    def test_survey_score(self):
        self.store([calls.CallEnded(self.record("s.6", end=EPOCH + 9, result="abandoned"))])
        self.store([calls.SurveyScore("s.6", 4, "7101")], "calls")
        self.assertEqual(self.calls_of("s.6").satisfaction, 4)

    def test_voicemail(self):
        """A message for the mailbox's agent, announced once."""
        self.store([calls.CallEnded(self.record("s.7", end=EPOCH + 30, result="abandoned"))])
        message = calls.Voicemail("s.7", "7101", "/var/spool/asterisk/voicemail/s.7.wav", 12,
                                  CALLER, at=EPOCH + 31)
        self.store([message], "calls")
        self.store([message], "calls")
        call = self.calls_of("s.7")
        self.assertEqual((call.voicemail_state, call.voicemail_user_id, call.voicemail_box,
                          call.voicemail_duration), ("new", self.agent, "7101", 12))
        self.assertEqual([partner for partner, _payload in
                          self.messages(crm_call_store.VOICEMAIL_TYPE)],
                         [self.agent.partner_id.id])

    # --------------------------------------------------------- takeover
    def test_resync_ends_the_calls_gone(self):
        """A takeover's resync: the open calls the PBX no longer has end as
        interrupted; those it still has stay live."""
        self.store([calls.CallStarted(self.record("s.8")),
                    calls.CallStarted(self.record("s.9"))], "calls")
        self.store([calls.Resynced(["s.9"], ["s.8"])], "calls")
        self.assertEqual((self.calls_of("s.8").state, self.calls_of("s.8").result),
                         ("done", "interrupted"))
        self.assertEqual(self.calls_of("s.9").state, "ringing")

    # ----------------------------------------------------------- agents
    def test_agent_states_after_the_pops(self):
        """Agent states are the late lane's ("agents"): the first lane
        ("calls") pops and stores no state; each change closes the previous
        period and the monitor gets its "changed" message. The phone bar
        gets each agent's last state once per batch: a popped agent's with
        the pop (one answer of the browser's long poll, not two), the
        others' from the late lane."""
        facts = [calls.AgentStateChanged("7101", "PJSIP/7101", "ready", at=EPOCH),
                 calls.Pop("s.10", CALLER, "", "PJSIP/7101", "7101", "support"),
                 calls.AgentStateChanged("7101", "PJSIP/7101", "ringing", at=EPOCH + 1),
                 calls.AgentStateChanged("7102", "PJSIP/7102", "paused", "Lunch",
                                         at=EPOCH + 1)]
        self.store(facts, "calls")
        self.assertEqual(len(self.messages(crm_call_store.POP_TYPE)), 1)
        self.assertEqual(self.agent.cc_agent_state, "offline")
        (partner, bar), = self.messages("crm_callcenter.agent_state")
        self.assertEqual((partner, bar["state"], bar["extension"]),
                         (self.agent.partner_id.id, "ringing", "7101"))
        self.assertEqual(bar["since"], fields.Datetime.to_string(
            datetime.datetime.utcfromtimestamp(EPOCH + 1)))
        self.store(facts, "agents")
        self.assertEqual(len(self.messages(crm_call_store.POP_TYPE)), 1, "popped once")
        self.assertEqual(self.agent.cc_agent_state, "ringing")
        logs = self.env["crm.agent.state.log"].search([("user_id", "=", self.agent.id)],
                                                      order="id")
        self.assertEqual(logs.mapped(lambda log: (log.state, log.duration)),
                         [("ready", 1), ("ringing", 0)])
        self.assertFalse(logs[-1].date_end)
        bars = [(partner, bar["state"]) for partner, bar in
                self.messages("crm_callcenter.agent_state")]
        self.assertEqual(bars, [(self.agent.partner_id.id, "ringing"),
                                (self.agent2.partner_id.id, "paused")])
        self.assertTrue(self.messages("crm_callcenter.monitor"))

    def test_pbx_link_state(self):
        """The PBX link's state sets the agents the tracker did not speak
        for: unreachable while it is lost, offline once stopped; the agents
        of another phone system are left alone."""
        branch = self.pbx.copy({"name": "Branch PBX"})
        self.store([calls.AgentStateChanged("7101", "PJSIP/7101", "ready", at=EPOCH)],
                   "agents")
        self.store([calls.AgentStateChanged("7102", "PJSIP/7102", "ready", at=EPOCH)],
                   "agents", pbx=branch)
        self.store([calls.PbxState("unreachable", at=EPOCH + 5)], "agents")
        self.assertEqual((self.agent.cc_agent_state, self.agent2.cc_agent_state),
                         ("unreachable", "ready"))
        self.store([calls.PbxState("connected", ["7101"], [], at=EPOCH + 6),
                    calls.AgentStateChanged("7101", "PJSIP/7101", "ready", at=EPOCH + 6)],
                   "agents")
        self.assertEqual(self.agent.cc_agent_state, "ready")
        self.store([calls.PbxState("stopped", at=EPOCH + 9)], "agents")
        self.assertEqual((self.agent.cc_agent_state, self.agent2.cc_agent_state),
                         ("offline", "ready"))

    # ------------------------------------------------------------ types
    def test_every_fact_has_one_store_method(self):
        """Every fact the tracker makes is stored by exactly one method of
        the store; anything else (a dict) is refused."""
        facts = {value for value in vars(calls).values()
                 if isinstance(value, type) and dataclasses.is_dataclass(value)
                 and value is not calls.CallRecord}
        kinds = [kind for _part, _method, of in crm_call_store.STORES for kind in of]
        self.assertEqual(sorted(kinds, key=lambda kind: kind.__name__),
                         sorted(facts, key=lambda kind: kind.__name__))
        for _part, method, _kinds in crm_call_store.STORES:
            self.assertTrue(callable(getattr(self.Store, method)), method)
        with self.assertRaises(KeyError):
            self.store([{"kind": "pop", "linkedid": "s.11"}])
