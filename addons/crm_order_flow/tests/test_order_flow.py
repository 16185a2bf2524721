from odoo.exceptions import AccessError, UserError

from .common import OrderCase


class TestOrderFlow(OrderCase):

    roles = ("agent", "supervisor", "manager", "warehouse", "billing")

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

    def test_review_passes_several_orders_at_once(self):
        # a Supervisor passes a selection from the list; Odoo 11's own
        # confirmation of several orders fails ("Expected singleton") when a
        # product is re-invoiced at cost, so each order is confirmed alone
        self.product.sudo().expense_policy = "cost"
        orders = self.new_order() | self.new_order(qty=1)
        orders.sudo(self.users["supervisor"]).crm_flow_act("pass")
        self.assertEqual(orders.mapped("state"), ["sale", "sale"])
        self.assertEqual(orders.mapped("flow_node_id"), self.node["ship"])
        self.assertTrue(all(order.analytic_account_id for order in orders))

    def test_whole_pipeline(self):
        """One order through every step; at each step who may act and what
        the step requires (one delivery, one invoice, one payment)."""
        order = self.new_order()
        # review: supervisors only; passing confirms and creates the delivery
        for role in ("agent", "warehouse"):
            with self.assertRaises(AccessError, msg=role):
                self.act(order, role)
        self.act(order, "supervisor")
        self.assertEqual(order.flow_node_id, self.node["ship"])
        self.assertEqual(order.state, "sale")
        picking = order._cc_outgoing_pickings()
        self.assertTrue(picking, "confirming creates the delivery")
        # ship: not before the delivery is done...
        with self.assertRaises(UserError):
            self.act(order, "warehouse")
        picking.sudo(self.users["warehouse"]).carrier_tracking_ref = "SF1"
        with self.assertRaises(UserError, msg="tracking but not delivered"):
            self.act(order, "warehouse")
        # ... and not without a tracking number
        picking.sudo(self.users["warehouse"]).carrier_tracking_ref = False
        self.ship(order, tracking=False)
        self.assertEqual(picking.state, "done")
        with self.assertRaises(UserError, msg="delivered without tracking"):
            self.act(order, "warehouse")
        picking.sudo(self.users["warehouse"]).carrier_tracking_ref = "SF12345"
        with self.assertRaises(AccessError):
            self.act(order, "agent")
        self.act(order, "warehouse")
        self.assertEqual(order.flow_node_id, self.node["payment"])
        # payment: refused while not invoiced, then while unpaid
        with self.assertRaises(UserError, msg="not invoiced"):
            self.act(order, "billing")
        invoice = self.invoice_and_pay(order, pay=False)
        self.assertEqual(invoice.state, "open")
        with self.assertRaises(UserError, msg="invoice unpaid"):
            self.act(order, "billing")
        with self.assertRaises(AccessError):
            self.act(order, "agent")
        self.pay(invoice)
        self.assertEqual(invoice.state, "paid")
        self.act(order, "billing")
        self.assertEqual(order.flow_node_id, self.node["receipt"])
        # receipt (an exception here: test_order_exceptions)
        with self.assertRaises(AccessError):
            self.act(order, "warehouse")
        self.act(order, "agent", note="客户确认已收货")
        self.assertEqual(order.flow_node_id, self.node["followup"])
        # follow-up needs the customer's satisfaction
        with self.assertRaises(UserError):
            self.act(order, "agent")
        order.sudo(self.users["agent"]).write({
            "cc_satisfaction": "4", "cc_followup_note": "安装满意"})
        self.act(order, "agent")
        self.assertEqual(order.flow_state, "done")
        outcomes = order.flow_log_ids.mapped("outcome")
        self.assertEqual(outcomes.count("pass"), 5)
