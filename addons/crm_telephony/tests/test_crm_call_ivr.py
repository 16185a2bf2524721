"""IVR paths (CC-11): the menus a caller chose, the time spent in each,
the satisfaction score, who sees them."""
import datetime

from odoo import fields

from ..telephony import calls
from .common import ListenerCase, facts_of


class TestCrmCallIvr(ListenerCase):

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

    def _calls_with_steps(self, user, count):
        """``count`` calls of ``user`` (False: unanswered), one IVR step each."""
        steps = self.env["crm.call.ivr"]
        for index in range(count):
            call = self.Call.create({
                "pbx_id": self.pbx.id, "caller": "+8613800138000", "direction": "inbound",
                "user_id": user.id if user else False,
                "department_id": user.crm_department_id.id if user else False,
                "date_start": fields.Datetime.now(), "state": "done"})
            steps |= steps.create({"pbx_id": self.pbx.id, "call_id": call.id,
                                   "menu": "main", "choice": str(index)})
        return steps

    def _rule_params(self, user):
        """The SQL parameters of the IVR steps' record rules for ``user``."""
        Steps = self.env["crm.call.ivr"].sudo(user)
        query = Steps._where_calc([])
        Steps._apply_ir_rules(query, "read")
        return query.get_sql()[2]

    def test_who_sees_which_ivr_steps(self):
        """Agents see the steps of their calls; supervisors those of their
        departments' calls, of unanswered calls and of callers who left in
        the IVR; nobody else's."""
        mine = self._calls_with_steps(self.users["agent"], 2)
        colleague = self._calls_with_steps(self.agent3, 1)  # the same department
        other = self._calls_with_steps(self.agent2, 1)  # another department
        unanswered = self._calls_with_steps(False, 1)
        left = self.env["crm.call.ivr"].create({"pbx_id": self.pbx.id, "menu": "main"})
        everything = mine | colleague | other | unanswered | left
        domain = [("id", "in", everything.ids)]
        self.assertEqual(self.env["crm.call.ivr"].sudo(self.users["agent"]).search(domain), mine)
        self.assertEqual(self.env["crm.call.ivr"].sudo(self.agent2).search(domain), other)
        self.assertEqual(self.env["crm.call.ivr"].sudo(self.users["supervisor"]).search(domain),
                         mine | colleague | unanswered | left)
        self.assertEqual(self.env["crm.call.ivr"].sudo(self.users["manager"]).search(domain),
                         everything)

    def test_rules_do_not_list_the_calls(self):
        """The rules' query stays the same size however many calls the agent
        and the department took: Odoo 11 put the id of every matching call
        in it (all of an agent's calls; a department's and every unanswered
        call for a supervisor)."""
        for user in (self.users["agent"], self.users["supervisor"]):
            before = len(self._rule_params(user))
            self._calls_with_steps(self.users["agent"], 3)
            self._calls_with_steps(False, 2)
            self.assertEqual(len(self._rule_params(user)), before, user.login)
