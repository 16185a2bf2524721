from odoo.exceptions import AccessError, UserError

from .common import OrderCase


class TestOrderFlow(OrderCase):

    def test_only_supervisor_reviews(self):
        order = self.new_order()
        for role in ("agent", "warehouse"):
            with self.assertRaises(AccessError, msg=role):
                self.act(order, role)
        self.act(order, "supervisor")
        self.assertEqual(order.flow_node_id, self.node["ship"])
        self.assertEqual(order.state, "sale")
        self.assertTrue(order._cc_outgoing_pickings(),
                        "confirming creates the delivery")

    def test_review_fail_goes_to_exception_list(self):
        order = self.new_order()
        self.act(order, "supervisor", "fail", note="客户地址不详")
        self.assertEqual(order.flow_state, "failed")
        self.assertEqual(order.state, "draft")
        Order = self.env["sale.order"].sudo(self.users["supervisor"])
        self.assertIn(order, Order.search([("flow_state", "=", "failed")]))

    def test_custom_review_node(self):
        self.node["gm_review"].active = True
        order = self.new_order()
        self.act(order, "supervisor")
        self.assertEqual(order.flow_node_id, self.node["gm_review"])
        with self.assertRaises(AccessError):
            self.act(order, "supervisor")
        self.act(order, "manager")
        self.assertEqual(order.flow_node_id, self.node["ship"])

    def test_cannot_ship_before_picking_done(self):
        order = self.run_to(self.new_order(), "ship")
        with self.assertRaises(UserError):
            self.act(order, "warehouse")
        picking = order._cc_outgoing_pickings()
        picking.sudo(self.users["warehouse"]).carrier_tracking_ref = "SF1"
        with self.assertRaises(UserError):
            self.act(order, "warehouse")
        self.ship(order)
        with self.assertRaises(AccessError):
            self.act(order, "agent")
        self.act(order, "warehouse")
        self.assertEqual(order.flow_node_id, self.node["payment"])

    def test_ship_needs_tracking_number(self):
        order = self.run_to(self.new_order(), "ship")
        self.ship(order, tracking=False)
        with self.assertRaises(UserError):
            self.act(order, "warehouse")

    def test_payment_refused_while_unpaid(self):
        order = self.run_to(self.new_order(), "payment")
        with self.assertRaises(UserError):
            self.act(order, "billing")
        invoice = self.invoice_and_pay(order, pay=False)
        self.assertEqual(invoice.state, "open")
        with self.assertRaises(UserError):
            self.act(order, "billing")
        with self.assertRaises(AccessError):
            self.act(order, "agent")

    def test_whole_pipeline(self):
        order = self.run_to(self.new_order(), "payment")
        invoice = self.invoice_and_pay(order)
        self.assertEqual(invoice.state, "paid")
        self.act(order, "billing")
        self.assertEqual(order.flow_node_id, self.node["receipt"])
        with self.assertRaises(AccessError):
            self.act(order, "warehouse")
        self.act(order, "agent", note="客户确认已收货")
        self.assertEqual(order.flow_node_id, self.node["followup"])
        with self.assertRaises(UserError):
            self.act(order, "agent")
        order.sudo(self.users["agent"]).write({
            "cc_satisfaction": "4", "cc_followup_note": "安装满意"})
        self.act(order, "agent")
        self.assertEqual(order.flow_state, "done")
        outcomes = order.flow_log_ids.mapped("outcome")
        self.assertEqual(outcomes.count("pass"), 5)

    def test_receipt_exception(self):
        order = self.run_to(self.new_order(), "receipt")
        self.act(order, "agent", "fail", note="客户称未收到货")
        self.assertEqual(order.flow_state, "failed")
