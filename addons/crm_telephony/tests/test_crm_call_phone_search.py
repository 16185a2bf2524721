"""Issue 15.3: a number typed in any format in the calls' phone search
box finds the call, through the E.164 index."""
from odoo.addons.crm_customer.tests.phone_search import (
    TYPED_LANDLINE,
    TYPED_MOBILE,
    PhoneSearchCase,
    assert_indexed,
    search_view_domain,
    where_clause,
)


class TestCallPhoneSearch(PhoneSearchCase):

    def test_calls_by_number(self):
        Call = self.env["crm.call"]
        own = Call.create({"number": "+8613800138000", "number_e164": "+8613800138000",
                           "user_id": self.users["agent"].id, "linkedid": "phone-1"})
        from_landline = Call.create({
            "number": "+861084572000", "number_e164": "+861084572000",
            "partner_id": self.customer.id, "user_id": self.users["agent"].id,
            "linkedid": "phone-2"})
        unrelated = Call.create({"number": "+8613910870001", "number_e164": "+8613910870001",
                                 "user_id": self.users["agent"].id, "linkedid": "phone-3"})
        calls = Call.sudo(self.users["agent"])
        for typed in TYPED_MOBILE:
            domain = search_view_domain(calls, "cc_phone_search", typed)
            found = self.assertFinds(calls, domain, own, typed)
            self.assertNotIn(unrelated, found, typed)
            self.assertIn(from_landline, found, "%r: the customer's other number" % typed)
        for typed in TYPED_LANDLINE:
            domain = search_view_domain(calls, "cc_phone_search", typed)
            self.assertFinds(calls, domain, from_landline, typed)
        where = where_clause(Call, [("cc_phone_search", "ilike", "8000")])[0]
        self.assertIn('reverse("number_e164") LIKE %s', where)
        self.assertIn("0083100831%", where_clause(
            Call, [("cc_phone_search", "ilike", "1380013800")])[1], "possible number: suffix too")
        assert_indexed(self, Call, "number_e164")
