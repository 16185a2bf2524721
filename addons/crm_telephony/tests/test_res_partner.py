"""Calls on the customer (res.partner): the count and the deletion guard."""

from odoo.exceptions import UserError

from .common import ListenerCase, facts_of


class TestResPartner(ListenerCase):

    def test_customer_with_calls_cannot_be_deleted(self):
        self.apply(facts_of("answered"))
        with self.assertRaises(UserError):
            self.customer.sudo(self.users["manager"]).unlink()
        self.assertEqual(self.customer.cc_call_count, 1)

    def test_pop_profile_shows_the_screen_pop_attributes(self):
        """The pop's profile: the customer's key fields and the attributes
        an Administrator shows in the screen pop (not the others), escaped."""
        Attribute = self.env["crm.customer.attribute"].sudo(self.users["admin"])
        shown = Attribute.create({"name": "设备型号", "code": "pop_device", "attribute_type": "text"})
        flag = Attribute.create({"name": "延保", "code": "pop_warranty",
                                 "attribute_type": "boolean"})
        hidden = Attribute.create({"name": "内部备注", "code": "pop_internal",
                                   "attribute_type": "text", "show_in_pop": False})
        try:
            self.customer.sudo().write({"x_cc_pop_device": "KFR-35GW<b>", "x_cc_pop_warranty": True,
                                        "x_cc_pop_internal": "不显示"})
            customer = self.Partner.sudo(self.users["agent"]).browse(self.customer.id)
            summary = customer._cc_pop_summary()
            self.assertIn("<th>Mobile</th><td>%s " % self.customer.mobile, summary)
            self.assertIn("<th>设备型号</th><td>KFR-35GW&lt;b&gt;</td>", summary)
            self.assertIn("<th>延保</th><td>Yes</td>", summary)
            self.assertNotIn("不显示", summary)
        finally:
            (shown | flag | hidden).unlink()
