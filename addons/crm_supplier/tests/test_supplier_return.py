from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SupplierCase


class TestSupplierReturn(SupplierCase):
    """退货 / 换货 from a completed purchase: stock moves and credit notes."""

    roles = ("agent", "supervisor", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.full_purchase()
        cls.line = cls.order.order_line.filtered(
            lambda l: l.product_id == cls.product)

    def submit(self, kind="return", qty=3.0, user="supervisor", flow=None):
        wizard = self.env["purchase.order.return"].sudo(
            self.users[user]).with_context(
                default_purchase_id=self.order.id).create({
                    "kind": kind, "reason": "外壳破损",
                    "flow_id": (flow or (self.return_flow if kind == "return"
                                         else self.exchange_flow)).id})
        wizard.line_ids.filtered(
            lambda l: l.purchase_line_id == self.line).quantity = qty
        action = wizard.action_submit()
        return self.env["crm.supplier.return"].browse(action["res_id"])

    def stock(self, product):
        return product.with_context(
            location=self.env.ref("stock.stock_location_stock").id
        ).qty_available

    def test_wizard_offers_received_lines_and_the_kind_flow(self):
        wizard = self.env["purchase.order.return"].sudo(
            self.users["supervisor"]).with_context(
                default_purchase_id=self.order.id, default_kind="exchange"
            ).create({"reason": "x"})
        self.assertEqual(wizard.flow_id, self.exchange_flow)
        self.assertEqual(len(wizard.line_ids), 2)

    def test_submit_refuses_a_flow_that_does_not_apply(self):
        """The client may put any flow id in the wizard: a flow whose
        condition does not match, or an archived one with a lax first step,
        is replaced by the flow that applies."""
        document = self.submit("return", 1, flow=self.exchange_flow)
        self.assertEqual(document.flow_id, self.return_flow)
        lax = self.env["crm.flow"].create({
            "name": "Lax", "active": False,
            "model_id": self.env["ir.model"]._get("crm.supplier.return").id,
            "node_ids": [(0, 0, {
                "name": "Done", "code": "done", "sequence": 1,
                "user_ids": [(6, 0, self.users["supervisor"].ids)]})]})
        document = self.submit("return", 1, flow=lax)
        self.assertEqual(document.flow_id, self.return_flow)

    def test_return_creates_reverse_picking_and_credit_note(self):
        stock_before = self.stock(self.product)
        document = self.submit("return", 3)
        self.assertEqual(document.flow_id, self.return_flow)
        self.assertEqual(document.partner_id, self.supplier)
        self.assertEqual(self.line.qty_returned, 3)
        self.act("supervisor", document)  # review
        self.assertEqual(document.flow_node_id.code, "ship")
        picking = document.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_code, "outgoing")
        move = picking.move_lines
        self.assertEqual(move.product_id, self.product)
        self.assertEqual(move.product_uom_qty, 3)
        self.assertTrue(move.to_refund, "a return lowers the received qty")
        self.assertEqual(move.location_dest_id.usage, "supplier")
        self.assertEqual(move.purchase_line_id, self.line)
        with self.assertRaises(UserError, msg="goods not shipped yet"):
            self.act("supervisor", document)
        self.validate(picking)
        self.assertEqual(self.line.qty_received, 7)
        self.assertEqual(self.stock(self.product), stock_before - 3)
        self.act("supervisor", document)  # ship
        self.assertEqual(document.flow_node_id.code, "refund")
        refund = document.refund_ids
        self.assertEqual(refund.type, "in_refund")
        self.assertEqual(refund.partner_id, self.supplier)
        self.assertEqual(refund.invoice_line_ids.quantity, 3)
        self.assertEqual(refund.invoice_line_ids.purchase_line_id, self.line)
        self.assertAlmostEqual(refund.amount_untaxed, 300.0)
        with self.assertRaises(AccessError, msg="supervisors do not refund"):
            self.act("supervisor", document)
        with self.assertRaises(UserError, msg="credit note still draft"):
            self.act("manager", document)
        refund.sudo(self.users["manager"]).action_invoice_open()
        self.act("manager", document)
        self.assertEqual(document.flow_state, "done")

    def test_exchange_sends_back_and_receives_replacements(self):
        stock_before = self.stock(self.product)
        document = self.submit("exchange", 2)
        self.assertEqual(document.flow_id, self.exchange_flow)
        self.assertTrue(document.name.startswith("EX"))
        self.act("supervisor", document)
        back = document.picking_ids
        self.assertFalse(back.move_lines.to_refund,
                         "an exchange does not lower the received qty")
        self.validate(back)
        self.assertEqual(self.stock(self.product), stock_before - 2)
        self.assertEqual(self.line.qty_received, 10)
        self.act("supervisor", document)
        self.assertEqual(document.flow_node_id.code, "replace")
        replacement = document.picking_ids - back
        self.assertEqual(replacement.picking_type_code, "incoming")
        self.assertEqual(replacement.move_lines.product_uom_qty, 2)
        self.assertEqual(replacement.move_lines.location_id.usage, "supplier")
        with self.assertRaises(UserError):
            self.act("supervisor", document)
        self.validate(replacement)
        self.act("supervisor", document)
        self.assertEqual(document.flow_state, "done")
        self.assertEqual(self.stock(self.product), stock_before)
        self.assertFalse(document.refund_ids, "no credit note on exchanges")
        self.assertEqual(self.line.qty_received, 10)

    def test_cannot_return_more_than_received(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.submit("return", 11)
        self.submit("return", 6)
        with self.assertRaises(ValidationError, msg="6 + 5 > 10 received"), \
                self.cr.savepoint():
            self.submit("return", 5)

    def test_void_return_frees_the_quantity(self):
        document = self.submit("return", 10)
        self.act("supervisor", document, "void")
        self.assertEqual(document.flow_state, "void")
        self.assertEqual(self.line.qty_returned, 0)
        self.submit("return", 10)

    def test_agent_cannot_see_returns(self):
        document = self.submit("return", 1)
        with self.assertRaises(AccessError):
            document.sudo(self.users["agent"]).read(["name"])

    def test_return_needs_received_purchase(self):
        draft = self.new_order()
        with self.assertRaises(UserError):
            self.env["purchase.order.return"].with_context(
                default_purchase_id=draft.id).create({"reason": "x"})
