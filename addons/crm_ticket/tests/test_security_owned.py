"""Security review 2026-12 M5, as the attacking role: the ticket fields the
flow, the customer's rating page and the web form set are not writable
over RPC (stage, close date, deadlines, escalation, rating, address)."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .common import TicketCase

FORGED = {"crm_flow_transition": True, "crm_owner_flow": "flow",
          "crm_owner_rating": "rating"}


class TestTicketOwnedFields(TicketCase):

    def test_agent_cannot_write_flow_rating_and_form_fields(self):
        ticket = self.new_ticket()
        ticket.action_dispatch()
        past = fields.Datetime.to_string(datetime.utcnow() - timedelta(days=1))
        mine = ticket.sudo(self.agent).with_context(**FORGED)
        for vals in ({"stage": "closed"}, {"close_date": past},
                     {"sla_deadline": past}, {"sla_overdue": True},
                     {"rating": "5"}, {"rating_note": "好"},
                     {"web_address": "10.0.0.1"}, {"expert_id": self.agent.id},
                     {"flow_state": "done"}):
            with self.assertRaises(AccessError, msg=vals):
                mine.write(vals)
        self.assertEqual((ticket.stage, ticket.rating), ("processing", False))

    def test_agent_cannot_create_a_closed_or_rated_ticket(self):
        for vals in ({"stage": "closed"}, {"rating": "5"}, {"web_address": "1.2.3.4"},
                     {"sla_overdue": True}):
            with self.assertRaises(AccessError, msg=vals):
                self.new_ticket(**vals)
        with self.assertRaises(AccessError):
            self.Ticket.sudo(self.agent).with_context(default_stage="archived").create({
                "partner_id": self.customer.id, "type_id": self.type_consult_product.id})

    def test_only_the_customer_rates(self):
        ticket = self.new_ticket()
        ticket.sudo(self.agent).action_resolve()
        with self.assertRaises(AccessError):
            ticket.sudo(self.agent).action_rate("5", "自评满分")
        self.assertFalse(ticket.rating)
        ticket.sudo().action_rate("4")  # the portal page rates as the superuser
        self.assertEqual(ticket.rating, "4")
