from odoo.exceptions import UserError

from .common import OrderCase


class TestOrderEntry(OrderCase):

    roles = ("agent", "supervisor", "manager")

    def test_agent_order_starts_at_review(self):
        order = self.new_order()
        self.assertEqual(order.cc_entered_by_id, self.users["agent"],
                         "the entering agent is recorded")
        self.assertEqual(order.flow_id, self.flow)
        self.assertEqual(order.flow_node_id, self.node["review"])
        self.assertEqual(order.flow_state, "running")

    def test_screen_pop_context_prefills_customer(self):
        action = self.env["sale.order"]._cc_new_order_action(
            self.customer.id, call_ref="1700000000.42")
        Order = self.env["sale.order"].sudo(self.users["agent"]).with_context(
            **action["context"])
        defaults = Order.default_get(["partner_id", "cc_channel",
                                      "cc_call_ref", "cc_entered_by_id"])
        self.assertEqual(defaults["partner_id"], self.customer.id)
        self.assertEqual(defaults["cc_channel"], "phone")
        self.assertEqual(defaults["cc_call_ref"], "1700000000.42")
        self.assertEqual(defaults["cc_entered_by_id"], self.users["agent"].id)
        partner_action = self.customer.sudo(
            self.users["agent"]).action_cc_new_order()
        self.assertEqual(partner_action["context"]["default_partner_id"],
                         self.customer.id)

    def test_editable_during_review(self):
        order = self.new_order()
        order.sudo(self.users["agent"]).write({"note": "送货前来电"})
        order.order_line.sudo(self.users["agent"]).product_uom_qty = 3
        self.assertEqual(order.order_line.product_uom_qty, 3)

    def test_locked_after_review(self):
        order = self.new_order()
        self.act(order, "supervisor")
        self.assertEqual(order.state, "sale", "review confirms the order")
        with self.assertRaises(UserError):
            order.sudo(self.users["agent"]).write({"note": "改单"})
        with self.assertRaises(UserError):
            order.order_line.sudo(self.users["agent"]).product_uom_qty = 5
        with self.assertRaises(UserError):
            order.sudo(self.users["manager"]).write(
                {"order_line": [(0, 0, {"product_id": self.product.id})]})
        self.assertEqual(order.order_line.product_uom_qty, 2)

    def test_confirm_and_cancel_only_through_flow(self):
        order = self.new_order()
        with self.assertRaises(UserError):
            order.sudo(self.users["supervisor"]).action_confirm()
        with self.assertRaises(UserError):
            order.sudo(self.users["supervisor"]).action_cancel()
        self.assertEqual(order.state, "draft")

    def test_distributor_order_uses_its_pricelist(self):
        pricelist = self.env["product.pricelist"].create({
            "name": "经销商价", "item_ids": [(0, 0, {
                "applied_on": "3_global", "compute_price": "percentage",
                "percent_price": 20})]})
        distributor = self.new_customer(
            "武汉家电经销部", "+86 27 8888 6666", is_company=True,
            cc_category_id=self.env.ref(
                "crm_callcenter.dict_customer_category_distributor").id,
            property_product_pricelist=pricelist.id)
        self.assertTrue(distributor.cc_distributor)
        # demo customers existed before this add-on: their flag was filled in
        # SQL when the column was made
        self.assertEqual(
            (self.env.ref("crm_customer.res_partner_customer_12_demo").cc_distributor,
             self.env.ref("crm_customer.res_partner_customer_01_demo").cc_distributor),
            (True, False))
        Order = self.env["sale.order"].sudo(self.users["agent"])
        order = Order.new({"partner_id": distributor.id})
        order.onchange_partner_id()
        self.assertEqual(order.pricelist_id, pricelist)
        order = Order.create({
            "partner_id": distributor.id, "pricelist_id": pricelist.id,
            "order_line": [(0, 0, {"product_id": self.product.id})]})
        order.order_line.product_id_change()
        self.assertTrue(order.cc_distributor_order)
        self.assertAlmostEqual(order.order_line.price_unit, 800.0)
        self.assertFalse(self.new_order().cc_distributor_order)

    def test_customer_with_orders_cannot_be_deleted(self):
        self.new_order()
        with self.assertRaises(UserError):
            self.customer.unlink()
