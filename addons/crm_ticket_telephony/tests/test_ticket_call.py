"""Tickets and calls: "New Ticket" in the screen pop (CC-6, TK-1), the
ticket's calls, and the customer's service history in the pop (TK-11)."""
from odoo.addons.crm_telephony.tests.common import pop_sections_computed_for_others
from odoo.addons.crm_ticket.tests.common import TicketCase


class TestTicketCall(TicketCase):

    ticket_users = ("agent", "supervisor", "manager", "admin")

    def test_ticket_from_the_call(self):
        """The pop's "New Ticket": customer, number and call prefilled; the
        ticket then shows on the call, in the caller's next pop, and the
        ticket lists its calls (where the recordings are played)."""
        call = self.env["crm.call"].create({
            "linkedid": "1795577919.8", "number": "13910870001",
            "partner_id": self.customer.id, "user_id": self.agent.id})
        action = call.sudo(self.agent).action_cc_new_ticket()
        Ticket = self.Ticket.sudo(self.agent).with_context(**action["context"])
        defaults = Ticket.default_get(["partner_id", "contact_number", "call_id"])
        self.assertEqual(defaults, {"partner_id": self.customer.id,
                                    "contact_number": "13910870001", "call_id": call.id})
        ticket = Ticket.create({"type_id": self.type_consult.id, "description": "咨询"})
        self.assertEqual(call.ticket_ids, ticket)
        self.assertIn(ticket, call.sudo(self.agent).partner_ticket_ids)
        self.assertEqual(ticket.sudo(self.agent).cc_call_count, 1)
        calls = self.env["crm.call"].sudo(self.agent).search(
            ticket.sudo(self.agent).action_cc_calls()["domain"])
        self.assertEqual(calls, call)
        # an unknown caller: the ticket keeps the number, without a customer
        unknown = self.env["crm.call"].create({
            "linkedid": "1795577919.9", "number": "13900000009", "user_id": self.agent.id})
        context = unknown.sudo(self.agent).action_cc_new_ticket()["context"]
        self.assertEqual((context["default_partner_id"], context["default_contact_number"]),
                         (False, "13900000009"))

    def test_pop_reads_the_tickets_of_its_call_only(self):
        """The earlier calls listed in the pop do not get their tickets and
        services searched with it."""
        ticket = self.Ticket.sudo(self.agent).create({
            "type_id": self.type_consult.id, "description": "咨询",
            "partner_id": self.customer.id})
        calls = [self.env["crm.call"].create({
            "linkedid": "1795577921.%d" % index, "number": "13910870001",
            "partner_id": self.customer.id, "user_id": self.agent.id}).id for index in range(3)]
        values, computed = pop_sections_computed_for_others(
            self.env["crm.call"].sudo(self.agent).browse(calls[-1]))
        self.assertEqual(sorted(values["partner_call_ids"]), calls[:-1])
        self.assertIn(ticket.id, values["partner_ticket_ids"])
        self.assertEqual(computed, {})

    def test_service_history_in_the_screen_pop(self):
        Service = self.env["crm.ticket.service"]
        old = Service.create({
            "partner_id": self.customer.id, "kind": "installation",
            "date": "2024-05-01 02:00:00", "technician_id": self.handler.id})
        new = Service.create({
            "partner_id": self.customer.id, "kind": "phone",
            "date": "2026-11-01 02:00:00"})
        other = self.env["res.partner"].create(
            {"name": "李四", "cc_customer": True, "gender": "female",
             "cc_category_id": self.customer.cc_category_id.id,
             "mobile": "+86 139 1087 0002"})
        Service.create({"partner_id": other.id, "kind": "phone"})
        call = self.env["crm.call"].create({
            "linkedid": "1795577919.31", "number": "13910870001",
            "partner_id": self.customer.id, "user_id": self.agent.id})
        history = call.sudo(self.agent).partner_service_ids
        self.assertEqual(history.ids, (new | old).ids,
                         "the caller's services, newest first")
        view = self.env["crm.call"].sudo(self.agent).fields_view_get(
            self.env.ref("crm_telephony.crm_call_view_form_pop").id, "form")
        self.assertIn('name="partner_service_ids"', view["arch"])
        self.assertIn('name="partner_ticket_ids"', view["arch"])
