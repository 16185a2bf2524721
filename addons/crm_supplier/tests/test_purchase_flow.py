from odoo.exceptions import AccessError, UserError

from .common import SupplierCase


class TestPurchaseFlow(SupplierCase):
    """进货单: review → custom review → receive → pay, node by node."""

    roles = ("agent", "supervisor", "manager")

    def test_new_order_waits_for_review(self):
        order = self.new_order()
        self.assertEqual(order.flow_state, "running")
        self.assertEqual(order.flow_node_id.code, "review")
        self.assertEqual(order.state, "draft", "not confirmed before review")
        # Odoo's confirm button is blocked under review
        with self.assertRaises(UserError):
            order.sudo(self.users["supervisor"]).button_confirm()
        self.assertEqual(order.state, "draft")
        # agents have no access to purchases
        with self.assertRaises(AccessError):
            order.sudo(self.users["agent"]).read(["name"])
        with self.assertRaises(AccessError):
            self.act("agent", order)

    def test_failed_review_goes_to_exceptions(self):
        order = self.new_order()
        self.act("supervisor", order, "fail")
        self.assertEqual(order.flow_state, "failed")
        self.assertEqual(order.state, "draft")
        action = self.env.ref("crm_supplier.purchase_order_action_exception")
        domain = eval(action.domain)  # noqa: S307 - our own action
        self.assertIn(order, order.search(domain))

    def test_custom_review_sends_back(self):
        order = self.new_order()
        self.act("supervisor", order)
        self.act("manager", order, "send_back")
        self.assertEqual(order.flow_node_id.code, "review")
        self.assertEqual(order.state, "draft")

    def test_review_custom_review_receive_and_pay(self):
        """One order through every step: who may act and what each step
        needs (one receipt and its backorder, one bill, one payment)."""
        order = self.new_order()
        # review, then the custom review confirms
        self.act("supervisor", order)
        self.assertEqual(order.flow_node_id.code, "custom_review")
        self.assertEqual(order.state, "draft",
                         "confirmation waits for the custom review")
        with self.assertRaises(AccessError):
            self.act("supervisor", order)
        self.act("manager", order)
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.flow_node_id.code, "receive")
        self.assertEqual(len(order.picking_ids), 1, "receipt created")
        # receive: refused until the whole receipt is done
        with self.assertRaises(UserError):
            self.act("supervisor", order)
        self.receive(order, {self.product: 4, self.part: 20})
        with self.assertRaises(UserError, msg="backorder still pending"):
            self.act("supervisor", order)
        self.receive(order)
        self.act("supervisor", order)
        self.assertEqual(order.flow_node_id.code, "pay")
        # entering pay creates the vendor bill of what was received
        bills = order._crm_supplier_bills()
        self.assertEqual(len(bills), 1)
        self.assertEqual(bills.state, "draft")
        self.assertEqual(bills.type, "in_invoice")
        self.assertAlmostEqual(bills.amount_untaxed, 10 * 100 + 20 * 50)
        self.assertEqual(
            sorted(bills.invoice_line_ids.mapped("quantity")), [10, 20])
        # pay: refused until the bill is paid
        with self.assertRaises(AccessError, msg="supervisors do not pay"):
            self.act("supervisor", order)
        with self.assertRaises(UserError, msg="bill not paid"):
            self.act("manager", order)
        bills = bills.sudo(self.users["manager"])
        bills.action_invoice_open()
        with self.assertRaises(UserError, msg="bill open but unpaid"):
            self.act("manager", order)
        bills.pay_and_reconcile(self.bank, bills.residual)
        self.assertEqual(bills.state, "paid")
        self.act("manager", order)
        self.assertEqual(order.flow_state, "done")
        self.assertEqual(order.state, "done", "the order is locked at the end")

    def test_flow_buttons_coexist_with_purchase_header(self):
        arch = self.env["purchase.order"].sudo(
            self.users["supervisor"]).fields_view_get(
                view_type="form")["arch"]
        self.assertIn('name="action_flow_pass"', arch)
        self.assertIn('name="button_confirm"', arch)
        self.assertIn('widget="statusbar"', arch)
        self.assertIn('name="action_supplier_return"', arch)
