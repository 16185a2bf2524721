"""Calls on the customer (res.partner): the count and the deletion guard."""

from odoo.exceptions import UserError

from .common import ListenerCase, facts_of


class TestResPartner(ListenerCase):

    def test_customer_with_calls_cannot_be_deleted(self):
        self.apply(facts_of("answered"))
        with self.assertRaises(UserError):
            self.customer.sudo(self.users["manager"]).unlink()
        self.assertEqual(self.customer.cc_call_count, 1)
