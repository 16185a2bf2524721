from odoo.exceptions import AccessError, UserError

from .common import OrderCase


class TestOrderExceptions(OrderCase):

    roles = ("agent", "supervisor", "warehouse", "billing")

    def test_supervisor_voids_exception(self):
        order = self.new_order()
        self.act(order, "supervisor", "fail")
        with self.assertRaises(AccessError):
            order.sudo(self.users["agent"]).action_cc_void()
        order.sudo(self.users["supervisor"]).action_cc_void()
        self.assertEqual(order.flow_state, "void")
        self.assertEqual(order.state, "cancel")
        Order = self.env["sale.order"].sudo(self.users["supervisor"])
        self.assertIn(order, Order.search([("flow_state", "=", "void")]))
        self.assertEqual(order.flow_log_ids[:1].outcome, "void")

    def test_reorder_copies_back_to_start(self):
        order = self.new_order(qty=3)
        with self.assertRaises(UserError, msg="only from the exception list"):
            order.sudo(self.users["supervisor"]).action_cc_reorder()
        self.act(order, "supervisor", "fail", note="价格有误")
        with self.assertRaises(AccessError):
            order.sudo(self.users["agent"]).action_cc_reorder()
        action = order.sudo(self.users["supervisor"]).action_cc_reorder()
        new = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(new.cc_reorder_of_id, order)
        self.assertEqual(new.flow_node_id, self.node["review"])
        self.assertEqual(new.flow_state, "running")
        self.assertEqual(new.cc_entered_by_id, self.users["agent"])
        self.assertEqual(new.order_line.product_uom_qty, 3)
        self.assertEqual(order.flow_state, "void")

    def test_receipt_exception_after_shipping_cannot_be_voided(self):
        order = self.run_to(self.new_order(), "receipt")
        self.act(order, "agent", "fail")
        with self.assertRaises(UserError):
            order.sudo(self.users["supervisor"]).action_cc_void()
        self.assertEqual(order.flow_state, "failed")
        self.assertEqual(order.state, "sale")

    def test_void_before_shipping_cancels_delivery(self):
        order = self.run_to(self.new_order(), "ship")
        order.sudo(self.users["supervisor"]).action_cc_void()
        self.assertEqual(order.state, "cancel")
        pickings = order.picking_ids
        self.assertTrue(pickings)
        self.assertEqual(set(pickings.mapped("state")), {"cancel"})
