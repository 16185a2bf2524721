from odoo.exceptions import AccessError, UserError

from .common import OrderCase


class TestOrderReturn(OrderCase):

    roles = ("agent", "agent2", "supervisor", "warehouse", "billing")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.run_to(cls.new_order_cls(), "done")

    @classmethod
    def new_order_cls(cls):
        return cls.env["sale.order"].sudo(cls.users["agent"]).create({
            "partner_id": cls.customer.id,
            "order_line": [(0, 0, {"product_id": cls.product.id,
                                   "product_uom_qty": 2,
                                   "price_unit": 1000.0,
                                   "tax_id": [(5, 0, 0)]})]})

    def new_return(self, kind, qty=1):
        line = self.order.order_line
        return self.env["crm.order.return"].sudo(self.users["agent"]).create({
            "order_id": self.order.id, "kind": kind, "reason": "外机噪音大",
            "line_ids": [(0, 0, {"sale_line_id": line.id, "quantity": qty})]})

    def on_hand(self):
        return self.product.with_context(
            location=self.stock_location.id).qty_available

    def test_return_reverses_picking_and_credits(self):
        self.assertEqual(self.order.flow_state, "done")
        stock_before = self.on_hand()
        ret = self.new_return("return")
        self.assertEqual(ret.flow_id, self.env.ref(
            "crm_order_flow.crm_flow_return"))
        with self.assertRaises(AccessError):
            self.act(ret, "agent")
        self.act(ret, "supervisor")
        picking = ret.return_picking_id
        self.assertTrue(picking, "review creates the reverse picking")
        move = picking.move_lines
        self.assertEqual(move.product_id, self.product)
        self.assertEqual(move.product_uom_qty, 1)
        self.assertTrue(move.to_refund, "a return is to refund")
        self.assertEqual(move.location_dest_id.usage, "internal")
        self.assertEqual(move.location_id.usage, "customer")
        with self.assertRaises(UserError):
            self.act(ret, "warehouse")
        self.validate(picking)
        self.assertEqual(self.order.order_line.qty_delivered, 1)
        self.assertEqual(self.on_hand(), stock_before + 1)
        with self.assertRaises(AccessError):
            self.act(ret, "billing")
        self.act(ret, "warehouse")
        credit = ret.refund_invoice_id
        self.assertEqual(credit.type, "out_refund")
        self.assertEqual(credit.state, "open")
        self.assertAlmostEqual(credit.amount_total, 1000.0)
        self.assertEqual(self.order.order_line.qty_invoiced, 1)
        self.assertIn(credit, self.order.invoice_ids)
        self.act(ret, "billing")
        self.assertEqual(ret.flow_state, "done")
        self.assertIn(ret, self.order.cc_return_ids)
        self.assertEqual(
            self.env["crm.order.return"].search(
                [("partner_id", "=", self.customer.id)]), ret)

    def test_exchange_returns_and_ships_replacement(self):
        stock_before = self.on_hand()
        ret = self.new_return("exchange")
        self.assertEqual(ret.flow_id, self.env.ref(
            "crm_order_flow.crm_flow_exchange"))
        self.act(ret, "supervisor")
        self.assertFalse(ret.return_picking_id.move_lines.to_refund)
        self.validate(ret.return_picking_id)
        self.act(ret, "warehouse")
        replacement = ret.replacement_picking_id
        self.assertEqual(replacement.picking_type_code, "outgoing")
        self.assertEqual(replacement.move_lines.product_uom_qty, 1)
        with self.assertRaises(UserError):
            self.act(ret, "warehouse")
        self.validate(replacement, "YT998877")
        self.act(ret, "warehouse")
        self.assertEqual(ret.flow_state, "done")
        self.assertFalse(ret.refund_invoice_id)
        self.assertEqual(self.on_hand(), stock_before)
        self.assertEqual(self.order.order_line.qty_delivered, 2)

    def test_cannot_return_more_than_delivered(self):
        with self.assertRaises(UserError):
            self.new_return("return", qty=3)

    def test_returns_follow_the_order_s_department(self):
        """M6: returns had no record rule: any agent read and wrote every
        return. Now another agent sees none of them, a Supervisor of another
        department neither."""
        ret = self.new_return("return")
        as_agent2 = self.env["crm.order.return"].sudo(self.users["agent2"])
        self.assertNotIn(ret, as_agent2.search([]))
        with self.assertRaises(AccessError):
            as_agent2.browse(ret.id).read(["reason"])
        with self.assertRaises(AccessError):
            as_agent2.browse(ret.id).write({"reason": "x"})
        with self.assertRaises(AccessError):
            self.env["crm.order.return.line"].sudo(self.users["agent2"]).browse(
                ret.line_ids.ids).write({"quantity": 2})
        self.assertIn(ret, self.env["crm.order.return"].sudo(self.users["agent"]).search([]))
        hotline = self.env["crm.department"].create({"name": "热线组"})
        after_sales = self.env["crm.department"].create({"name": "售后组"})
        # the order is locked after review: its department set in SQL
        self.env.cr.execute("UPDATE sale_order SET cc_department_id = %s WHERE id = %s",
                            (hotline.id, self.order.id))
        self.env["sale.order"].invalidate_cache(["cc_department_id"], self.order.ids)
        self.users["supervisor"].crm_department_id = after_sales
        self.env["ir.rule"].clear_caches()
        as_supervisor = self.env["crm.order.return"].sudo(self.users["supervisor"])
        self.assertNotIn(ret, as_supervisor.search([]))
        self.users["supervisor"].crm_department_id = hotline
        self.env["ir.rule"].clear_caches()
        self.assertIn(ret, as_supervisor.search([]))
