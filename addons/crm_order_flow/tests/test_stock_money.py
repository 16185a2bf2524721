from odoo import fields
from odoo.exceptions import AccessError

from .common import OrderCase


class TestStockMoney(OrderCase):
    """Warehouse and money in/out detail of a real order: delivered,
    invoiced and paid through Odoo, then partly returned (reverse picking,
    credit note, refund payment)."""

    roles = ("agent", "supervisor", "manager", "warehouse", "billing")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["sale.order"].sudo(cls.users["agent"]).create({
            "partner_id": cls.customer.id,
            "order_line": [(0, 0, {"product_id": cls.product.id,
                                   "product_uom_qty": 3,
                                   "price_unit": 1000.0,
                                   "tax_id": [(5, 0, 0)]})]})
        cls.run_to(cls.order, "receipt")
        cls.invoice = cls.order.invoice_ids
        cls.ret = cls.env["crm.order.return"].sudo(cls.users["agent"]).create({
            "order_id": cls.order.id, "kind": "return", "reason": "外机噪音大",
            "line_ids": [(0, 0, {"sale_line_id": cls.order.order_line.id,
                                 "quantity": 1})]})
        cls.act(cls.ret, "supervisor")
        cls.validate(cls.ret.return_picking_id)
        cls.act(cls.ret, "warehouse")
        cls.credit = cls.ret.refund_invoice_id
        journal = cls.env["account.journal"].search(
            [("type", "=", "bank")], limit=1)
        refund = cls.env["account.payment"].sudo(cls.users["billing"]).create({
            "payment_type": "outbound", "partner_type": "customer",
            "partner_id": cls.customer.id, "amount": 1000.0,
            "journal_id": journal.id, "payment_date": fields.Date.today(),
            "payment_method_id": cls.env.ref(
                "account.account_payment_method_manual_out").id,
            "invoice_ids": [(6, 0, cls.credit.ids)]})
        refund.post()

    def rows(self, model, user="manager"):
        return self.env[model].sudo(self.users[user]).search(
            [("sale_order_id", "=", self.order.id)])

    def test_stock_detail_per_document(self):
        rows = self.rows("crm.stock.detail", "warehouse")
        delivery = rows.filtered(lambda r: r.document_type == "sale")
        self.assertEqual(delivery.document, self.order.name)
        self.assertEqual(delivery.direction, "out")
        self.assertEqual((delivery.qty_out, delivery.qty_in), (3, 0))
        self.assertEqual(delivery.picking_id,
                         self.order._cc_outgoing_pickings())
        self.assertEqual(delivery.partner_id, self.customer)
        back = rows.filtered(lambda r: r.document_type == "customer_return")
        self.assertEqual(back.document, self.ret.name)
        self.assertEqual(back.order_return_id, self.ret)
        self.assertEqual(back.direction, "in")
        self.assertEqual((back.qty_in, back.quantity), (1, 1))
        self.assertEqual(back.picking_id, self.ret.return_picking_id)
        self.assertEqual(len(rows), 2, "one row per move of the order")
        groups = self.env["crm.stock.detail"].read_group(
            [("product_id", "=", self.product.id),
             ("date", ">=", fields.Date.today())],
            ["quantity", "document_type"], ["document_type"])
        net = {g["document_type"]: g["quantity"] for g in groups}
        self.assertEqual(net, {"sale": -3, "customer_return": 1})

    def test_money_detail_per_document(self):
        rows = self.rows("crm.money.detail", "billing")
        sale = rows.filtered(lambda r: r.document_type == "sale")
        self.assertEqual(sale.invoice_id, self.invoice)
        self.assertEqual(sale.document, self.order.name)
        self.assertEqual(sale.direction, "in")
        self.assertEqual((sale.amount, sale.money_in, sale.money_out,
                          sale.amount_residual), (3000, 3000, 0, 0))
        credit = rows.filtered(lambda r: r.document_type == "customer_return")
        self.assertEqual(credit.invoice_id, self.credit)
        self.assertEqual(credit.document, self.ret.name)
        self.assertEqual(credit.invoice_type, "out_refund")
        self.assertEqual((credit.amount, credit.money_in, credit.money_out,
                          credit.balance), (1000, 0, 1000, -1000))
        self.assertEqual(sum(rows.mapped("balance")), 2000,
                         "3000 received, 1000 paid back")

    def test_groups_decide_who_sees_the_detail(self):
        for user in ("agent", "billing"):
            with self.assertRaises(AccessError, msg=user):
                self.rows("crm.stock.detail", user)
        for user in ("agent", "warehouse", "supervisor"):
            with self.assertRaises(AccessError, msg=user):
                self.rows("crm.money.detail", user)
        self.assertEqual(len(self.rows("crm.stock.detail", "supervisor")), 2)
        self.assertEqual(len(self.rows("crm.money.detail", "manager")), 2)
