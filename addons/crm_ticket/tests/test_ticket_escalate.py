import datetime
from unittest import mock

from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_callcenter import localtime

from .common import TicketCase


class EscalateCase(TicketCase):
    """An expert seat in a third department and an agent there; no tests
    here, so that glue add-ons (crm_ticket_telephony) can build on it."""

    ticket_users = ("agent", "agent_b", "supervisor")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dept_c = cls.env["crm.department"].create(
            {"name": "Experts C", "code": "TK-C"})
        cls.expert = cls.fixture_env["res.users"].create({
                "name": "Expert C", "login": "tk_expert_c",
                "email": "tk_expert_c@example.com",
                "crm_department_id": cls.dept_c.id, "cc_ticket_scope": "own",
                "groups_id": [(6, 0, cls.env.ref(
                    "crm_callcenter.group_expert").ids)]})
        cls.agent_c = cls.fixture_env["res.users"].create({
                "name": "Agent C", "login": "tk_agent_c",
                "crm_department_id": cls.dept_c.id,
                "groups_id": [(6, 0, cls.env.ref(
                    "crm_callcenter.group_agent").ids)]})

    def escalate(self, ticket, user, expert, **values):
        action = ticket.sudo(user).action_escalate()
        Wizard = self.env["crm.ticket.escalate"].sudo(user).with_context(
            **action["context"])
        values.setdefault("reason", "客户要求技术专家解答")
        wizard = Wizard.create(dict(values, expert_id=expert.id))
        return wizard.action_confirm()


class TestTicketEscalate(EscalateCase):
    """TK-9: escalate a ticket to an expert seat."""

    def test_escalate_reassigns_and_notifies_expert(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        self.assertEqual(ticket.handler_id, self.handler)
        with self.assertRaises(AccessError):
            ticket.sudo(self.expert).read(["name"])
        # the wizard offers the experts of the handling department first
        Wizard = self.env["crm.ticket.escalate"].sudo(self.agent).with_context(
            default_ticket_id=ticket.id)
        defaults = Wizard.default_get(["department_id"])
        self.assertEqual(defaults["department_id"], self.dept_b.id)
        # a ticket id in the context is the client's: one the caller cannot read is refused
        with self.assertRaises(AccessError):
            self.env["crm.ticket.escalate"].sudo(self.expert).with_context(
                default_ticket_id=ticket.id).default_get(["reason"])
        wizard = Wizard.new({"ticket_id": ticket.id,
                             "department_id": self.dept_c.id})
        domain = wizard._onchange_department_id()["domain"]["expert_id"]
        self.assertEqual(self.env["res.users"].search(domain), self.expert)
        self.escalate(ticket, self.agent, self.expert,
                      reason="压缩机异响，需专家判断")
        self.assertEqual(ticket.handler_id, self.expert)
        self.assertEqual(ticket.expert_id, self.expert)
        self.assertEqual(ticket.escalation_reason, "压缩机异响，需专家判断")
        # the expert sees the ticket, has a to-do and handles its step
        self.assertEqual(ticket.sudo(self.expert).name, ticket.name)
        self.assertIn(ticket, self.Ticket.sudo(self.expert).search(
            [("handler_id", "=", self.expert.id)]))
        activity = ticket.activity_ids.filtered(
            lambda a: a.user_id == self.expert)
        self.assertEqual(len(activity), 1)
        self.assertIn("压缩机异响", ticket.message_ids[0].body)
        self.assertIn(self.expert.partner_id,
                      ticket.message_ids[0].partner_ids)
        log = self.env["crm.operation.log"].search(
            [("res_model", "=", "crm.ticket"),
             ("res_ids", "=", str(ticket.id)), ("operation", "=", "flow")])
        self.assertEqual(len(log), 1)
        self.assertIn("Expert C", log.description)
        with self.assertRaises(AccessError):
            self.act(ticket, self.handler, "result", result="x")
        self.act(ticket, self.expert, "result", result="专家已答复")
        self.assertEqual(ticket.result_user_id, self.expert)

    def test_only_experts_and_allowed_users(self):
        ticket = self.new_ticket()
        with self.assertRaisesRegex(UserError, "not an expert seat"):
            self.escalate(ticket, self.agent, self.agent_b)
        self.assertEqual(ticket.handler_id, self.handler)
        # an agent of another department cannot see, so cannot escalate
        with self.assertRaises(AccessError):
            self.escalate(ticket, self.agent_c, self.expert)
        self.assertFalse(ticket.expert_id)

    def test_expert_todo_due_on_company_day(self):
        """Just after the company's midnight the expert's to-do is due that
        day, although the agent's own zone is still on the day before."""
        ticket = self.new_ticket()
        ticket.action_dispatch()
        self.agent.tz = "America/New_York"
        tz = self.agent.company_id._cc_tz_name()
        midnight = localtime.local_midnight_utc(tz, datetime.date(2026, 7, 1))
        moment = midnight + datetime.timedelta(minutes=1)
        with mock.patch.object(localtime, "utcnow", return_value=moment):
            self.escalate(ticket, self.agent, self.expert)
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.expert)
        self.assertEqual(activity.date_deadline, "2026-07-01",
                         "the to-do should be due on the company's day")
