"""CC-32: the home dashboard's data is read as the user (record rules
apply): my activities, today's calls of my scope, sections added by other
add-ons, and a refresh pushed through the bus. The "My Queue" tiles need a
flow document: crm_ticket/tests/test_ticket_dashboard.py."""
import json

from odoo import fields
from odoo.tests import common

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestDashboard(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["crm.department"]
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.hotline = Department.create({"name": "看板热线组"})
        cls.aftersales = Department.create({"name": "看板售后组"})

        def user(login, role, department):
            return Users.create({
                "name": "看板 %s" % login, "login": "dash_%s" % login,
                "email": "dash_%s@example.com" % login, "crm_department_id": department.id,
                "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_%s" % role).ids)]})

        cls.agent_a = user("agent_a", "agent", cls.hotline)
        cls.agent_b = user("agent_b", "agent", cls.aftersales)
        cls.supervisor_a = user("supervisor_a", "supervisor", cls.hotline)
        cls.supervisor_b = user("supervisor_b", "supervisor", cls.aftersales)
        cls.Dashboard = cls.env["crm.dashboard"]
        cls.customer = cls.Partner.create(cls.customer_vals(cls, name="看板客户"))

    def data(self, user):
        return self.Dashboard.sudo(user).cc_dashboard_data()

    def add_call(self, user, result="answered", department=None):
        return self.env["crm.call"].create({
            "number": "+8613800138000", "state": "done", "result": result,
            "user_id": user.id if user else False,
            "department_id": (department or user.crm_department_id).id,
            "date_start": fields.Datetime.now(), "date_end": fields.Datetime.now(),
        })

    def test_activities_are_the_users_own(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        # the call center's today, as the dashboard counts it
        today = self.agent_b.company_id._cc_today()
        Activity = self.env["mail.activity"]
        model = self.env["ir.model"]._get("res.partner")
        before_a = self.data(self.agent_a)["activities"]
        for user, summary, deadline in ((self.agent_a, "回访看板客户", "2000-01-01"),
                                        (self.agent_b, "核实地址", today)):
            Activity.create({"res_model_id": model.id, "res_id": self.customer.id,
                             "activity_type_id": todo.id, "summary": summary,
                             "user_id": user.id, "date_deadline": deadline})
        mine = self.data(self.agent_a)["activities"]
        self.assertEqual(mine["count"], before_a["count"] + 1,
                         "an agent counts only the activities assigned to them")
        self.assertEqual(mine["overdue"], before_a["overdue"] + 1)
        summaries = [item["summary"] for item in mine["items"]]
        self.assertIn("回访看板客户", summaries)
        self.assertNotIn("核实地址", summaries, "another agent's activity leaked")
        item = [i for i in mine["items"] if i["summary"] == "回访看板客户"][0]
        self.assertEqual((item["res_model"], item["res_id"], item["state"]),
                         ("res.partner", self.customer.id, "overdue"))
        theirs = self.data(self.agent_b)["activities"]
        self.assertIn("核实地址", [i["summary"] for i in theirs["items"]])
        self.assertGreaterEqual(theirs["today"], 1)

    def test_calls_follow_each_departments_rules(self):
        users = (self.agent_a, self.agent_b, self.supervisor_a, self.supervisor_b)
        before = {user: self.data(user)["calls"] for user in users}
        self.add_call(self.agent_a)
        self.add_call(self.agent_a, result="abandoned")
        self.add_call(self.agent_b)
        self.add_call(self.supervisor_b)
        after = {user: self.data(user)["calls"] for user in users}

        def added(user, key="count"):
            return after[user][key] - before[user][key]

        self.assertEqual((added(self.agent_a), added(self.agent_a, "answered"),
                          added(self.agent_a, "missed")), (2, 1, 1),
                         "an agent counts their own calls")
        self.assertEqual(added(self.agent_b), 1, "agent B saw calls that are not theirs")
        self.assertEqual(added(self.supervisor_a), 2,
                         "the hotline Supervisor counts the hotline's calls only")
        self.assertEqual(added(self.supervisor_b), 2,
                         "the after-sales Supervisor counts the after-sales calls only")
        action = after[self.agent_a]["action"]
        self.assertEqual(
            self.env["crm.call"].sudo(self.agent_a).search_count(action["domain"]),
            after[self.agent_a]["count"], "the tile opens the calls it counts")

    def test_sections_hook_and_refresh_message(self):
        self.assertIsInstance(self.data(self.agent_a)["sections"], list)
        Bus = self.env["bus.bus"]
        last = Bus.search([], order="id desc", limit=1).id or 0
        self.Dashboard.sudo(self.agent_a)._cc_dashboard_notify(self.agent_a | self.agent_b)
        sent = Bus.search([("id", ">", last)])
        channels = {tuple(json.loads(row.channel)) for row in sent}
        self.assertEqual(channels, {
            (self.env.cr.dbname, "res.partner", self.agent_a.partner_id.id),
            (self.env.cr.dbname, "res.partner", self.agent_b.partner_id.id)})
        self.assertEqual({json.loads(row.message)["type"] for row in sent},
                         {"crm_callcenter.dashboard"})

    def test_refresh_reaches_a_steps_group_in_one_insert(self):
        """What a flow transition sends: the step's users and its groups'
        members (implied memberships too: a Supervisor is an Agent), active
        ones only."""
        Bus = self.env["bus.bus"]
        left = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "看板 离职", "login": "dash_left", "email": "dash_left@example.com",
            "groups_id": [(6, 0, self.env.ref("crm_callcenter.group_agent").ids)]})
        left.active = False
        nobody = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "看板 员工", "login": "dash_employee", "email": "dash_employee@example.com",
            "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        last = Bus.search([], order="id desc", limit=1).id or 0
        self.Dashboard._cc_dashboard_notify_ids(
            {nobody.id}, {self.env.ref("crm_callcenter.group_agent").id})
        partners = {json.loads(row.channel)[2] for row in Bus.search([("id", ">", last)])}
        for user in (self.agent_a, self.agent_b, self.supervisor_a, nobody):
            self.assertIn(user.partner_id.id, partners, "%s was not told" % user.login)
        self.assertNotIn(left.partner_id.id, partners, "an archived user was told")
        agents = self.env.ref("crm_callcenter.group_agent").users
        self.assertEqual(len(partners), len(agents.filtered("active") | nobody),
                         "one message per user")

    def test_assigned_activities_refresh_the_assignees_dashboard(self):
        Bus = self.env["bus.bus"]
        last = Bus.search([], order="id desc", limit=1).id or 0
        activity = self.env["mail.activity"].sudo(self.supervisor_a).create({
            "res_model_id": self.env["ir.model"]._get("res.partner").id,
            "res_id": self.customer.id, "summary": "下周回访", "date_deadline": "2099-01-01",
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "user_id": self.agent_a.id})
        activity.sudo(self.supervisor_a).write({"user_id": self.agent_b.id})

        def pushed_to(user):
            channel = [self.env.cr.dbname, "res.partner", user.partner_id.id]
            return [json.loads(row.message)["type"]
                    for row in Bus.search([("id", ">", last)])
                    if json.loads(row.channel) == channel]
        self.assertIn("crm_callcenter.dashboard", pushed_to(self.agent_a),
                      "a future activity is news for its assignee too")
        self.assertIn("crm_callcenter.dashboard", pushed_to(self.agent_b))
        self.assertNotIn("crm_callcenter.dashboard", pushed_to(self.supervisor_b))

    def test_dashboard_is_the_first_call_center_menu(self):
        # the full list: checking each menu's action would read models that a
        # partly loaded registry (module update) does not have yet
        menus = self.env["ir.ui.menu"].with_context(**{"ir.ui.menu.full_list": True}).search(
            [("parent_id", "=", self.env.ref("crm_callcenter.callcenter_root_menu").id)])
        dashboard = self.env.ref("crm_callcenter.crm_dashboard_menu")
        self.assertEqual(menus[:1], dashboard)
        self.assertEqual(dashboard.groups_id, self.env.ref("crm_callcenter.group_agent"))
        # usable as the user's home action
        self.agent_a.sudo().write({"action_id": self.env.ref(
            "crm_callcenter.crm_dashboard_action").id})
        self.assertEqual(self.agent_a.action_id.id,
                         self.env.ref("crm_callcenter.crm_dashboard_action").id)


@common.at_install(False)
@common.post_install(True)
class TestLanding(CallCenterCase):
    """Agents and Supervisors land on the call-center dashboard: the web
    client opens the first application menu (by sequence) and its first
    menu with an action when the user has no home action."""

    def first_action(self, user):
        menus = self.env["ir.ui.menu"].sudo(user).load_menus(False)
        first_app = menus["children"][0]
        entries = sorted(first_app["children"], key=lambda m: (m["sequence"], m["id"]))
        return first_app, next(m["action"] for m in entries if m["action"])

    def test_agent_and_supervisor_land_on_the_dashboard(self):
        dashboard = "ir.actions.client,%d" % self.env.ref(
            "crm_callcenter.crm_dashboard_action").id
        for role in ("agent", "supervisor"):
            user = self.users[role]
            self.assertFalse(user.action_id, "no home action of its own")
            app, action = self.first_action(user)
            self.assertEqual(app["id"], self.env.ref("crm_callcenter.callcenter_root_menu").id,
                             "%s's first application is not the call center" % role)
            self.assertEqual(action, dashboard, "%s does not land on the dashboard" % role)
