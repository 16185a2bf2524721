"""Issue 15.3: the order list's phone search finds the customer's number
typed in any format, through the customers' E.164 indexes."""
from odoo.addons.crm_customer.tests.phone_search import (
    TYPED_LANDLINE,
    TYPED_MOBILE,
    search_view_domain,
    where_clause,
)

from .common import OrderCase


class TestOrderPhoneSearch(OrderCase):

    roles = ("agent",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.company_id.country_id = cls.env.ref("base.cn")
        cls.caller = cls.new_customer("来电客户", "0086 138-0013-8000",
                                      phone="(010)84572000")

    def test_customer_numbers_find_the_order(self):
        order = self.new_order(partner_id=self.caller.id)
        other = self.new_order()
        orders = self.env["sale.order"].sudo(self.users["agent"])
        for typed in TYPED_MOBILE + TYPED_LANDLINE:
            found = orders.search(search_view_domain(orders, "cc_phone_search", typed))
            self.assertIn(order, found, "%r did not find the order" % typed)
            self.assertNotIn(other, found, typed)

    def test_search_uses_the_indexes(self):
        Order = self.env["sale.order"]
        where, params = where_clause(Order, [("cc_phone_search", "ilike", "１３８００１３８０００")])
        self.assertIn('"mobile_e164" = %s', where)
        self.assertIn("+8613800138000", params)
        self.assertNotIn("ilike", where.lower())
        where, params = where_clause(Order, [("cc_phone_search", "ilike", "8000")])
        self.assertIn('reverse("mobile_e164") LIKE %s', where)
        self.assertIn("0008%", params)
