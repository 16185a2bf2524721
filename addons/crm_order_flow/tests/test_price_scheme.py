from odoo.exceptions import AccessError, UserError, ValidationError

from .common import OrderCase


class TestPriceScheme(OrderCase):

    roles = ("agent", "supervisor", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scheme = cls.env["crm.price.scheme"].create({
            "name": "零售价", "product_tmpl_id": cls.product.product_tmpl_id.id,
            "price": 1000.0, "floor_price": 913.0, "ceiling_price": 1087.0})

    def test_bounds_must_contain_price(self):
        with self.assertRaises(ValidationError):
            self.env["crm.price.scheme"].create({
                "name": "错误", "product_tmpl_id": self.product.product_tmpl_id.id,
                "price": 800.0, "floor_price": 900.0, "ceiling_price": 1100.0})

    def test_agent_reads_but_cannot_change_schemes(self):
        scheme = self.scheme.sudo(self.users["agent"])
        self.assertEqual(scheme.floor_price, 913.0)
        with self.assertRaises(AccessError):
            scheme.floor_price = 100.0

    def test_price_inside_bounds_passes_review(self):
        order = self.new_order(price=950.0, order_line=[(0, 0, {
            "product_id": self.product.id, "product_uom_qty": 1,
            "price_unit": 950.0, "cc_price_scheme_id": self.scheme.id})])
        self.assertFalse(order.cc_price_out_of_bounds)
        self.act(order, "supervisor")
        self.assertEqual(order.state, "sale")

    def test_price_outside_bounds_needs_manager(self):
        order = self.new_order(price=850.0)
        line = order.order_line.sudo(self.users["agent"])
        self.assertEqual(line.cc_price_floor, 913.0,
                         "without a chosen scheme the product's bounds apply")
        self.assertTrue(order.cc_price_out_of_bounds)
        with self.assertRaises(UserError):
            self.act(order, "supervisor")
        self.assertEqual(order.state, "draft")
        self.act(order, "manager")
        self.assertEqual(order.state, "sale")

    def test_above_ceiling_is_out_of_bounds(self):
        order = self.new_order(price=1200.0)
        self.assertTrue(order.cc_price_out_of_bounds)
        order.order_line.sudo(self.users["agent"]).price_unit = 1087.0
        self.assertFalse(order.cc_price_out_of_bounds)

    def test_portal_never_sees_bounds(self):
        order = self.new_order(order_line=[(0, 0, {
            "product_id": self.product.id, "product_uom_qty": 2,
            "price_unit": 950.0, "tax_id": [(5, 0, 0)]})])
        self.assertEqual(order.cc_amount_upper, "壹仟玖佰元整")
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "王建国", "login": "or_portal_price",
            "partner_id": self.customer.id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        order.message_subscribe([self.customer.id])
        line = order.order_line.sudo(portal)
        self.assertEqual(line.price_unit, 950.0)
        with self.assertRaises(AccessError):
            line.read(["cc_price_floor"])
        with self.assertRaises(AccessError):
            self.scheme.sudo(portal).read(["floor_price"])
        html = self.env.ref("sale.action_report_saleorder").render_qweb_html(
            order.ids)[0].decode()
        self.assertIn("950", html)
        # the amount in words, English and Chinese uppercase (大写)
        self.assertIn("One Thousand, Nine Hundred", order.cc_amount_words)
        self.assertIn(order.cc_amount_words, html)
        self.assertIn("壹仟玖佰元整", html)
        self.assertFalse("913.00" in html or "1,087.00" in html,
                         "the printed order must not show the floor or ceiling")
