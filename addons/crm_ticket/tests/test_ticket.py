from unittest.mock import patch

from odoo.exceptions import AccessError, UserError

from .common import TicketCase


class TestTicket(TicketCase):

    ticket_users = ("agent", "supervisor", "manager", "admin")

    def test_pop_context_prefills_ticket(self):
        """The screen pop opens the form with the caller's partner, number
        and source; the agent's department and the type's handler follow."""
        Ticket = self.Ticket.sudo(self.agent).with_context(
            default_partner_id=self.customer.id,
            default_contact_number="+86 139 1087 0001",
            default_source="phone")
        defaults = Ticket.default_get(
            ["partner_id", "contact_number", "source", "department_id",
             "user_id"])
        self.assertEqual(defaults["partner_id"], self.customer.id)
        self.assertEqual(defaults["contact_number"], "+86 139 1087 0001")
        self.assertEqual(defaults["source"], "phone")
        self.assertEqual(defaults["department_id"], self.dept_a.id)
        ticket = Ticket.create({"type_id": self.type_consult_product.id,
                                "description": "咨询"})
        self.assertTrue(ticket.name.startswith("GD"), ticket.name)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.handler_id, self.handler,
                         "the handler is inherited from the parent type")
        self.assertEqual(ticket.handler_department_id, self.dept_b)
        self.assertEqual(ticket.stage, "new")

    def test_pop_action(self):
        action = self.Ticket.sudo(self.agent)._action_open_from_pop(
            self.customer.id, "+86 139 1087 0001")
        self.assertEqual(action["res_model"], "crm.ticket")
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        self.assertEqual(action["context"]["default_source"], "phone")
        self.assertEqual(action["views"][0][1], "form")

    def test_onchange_partner_fills_number(self):
        ticket = self.Ticket.sudo(self.agent).new({"partner_id": self.customer.id})
        ticket._onchange_partner_id()
        self.assertEqual(ticket.contact_number, self.customer.mobile)
        self.assertEqual(ticket.email, "zhangsan@example.com")

    def test_earlier_tickets_shown(self):
        first = self.new_ticket()
        second = self.new_ticket()
        self.assertIn(first, second.history_ids)
        self.assertNotIn(second, second.history_ids,
                         "a ticket is not its own history")
        draft = self.Ticket.sudo(self.agent).new(
            {"contact_number": self.customer.mobile})
        self.assertEqual(set(draft.history_ids.ids), {first.id, second.id},
                         "an unknown partner is matched by the number")

    def test_customer_with_tickets_cannot_be_deleted(self):
        self.new_ticket()
        with self.assertRaises(UserError):
            self.customer.sudo(self.manager).unlink()

    def test_resolved_on_call_closes(self):
        ticket = self.new_ticket()
        ticket.action_resolve()
        self.assertEqual(ticket.stage, "closed")
        self.assertTrue(ticket.close_date)
        self.assertEqual(ticket.flow_state, "draft", "no flow is started")
        with self.assertRaises(UserError):
            ticket.action_dispatch()

    def test_dispatch_starts_type_flow(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        self.assertEqual(ticket.flow_id, self.flow_standard,
                         "a sub-type uses its parent's flow")
        self.assertEqual(ticket.step_code, "result")
        self.assertEqual(ticket.stage, "processing")
        repair = self.new_ticket(type_id=self.type_repair.id)
        repair.action_flow_start()
        self.assertEqual(repair.flow_id, self.flow_repair)
        self.assertEqual(repair.step_code, "arrival")

    def test_dispatch_without_flow_says_what_to_do(self):
        ticket = self.new_ticket(type_id=self.type_noflow.id)
        with self.assertRaisesRegex(UserError, "has no flow"):
            ticket.action_dispatch()
        self.assertEqual(ticket.stage, "new")

    def test_only_administrators_maintain_types(self):
        with self.assertRaises(AccessError):
            self.env["crm.ticket.type"].sudo(self.supervisor).create(
                {"name": "X"})
        child = self.env["crm.ticket.type"].sudo(self.admin).create(
            {"name": "Child", "parent_id": self.type_repair.id})
        self.assertEqual(child.complete_name, "Repair / Child")
        self.assertEqual(child._get_flow(), self.flow_repair)

    def test_dispatch_form_button_is_labelled(self):
        arch = self.Ticket.sudo(self.agent).fields_view_get(
            view_type="form")["arch"]
        self.assertIn('name="action_flow_start"', arch)
        self.assertIn("Dispatch", arch)

    def test_list_read_names_related_records(self):
        """Lists read the names of customers and users without the rest of
        their rows; the names are the same."""
        tickets = self.new_ticket() | self.new_ticket(partner_id=False)
        rows = {row["id"]: row for row in tickets.sudo(self.agent).read(
            ["partner_id", "user_id", "handler_id", "type_id"])}
        first, second = rows[tickets[0].id], rows[tickets[1].id]
        self.assertEqual(first["partner_id"],
                         (self.customer.id, self.customer.display_name))
        self.assertFalse(second["partner_id"])
        self.assertEqual(first["user_id"], (self.agent.id, self.agent.name))
        self.assertEqual(first["handler_id"], (self.handler.id, self.handler.name))
        self.assertEqual(first["type_id"], (self.type_consult_product.id,
                                            "Consultation / Product"))

    def test_chat_formatting_skipped_for_ticket_messages_only(self):
        """A ticket's message that notifies nobody is not formatted for the
        chat bus; other models' messages are handled as Odoo does."""
        Message = type(self.env["mail.message"])
        original = Message.message_format
        formatted = []

        def message_format(messages):
            formatted.extend(messages.mapped("model"))
            return original(messages)

        with patch.object(Message, "message_format", message_format):
            ticket = self.new_ticket()
            ticket.sudo(self.agent).message_post(body="内部备注", subtype="mail.mt_note")
            self.customer.message_post(body="客户备注", subtype="mail.mt_note")
        self.assertIn("内部备注", ticket.message_ids.mapped("body")[0])
        self.assertNotIn("crm.ticket", formatted)
        self.assertIn("res.partner", formatted)
