from odoo.exceptions import AccessError, UserError

from .common import TicketCase


class TestTicketFlow(TicketCase):

    ticket_users = ("agent", "agent_b", "supervisor")

    def test_standard_journey_by_restricted_users(self):
        ticket = self.new_ticket(needs_callback=True)
        ticket.sudo(self.agent).action_dispatch()
        # an agent of another department is not the handler
        with self.assertRaises(AccessError):
            self.act(ticket, self.agent_b, "result", result="x")
        self.act(ticket, self.handler, "result", result="已更换压缩机电容")
        self.assertEqual(ticket.stage, "handled")
        self.assertEqual(ticket.result_user_id, self.handler)
        self.assertEqual(ticket.step_code, "reply")
        with self.assertRaisesRegex(UserError, "satisfaction"):
            self.act(ticket, self.agent, "reply", reply_method="phone")
        self.act(ticket, self.agent, "reply", reply_method="phone",
                 satisfaction="satisfied", reply_note="已电话告知")
        self.assertEqual(ticket.stage, "replied")
        self.assertEqual(ticket.satisfaction, "satisfied")
        self.assertEqual(ticket.reply_department_id, self.dept_a)
        self.assertEqual(ticket.step_code, "callback",
                         "needs callback: the ticket waits for the visit")
        self.act(ticket, self.agent, "callback", callback_note="客户满意")
        self.assertEqual(ticket.stage, "visited")
        self.assertEqual(ticket.step_code, "archive")
        with self.assertRaises(AccessError):
            self.act(ticket, self.agent, "archive")
        self.act(ticket, self.supervisor, "archive",
                 archive_suggestion="同类问题加入知识库")
        self.assertEqual(ticket.stage, "archived")
        self.assertEqual(ticket.flow_state, "done")
        self.assertEqual(ticket.archive_user_id, self.supervisor)
        self.assertTrue(ticket.close_date)
        logs = ticket.flow_log_ids
        self.assertEqual(len(logs), 5, "start + four handled steps")

    def test_no_callback_skips_the_visit(self):
        ticket = self.new_ticket(needs_callback=False)
        ticket.action_dispatch()
        self.act(ticket, self.handler, "result", result="ok")
        self.act(ticket, self.agent, "reply", satisfaction="not_reached")
        self.assertEqual(ticket.step_code, "archive",
                         "without the flag the callback step is passed")
        self.assertEqual(ticket.stage, "replied")
        self.assertIn("No callback needed.", ticket.flow_log_ids.mapped("note"))

    def test_repair_arrival_and_completion(self):
        ticket = self.new_ticket(type_id=self.type_repair.id)
        ticket.action_dispatch()
        with self.assertRaises(AccessError):
            self.act(ticket, self.agent, "arrival")
        self.act(ticket, self.handler, "arrival",
                 arrival_user_id=self.handler.id,
                 arrival_date="2026-11-25 02:00:00")
        self.assertEqual(ticket.stage, "on_site")
        self.assertEqual(ticket.arrival_date, "2026-11-25 02:00:00")
        self.act(ticket, self.handler, "repair_done", repair_note="更换温控器")
        self.assertEqual(ticket.stage, "handled")
        self.assertTrue(ticket.repair_date)
        self.assertEqual(ticket.step_code, "reply")

    def test_result_is_required(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        with self.assertRaisesRegex(UserError, "result"):
            self.act(ticket, self.handler, "result")
        self.assertEqual(ticket.step_code, "result")

    def test_stale_dialog_refused(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        action = ticket.sudo(self.handler).action_flow_pass()
        Step = self.env["crm.ticket.step"].sudo(self.handler).with_context(**action["context"])
        step = Step.create({"result": "a"})
        step.action_confirm()
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            step.action_confirm()

    def test_bulk_archive(self):
        tickets = self.new_ticket() | self.new_ticket()
        tickets.action_dispatch()
        self.act(tickets, self.handler, "result", result="ok")
        self.act(tickets, self.agent, "reply", satisfaction="satisfied")
        other = self.new_ticket()
        other.action_dispatch()
        with self.assertRaisesRegex(UserError, other.name):
            (tickets | other).sudo(self.supervisor).action_bulk_archive()
        action = tickets.sudo(self.supervisor).action_bulk_archive()
        Step = self.env["crm.ticket.step"].sudo(self.supervisor).with_context(**action["context"])
        step = Step.create({"archive_suggestion": "批量归档"})
        step.action_confirm()
        self.assertEqual(set(tickets.mapped("stage")), {"archived"})
        self.assertEqual(set(tickets.mapped("archive_suggestion")), {"批量归档"})
