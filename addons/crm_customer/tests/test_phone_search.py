"""Issue 15.3: a number typed in any format in a phone search box finds
the customer / call, through the E.164 indexes; numbers are shown in one
national format."""
from odoo.exceptions import UserError

from .phone_search import (
    TYPED_LANDLINE,
    TYPED_MOBILE,
    PhoneSearchCase,
    assert_indexed,
    search_view_domain,
    where_clause,
)


class TestPhoneSearch(PhoneSearchCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.Partner.create({
            "name": "别的客户", "cc_customer": True, "gender": "male",
            "cc_category_id": cls.category.id, "mobile": "139 1087 0001"})
        cls.agent_partners = cls.Partner.sudo(cls.users["agent"])

    def test_numbers_are_displayed_in_the_national_format(self):
        self.assertEqual(self.customer.mobile, "138 0013 8000")
        self.assertEqual(self.customer.phone, "010 8457 2000")
        self.customer.write({"mobile": "＋８６　１３９－１０８７－０００２"})
        self.assertEqual(self.customer.mobile, "139 1087 0002")
        self.assertEqual(self.customer.mobile_e164, "+8613910870002")

    def test_foreign_and_unparsable_numbers(self):
        foreign = self.Partner.create({"name": "London", "phone": "020 7946 0958",
                                       "country_id": self.env.ref("base.uk").id})
        self.assertEqual(foreign.phone, "+44 20 7946 0958", "foreign: international format")
        kept = self.Partner.create({"name": "Free form", "phone": "ext. 12"})
        self.assertEqual(kept.phone, "ext. 12", "what cannot be parsed is kept as typed")
        self.assertFalse(kept.phone_e164)

    def test_phone_field_of_the_search_view(self):
        for typed in TYPED_MOBILE + TYPED_LANDLINE:
            domain = search_view_domain(self.agent_partners, "cc_phone_search", typed)
            found = self.assertFinds(self.agent_partners, domain, self.customer, typed)
            self.assertNotIn(self.other, found, typed)

    def test_main_search_box_finds_numbers(self):
        """The box's default field (name) also searches by number."""
        for typed in TYPED_MOBILE + TYPED_LANDLINE:
            domain = search_view_domain(self.agent_partners, "name", typed)
            self.assertFinds(self.agent_partners, domain, self.customer, typed)

    def test_name_search(self):
        for typed in TYPED_MOBILE[:4] + TYPED_LANDLINE[:3]:
            ids = [row[0] for row in self.agent_partners.name_search(typed)]
            self.assertIn(self.customer.id, ids, typed)
            self.assertNotIn(self.other.id, ids, typed)

    def test_supplier_search(self):
        supplier = self.Partner.create({"name": "供应商甲", "supplier": True,
                                        "customer": False, "is_company": True,
                                        "phone": "(010)84572000"})
        suppliers = self.Partner.sudo(self.users["manager"])
        for typed in TYPED_LANDLINE:
            domain = [("supplier", "=", True)] + search_view_domain(
                suppliers, "cc_phone_search", typed)
            self.assertFinds(suppliers, domain, supplier, typed)

    def test_full_number_is_an_exact_match_on_the_index(self):
        where, params = where_clause(
            self.Partner, [("cc_phone_search", "ilike", "0086 138-0013-8000")])
        self.assertIn('"mobile_e164" = %s', where)
        self.assertIn('"phone_e164" = %s', where)
        self.assertIn("+8613800138000", params)
        self.assertNotIn("ilike", where.lower(), "no scan of a display column")
        self.assertNotIn('"mobile" ', where)
        assert_indexed(self, self.Partner, "mobile_e164")
        assert_indexed(self, self.Partner, "phone_e164")

    def test_last_digits_are_a_prefix_match_on_the_reversed_index(self):
        where, params = where_clause(self.Partner, [("cc_phone_search", "ilike", "0013 8000")])
        self.assertIn('reverse("mobile_e164") LIKE %s', where)
        self.assertIn("00083100%", params, "a prefix pattern, no leading wildcard")
        self.assertFalse([p for p in params if isinstance(p, str) and p.startswith("%")])

    def test_text_that_is_no_number_finds_nothing_by_number(self):
        for typed in ("张三", "KH0001", "12"):
            self.assertFalse(self.Partner.search([("cc_phone_search", "ilike", typed)]), typed)
        with self.assertRaises(UserError):
            self.Partner.search([("cc_phone_search", ">", "1")])
