from odoo.exceptions import AccessError

from odoo.addons.crm_supplier.tests.common import SupplierCase


class TestSupplierStockMoney(SupplierCase):
    """A purchase received and paid, then partly returned to its supplier
    (reverse picking, validated credit note), and an exchange: their moves
    and money in the same detail as the customer documents."""

    roles = ("agent", "supervisor", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.product | cls.part).write({"supplier_taxes_id": [(5, 0, 0)]})
        # 10 compressors at 100, 20 parts at 50
        cls.order = cls.env["purchase.order"].browse(cls.full_purchase().id)
        cls.bill = cls.order.invoice_ids
        cls.pay(cls.bill)
        cls.act("manager", cls.order)  # paid
        cls.line = cls.order.order_line.filtered(
            lambda l: l.product_id == cls.product)

    def submit(self, kind, qty):
        wizard = self.env["purchase.order.return"].sudo(
            self.users["supervisor"]).with_context(
                default_purchase_id=self.order.id).create({
                    "kind": kind, "reason": "外壳破损",
                    "flow_id": (self.return_flow if kind == "return"
                                else self.exchange_flow).id})
        wizard.line_ids.filtered(
            lambda l: l.purchase_line_id == self.line).quantity = qty
        action = wizard.action_submit()
        document = self.env["crm.supplier.return"].browse(action["res_id"])
        self.act("supervisor", document)  # review
        self.validate(document.picking_ids)
        self.act("supervisor", document)  # shipped back
        return document

    def stock_rows(self, user="supervisor"):
        return self.env["crm.stock.detail"].sudo(self.users[user]).search(
            [("purchase_order_id", "=", self.order.id)])

    def test_purchase_and_return_moves_and_money(self):
        """Stock then money detail of one purchase and its return."""
        document = self.submit("return", 3)
        rows = self.stock_rows()
        receipt = rows.filtered(lambda r: r.document_type == "purchase")
        self.assertEqual(receipt.mapped("document"), [self.order.name] * 2)
        self.assertEqual(
            {r.product_id: (r.direction, r.qty_in) for r in receipt},
            {self.product: ("in", 10), self.part: ("in", 20)})
        self.assertEqual(receipt.mapped("partner_id"), self.supplier)
        back = rows.filtered(lambda r: r.document_type == "supplier_return")
        self.assertEqual(back.supplier_return_id, document)
        self.assertEqual(back.document, document.name)
        self.assertEqual((back.direction, back.qty_out, back.quantity),
                         ("out", 3, -3))
        groups = self.env["crm.stock.detail"].read_group(
            [("purchase_order_id", "=", self.order.id),
             ("product_id", "=", self.product.id)], ["quantity"], [])
        self.assertEqual(groups[0]["quantity"], 7, "10 in, 3 back out")
        # money: the bill, then the credit note of the return
        refund = document.refund_ids
        refund.action_invoice_open()
        Money = self.env["crm.money.detail"].sudo(self.users["manager"])
        rows = Money.search([("purchase_order_id", "=", self.order.id)])
        bill = rows.filtered(lambda r: r.document_type == "purchase")
        self.assertEqual(bill.invoice_id, self.bill)
        self.assertEqual(bill.document, self.order.name)
        self.assertEqual((bill.direction, bill.amount, bill.money_out,
                          bill.money_in), ("out", 2000, 2000, 0))
        credit = rows.filtered(lambda r: r.document_type == "supplier_return")
        self.assertEqual(credit.invoice_id, refund)
        self.assertEqual(credit.document, document.name)
        self.assertEqual((credit.direction, credit.amount, credit.money_in,
                          credit.amount_residual), ("in", 300, 0, 300))
        refund.pay_and_reconcile(self.bank, 300)
        # a SQL view: what the ORM cached of it is stale after the payment
        Money.invalidate_cache()
        credit = Money.search([("invoice_id", "=", refund.id)])
        self.assertEqual((credit.money_in, credit.balance), (300, 300))
        self.assertEqual(
            sum(Money.search([("purchase_order_id", "=", self.order.id)])
                .mapped("balance")), -1700, "2000 paid, 300 refunded")

    def test_exchange_moves_out_and_in(self):
        document = self.submit("exchange", 2)
        replacement = document.picking_ids.filtered(
            lambda p: p.picking_type_code == "incoming")
        self.validate(replacement)
        rows = self.stock_rows().filtered(
            lambda r: r.supplier_return_id == document)
        self.assertEqual(set(rows.mapped("document_type")),
                         {"supplier_exchange"})
        self.assertEqual(sorted((r.direction, r.quantity) for r in rows),
                         [("in", 2), ("out", -2)])

    def test_supplier_and_customer_documents_in_one_report(self):
        types = dict(self.env["crm.stock.detail"].fields_get(
            ["document_type"])["document_type"]["selection"])
        for code in ("sale", "customer_return", "purchase",
                     "supplier_return", "supplier_exchange", "other"):
            self.assertIn(code, types)
        self.assertEqual(
            dict(self.env["crm.money.detail"].fields_get(
                ["document_type"])["document_type"]["selection"]), types)

    def test_only_stock_and_billing_roles_see_the_detail(self):
        with self.assertRaises(AccessError):
            self.stock_rows("agent")
        with self.assertRaises(AccessError):
            self.env["crm.money.detail"].sudo(self.users["supervisor"]).search(
                [("purchase_order_id", "=", self.order.id)])
        self.assertEqual(len(self.stock_rows("supervisor")), 2)
