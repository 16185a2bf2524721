"""Issue 15.3: the ticket list's phone search finds the caller's number
typed in any format: the ticket's contact number or its customer's phone
or mobile, through the E.164 indexes."""
from odoo.addons.crm_customer.tests.phone_search import (
    TYPED_LANDLINE,
    TYPED_MOBILE,
    assert_indexed,
    search_view_domain,
    where_clause,
)

from .common import TicketCase


class TestTicketPhoneSearch(TicketCase):

    ticket_users = ("agent",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.company_id.country_id = cls.env.ref("base.cn")
        cls.caller = cls.env["res.partner"].create({
            "name": "来电客户", "cc_customer": True, "gender": "female",
            "cc_category_id": cls.env.ref("crm_callcenter.dict_customer_category_normal").id,
            "mobile": "13800138000", "phone": "(010)84572000"})

    def test_customer_numbers_find_the_ticket(self):
        ticket = self.new_ticket(partner_id=self.caller.id, contact_number=False)
        other = self.new_ticket()
        tickets = self.Ticket.sudo(self.agent)
        for typed in TYPED_MOBILE + TYPED_LANDLINE:
            found = tickets.search(search_view_domain(tickets, "cc_phone_search", typed))
            self.assertIn(ticket, found, "%r did not find the ticket" % typed)
            self.assertNotIn(other, found, typed)

    def test_contact_number_of_an_unknown_caller(self):
        ticket = self.new_ticket(partner_id=False, contact_number="+86 138-0013-8000")
        self.assertEqual(ticket.contact_number_e164, "+8613800138000")
        tickets = self.Ticket.sudo(self.agent)
        for typed in TYPED_MOBILE:
            found = tickets.search(search_view_domain(tickets, "cc_phone_search", typed))
            self.assertIn(ticket, found, "%r did not find the ticket" % typed)

    def test_search_uses_the_indexes(self):
        where, params = where_clause(
            self.Ticket, [("cc_phone_search", "ilike", "0086 138-0013-8000")])
        self.assertIn('"contact_number_e164" = %s', where)
        self.assertIn('"mobile_e164" = %s', where)
        self.assertIn("+8613800138000", params)
        self.assertNotIn("ilike", where.lower())
        where, params = where_clause(self.Ticket, [("cc_phone_search", "ilike", "8000")])
        self.assertIn('reverse("contact_number_e164") LIKE %s', where)
        self.assertIn("0008%", params)
        assert_indexed(self, self.Ticket, "contact_number_e164")
