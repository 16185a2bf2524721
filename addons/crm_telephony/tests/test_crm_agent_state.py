"""Agent states from the listener (CC-5): the history, the phone bar's
state when the PBX is lost, back, and the listener stopped."""
import json

from ..telephony import calls
from .common import EPOCH, ListenerCase, facts_of


class TestCrmAgentState(ListenerCase):

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
