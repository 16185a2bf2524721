"""TK-9: escalating a ticket transfers the agent's live call to the
expert's extension."""
import socket

from odoo.exceptions import UserError

from odoo.addons.crm_ticket.tests.test_ticket_escalate import EscalateCase


class TestTicketEscalateCall(EscalateCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expert.extension = "1009"

    def test_no_live_call_no_transfer(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        defaults = self.env["crm.ticket.escalate"].sudo(self.agent).with_context(
            default_ticket_id=ticket.id).default_get(["department_id", "transfer_call"])
        self.assertFalse(defaults["transfer_call"], "no live call")

    def test_live_call_is_transferred_first(self):
        """On the ticket's live call the agent's escalation asks the phone
        system to transfer the call to the expert's extension; when the
        phone system cannot be reached nothing changes. (The AMI transfer
        actions are not exercised: the fake AMI server does not answer
        BlindTransfer / Atxfer.)"""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.env["crm.pbx"].search([]).write({"active": False})
        self.env["crm.pbx"].create({
            "name": "总部", "host": "127.0.0.1", "port": port,
            "username": "callcenter", "secret": "s3cret"})
        self.agent.extension = "1001"
        call = self.env["crm.call"].create({
            "linkedid": "1795577919.41", "number": "13910870001",
            "partner_id": self.customer.id, "user_id": self.agent.id,
            "state": "talking"})
        ticket = self.new_ticket(call_id=call.id)
        wizard = self.env["crm.ticket.escalate"].sudo(self.agent).with_context(
            default_ticket_id=ticket.id).create(
                {"expert_id": self.expert.id, "reason": "x"})
        self.assertTrue(wizard.call_live)
        self.assertTrue(wizard.transfer_call, "on a live call: transfer")
        with self.assertRaisesRegex(UserError, "(?i)connect|refused|reach"):
            wizard.action_confirm()
        self.assertEqual(ticket.handler_id, self.handler, "nothing changed")
        self.assertFalse(ticket.expert_id)
        # another agent's live call is not transferred by this agent
        self.assertFalse(ticket.sudo(self.supervisor)._cc_live_call_of_user())
        # the call has ended: the escalation goes without a transfer
        call.state = "done"
        with self.assertRaisesRegex(UserError, "not on the call"):
            wizard.action_confirm()
        wizard.transfer_call = False
        wizard.action_confirm()
        self.assertEqual(ticket.handler_id, self.expert)
