import base64
import io
import re

import openpyxl

from odoo.exceptions import AccessError

from .common import TicketCase


class TestTicketReport(TicketCase):

    ticket_users = ("agent", "agent_b", "supervisor", "manager")

    def test_statistics_per_handler_and_acceptance_type(self):
        tickets = self.new_ticket() | self.new_ticket() | self.new_ticket(
            type_id=self.type_repair.id, acceptance_type="repair")
        tickets[0].action_resolve()
        groups = self.env["crm.ticket.report"].sudo(self.manager).read_group(
            [("ticket_id", "in", tickets.ids)],
            ["handler_id", "acceptance_type", "nbr", "closed"],
            ["handler_id", "acceptance_type"], lazy=False)
        counts = {(g["handler_id"][0], g["acceptance_type"]): g["nbr"]
                  for g in groups}
        self.assertEqual(counts, {(self.handler.id, "consultation"): 2,
                                  (self.handler.id, "repair"): 1})
        self.assertEqual(sum(g["closed"] for g in groups), 1)

    def test_statistics_groups_in_the_usual_order(self):
        """The report sorts its groups itself (no join in SQL): same groups,
        same order as Odoo's own ordering by the handler's name."""
        tickets = self.new_ticket() | self.new_ticket(
            type_id=self.type_repair.id, acceptance_type="repair",
            handler_id=self.supervisor.id) | self.new_ticket(
                handler_id=False, acceptance_type="complaint")
        Report = self.env["crm.ticket.report"].sudo(self.manager)
        args = ([("ticket_id", "in", tickets.ids)],
                ["handler_id", "acceptance_type", "nbr"],
                ["handler_id", "acceptance_type"])
        ours = Report.read_group(*args, lazy=False)
        odoo = Report.read_group(
            *args, orderby="handler_id, acceptance_type", lazy=False)
        key = [(g["handler_id"], g["acceptance_type"], g["nbr"]) for g in odoo]
        self.assertEqual(
            [(g["handler_id"], g["acceptance_type"], g["nbr"]) for g in ours],
            key)
        self.assertEqual([g["handler_id"] and g["handler_id"][0] for g in ours],
                         [self.handler.id, self.supervisor.id, False])
        lazy = Report.read_group(*args)
        self.assertEqual([g["handler_id_count"] for g in lazy], [1, 1, 1])

    def test_statistics_follow_visibility(self):
        ticket = self.new_ticket(user=self.agent_b)
        Report = self.env["crm.ticket.report"]
        self.supervisor.cc_ticket_scope = "own"
        self.assertFalse(Report.sudo(self.supervisor).search(
            [("ticket_id", "=", ticket.id)]))
        self.assertTrue(Report.sudo(self.manager).search(
            [("ticket_id", "=", ticket.id)]))
        with self.assertRaises(AccessError):
            Report.sudo(self.agent).search([])

    def test_step_times(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        self.act(ticket, self.handler, "result", result="ok")
        # the flow's log lines are written within one second: place them
        # 2.5 hours apart so the time at the step is known
        self.env.cr.execute(
            """UPDATE crm_flow_log l SET date = '2026-03-02 08:00:00'::timestamp
                                               + (n.rank - 1) * interval '150 minutes'
                 FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank
                         FROM crm_flow_log
                        WHERE res_model = 'crm.ticket' AND res_id = %s) n
                WHERE l.id = n.id""", (ticket.id,))
        self.env["crm.flow.log"].invalidate_cache()
        rows = self.env["crm.ticket.step.report"].sudo(self.manager).search(
            [("ticket_id", "=", ticket.id)])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows.node_id.code, "result")
        self.assertEqual(rows.user_id, self.handler)
        self.assertAlmostEqual(rows.hours, 2.5)

    def test_export_xlsx(self):
        tickets = self.new_ticket() | self.new_ticket()
        action = tickets.sudo(self.agent).action_export_xlsx()
        exported = self.env["crm.export.file"].sudo(self.agent).browse(
            int(re.search(r"[?&]id=(\d+)", action["url"]).group(1)))
        with self.assertRaises(AccessError):   # M2: the exporter's only
            exported.sudo(self.supervisor).read(["data"])
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(exported.data)))
        rows = list(book.active.values)
        self.assertEqual(len(rows), 3, "header + two tickets")
        self.assertEqual(rows[0][0], "Number")
        self.assertEqual({r[0] for r in rows[1:]}, set(tickets.mapped("name")))

    def test_query_filters(self):
        to_reply = self.new_ticket()
        to_reply.action_dispatch()
        self.act(to_reply, self.handler, "result", result="ok")
        processing = self.new_ticket()
        processing.action_dispatch()
        Ticket = self.env["crm.ticket"].sudo(self.agent)
        mine = Ticket.search([("user_id", "=", self.agent.id),
                              ("step_code", "=", "reply"),
                              ("flow_state", "=", "running")])
        self.assertEqual(mine, to_reply)
        both = (to_reply | processing).ids
        waiting = self.env["crm.ticket"].sudo(self.handler).search(
            [("flow_is_mine", "=", True), ("id", "in", both)])
        self.assertEqual(waiting, to_reply | processing,
                         "the handler gets the result; as an agent, replies")
        waiting = self.env["crm.ticket"].sudo(self.agent_b).search(
            [("flow_is_mine", "=", True), ("id", "in", both)])
        self.assertEqual(waiting, to_reply,
                         "another agent only waits on the reply step")
