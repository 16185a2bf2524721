"""CC-6: "New Order" in the screen pop, the orders of a call."""
from odoo.exceptions import UserError

from odoo.addons.crm_order_flow.tests.common import OrderCase


class TestOrderCall(OrderCase):

    roles = ("agent", "supervisor", "manager")

    def test_order_from_the_screen_pop(self):
        """The pop's "New Order": prefilled with the caller and the call; the
        order then shows on the call and in the caller's next pop."""
        call = self.env["crm.call"].create({
            "linkedid": "1795577919.8", "number": "13800138000",
            "partner_id": self.customer.id, "user_id": self.users["agent"].id})
        action = call.sudo(self.users["agent"]).action_cc_new_order()
        defaults = self.env["sale.order"].sudo(self.users["agent"]).with_context(
            **action["context"]).default_get(["partner_id", "cc_call_id"])
        self.assertEqual(defaults, {"partner_id": self.customer.id, "cc_call_id": call.id})
        order = self.new_order(cc_call_id=defaults["cc_call_id"])
        self.assertEqual((order.partner_id, order.cc_call_id), (self.customer, call))
        self.assertIn(order, call.order_ids)
        self.assertIn(order, call.sudo(self.users["agent"]).partner_order_ids)
        unknown = self.env["crm.call"].create({
            "linkedid": "1795577919.9", "number": "13900000000",
            "user_id": self.users["agent"].id})
        with self.assertRaises(UserError):
            unknown.sudo(self.users["agent"]).action_cc_new_order()
