from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError

from odoo.addons.crm_security.models.owned_fields import FLOW

from .common import TicketCase


class TestTicketSla(TicketCase):

    ticket_users = ("agent", "supervisor")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Sla = cls.env["crm.ticket.sla"]
        cls.sla_urgent = Sla.create({
            "name": "Urgent repair", "sequence": 1, "priority": "2",
            "type_ids": [(6, 0, cls.type_repair.ids)],
            "line_ids": [(0, 0, {"step_code": "arrival", "hours": 4})]})
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Weekdays 9-17", "attendance_ids": [
                (0, 0, {"name": "d%s" % day, "dayofweek": str(day),
                        "hour_from": 9, "hour_to": 17})
                for day in range(5)]})
        cls.sla_standard = Sla.create({
            "name": "Standard", "sequence": 5,
            "calendar_id": cls.calendar.id,
            "line_ids": [(0, 0, {"step_code": "result", "hours": 8}),
                         (0, 0, {"step_code": "reply", "hours": 2})]})
        cls.supervisor_b = cls.fixture_env["res.users"].create({
                "name": "Sup B", "login": "tk_sup_b",
                "email": "tk_sup_b@example.com",
                "crm_department_id": cls.dept_b.id,
                "groups_id": [(6, 0, cls.env.ref(
                    "crm_callcenter.group_supervisor").ids)]})
        cls.dept_b.manager_id = cls.supervisor_b

    def test_level_chosen_by_type_and_priority(self):
        urgent = self.new_ticket(type_id=self.type_repair.id, priority="3")
        urgent.action_dispatch()
        self.assertEqual(urgent.sla_id, self.sla_urgent)
        deadline = fields.Datetime.from_string(urgent.sla_deadline)
        self.assertAlmostEqual(
            (deadline - datetime.utcnow()).total_seconds() / 3600, 4, delta=0.1,
            msg="round-the-clock level: four hours from now")
        normal = self.new_ticket(type_id=self.type_repair.id, priority="1")
        normal.action_dispatch()
        self.assertEqual(normal.sla_id, self.sla_standard)
        self.assertFalse(normal.sla_deadline, "no deadline for arrival")

    def test_calendar_deadline_counts_working_hours(self):
        friday_4pm = datetime(2026, 11, 27, 16, 0)
        deadline = self.sla_standard._deadline("result", friday_4pm)
        self.assertGreaterEqual(deadline, datetime(2026, 11, 30, 0, 0),
                                "the weekend does not count")
        self.assertLess(deadline.weekday(), 5, "the deadline is a weekday")
        around_clock = self.sla_urgent._deadline("arrival", friday_4pm)
        self.assertEqual(around_clock, datetime(2026, 11, 27, 20, 0))

    def test_next_step_gets_its_own_deadline(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        first = ticket.sla_deadline
        self.assertTrue(first)
        self.act(ticket, self.handler, "result", result="ok")
        self.assertTrue(ticket.sla_deadline)
        self.assertNotEqual(ticket.sla_deadline, first)
        self.act(ticket, self.agent, "reply", satisfaction="satisfied")
        self.assertFalse(ticket.sla_deadline, "no deadline for archive")

    def test_overdue_escalates_to_handler_supervisor(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        past = fields.Datetime.to_string(datetime.utcnow() - timedelta(hours=1))
        FLOW.run(ticket.sudo()).write(
            {"sla_deadline": past})
        escalated = self.env["crm.ticket"]._cron_sla_escalate()
        self.assertIn(ticket, escalated)
        self.assertTrue(ticket.sla_overdue)
        activity = ticket.activity_ids.filtered(
            lambda a: a.user_id == self.supervisor_b)
        self.assertTrue(activity, "the handler's department manager is told")
        self.assertNotIn(ticket, self.env["crm.ticket"]._cron_sla_escalate(),
                         "escalated once per step")
        self.act(ticket, self.handler, "result", result="ok")
        self.assertFalse(ticket.sla_overdue, "the next step starts afresh")

    def test_urge_notifies_handler(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        with self.assertRaises(UserError):
            ticket.sudo(self.agent).action_urge()
        ticket.sudo(self.supervisor).action_urge()
        self.assertTrue(ticket.activity_ids.filtered(
            lambda a: a.user_id == self.handler), "the handler gets a to-do")
        self.assertIn(self.handler.partner_id,
                      ticket.message_ids[:1].partner_ids)
