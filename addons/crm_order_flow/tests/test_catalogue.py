from odoo.exceptions import UserError

from .common import OrderCase


class TestCatalogue(OrderCase):

    roles = ("agent", "supervisor", "warehouse", "billing")

    def test_product_without_supplier_cannot_be_sold(self):
        product = self.env["product.product"].create(
            {"name": "无供应商商品", "type": "consu", "list_price": 10.0})
        self.assertFalse(product.cc_sellable)
        self.assertIn(product.product_tmpl_id,
                      self.env["product.template"].search(
                          [("sale_ok", "=", True),
                           ("cc_sellable", "=", False)]))
        # refused when the agent enters the order, not only at review
        with self.assertRaisesRegex(UserError, "无供应商商品 has no supplier"):
            self.new_order(order_line=[(0, 0, {
                "product_id": product.id, "product_uom_qty": 1})])
        order = self.new_order()
        with self.assertRaisesRegex(UserError, "has no supplier"):
            order.order_line.sudo(self.users["agent"]).product_id = product
        self.env["product.supplierinfo"].create({
            "name": self.supplier.id,
            "product_tmpl_id": product.product_tmpl_id.id})
        self.assertTrue(product.cc_sellable)
        order = self.new_order(order_line=[(0, 0, {
            "product_id": product.id, "product_uom_qty": 1})])
        self.act(order, "supervisor")
        self.assertEqual(order.state, "sale")

    def test_services_need_no_supplier(self):
        service = self.env["product.product"].create(
            {"name": "上门安装", "type": "service", "list_price": 80.0})
        self.assertTrue(service.cc_sellable)
        order = self.new_order(order_line=[(0, 0, {
            "product_id": service.id, "product_uom_qty": 1})])
        self.assertEqual(order.order_line.product_id, service)

    def test_supplier_removed_after_entry_blocks_review(self):
        order = self.new_order()
        self.product.seller_ids.unlink()
        self.assertFalse(self.product.cc_sellable)
        with self.assertRaisesRegex(UserError, "has no supplier"):
            self.act(order, "supervisor")
        self.assertEqual(order.state, "draft")

    def test_onchange_warns_about_missing_supplier(self):
        product = self.env["product.product"].create({"name": "无供应商"})
        line = self.env["sale.order.line"].new({"product_id": product.id})
        self.assertIn("warning", line._onchange_cc_product_supplier())
        line.product_id = self.product
        self.assertFalse(line._onchange_cc_product_supplier())

    def test_stock_warning_list(self):
        Product = self.env["product.product"].sudo(self.users["supervisor"])
        self.product.cc_stock_min = 150.0
        self.assertEqual(self.product.cc_stock_warning, "low")
        self.assertIn(self.product,
                      Product.search([("cc_stock_warning", "=", "low")]))
        self.product.write({"cc_stock_min": 10.0, "cc_stock_max": 50.0})
        self.product.invalidate_cache()
        self.assertEqual(self.product.cc_stock_warning, "high")
        self.product.cc_stock_max = 0.0
        self.product.invalidate_cache()
        self.assertNotIn(self.product, Product.search(
            [("cc_stock_warning", "in", ["low", "high"])]))

    def test_stock_warning_follows_deliveries(self):
        self.product.cc_stock_min = 99.0
        self.assertEqual(self.product.cc_stock_warning, "ok")
        order = self.run_to(self.new_order(qty=2), "payment")
        self.product.invalidate_cache()
        self.assertEqual(self.product.cc_stock_warning, "low")
        moves = self.env["stock.move"].search(
            [("picking_id", "in", order.picking_ids.ids),
             ("state", "=", "done")])
        self.assertEqual(sum(moves.mapped("product_uom_qty")), 2)
