"""CC-6: "New Order" in the screen pop, the orders of a call."""
from odoo.exceptions import UserError

from odoo.addons.crm_order_flow.tests.common import OrderCase
from odoo.addons.crm_telephony.tests.common import pop_sections_computed_for_others


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

    def test_pop_reads_the_orders_of_its_call_only(self):
        """The earlier calls listed in the pop do not get their orders
        searched with it."""
        agent = self.users["agent"]
        order = self.new_order()
        calls = [self.env["crm.call"].create({
            "linkedid": "1795577920.%d" % index, "number": "13800138000",
            "partner_id": self.customer.id, "user_id": agent.id}).id for index in range(3)]
        values, computed = pop_sections_computed_for_others(
            self.env["crm.call"].sudo(agent).browse(calls[-1]))
        self.assertEqual(sorted(values["partner_call_ids"]), calls[:-1])
        self.assertIn(order.id, values["partner_order_ids"])
        self.assertEqual(computed, {})
