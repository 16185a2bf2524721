from odoo.exceptions import AccessError

from odoo.addons.crm_order_flow.controllers.portal import OrderFlowPortal

from .common import OrderCase


class TestPortal(OrderCase):

    roles = ("agent", "supervisor", "warehouse", "billing")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_b = cls.new_customer("赵敏", "+86 139 1087 0009")
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        portal = cls.env.ref("base.group_portal")
        cls.portal_a = Users.create({
            "name": "王建国", "login": "or_portal_a",
            "partner_id": cls.customer.id,
            "groups_id": [(6, 0, portal.ids)]})
        cls.portal_b = Users.create({
            "name": "赵敏", "login": "or_portal_b",
            "partner_id": cls.customer_b.id,
            "groups_id": [(6, 0, portal.ids)]})
        cls.env["crm.price.scheme"].create({
            "name": "零售价", "product_tmpl_id": cls.product.product_tmpl_id.id,
            "price": 1000.0, "floor_price": 913.0, "ceiling_price": 1087.0})
        cls.order_a = cls.run_to(cls.new_order_for(cls.customer), "payment")
        cls.order_b = cls.run_to(cls.new_order_for(cls.customer_b), "ship")

    @classmethod
    def new_order_for(cls, partner):
        return cls.env["sale.order"].sudo(cls.users["agent"]).create({
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": cls.product.id,
                                   "product_uom_qty": 1})]})

    def test_customer_cannot_read_internal_notes(self):
        """Review M11: follow-up and receipt notes and the entering agent."""
        self.order_a.write({"cc_followup_note": "internal"})
        own = self.order_a.sudo(self.portal_a)
        for name in ("cc_followup_note", "cc_receipt_note", "cc_entered_by_id"):
            with self.assertRaises(AccessError, msg=name):
                own.read([name])
        with self.assertRaises(AccessError):
            self.env["sale.order"].sudo(self.portal_a).search_count(
                [("cc_followup_note", "like", "intern")])
        self.assertEqual(own.read(["name"])[0]["name"], self.order_a.name)

    def test_customer_follows_own_order(self):
        Order = self.env["sale.order"].sudo(self.portal_a)
        self.assertEqual(Order.search([]), self.order_a)
        order = Order.browse(self.order_a.id)
        self.assertEqual(order.cc_portal_progress,
                         self.node["payment"].name)
        self.assertEqual(order.cc_tracking_refs, "SF1234567890")
        self.assertEqual(
            self.order_b.sudo(self.portal_b).cc_portal_progress,
            self.node["ship"].name)

    def portal_orders(self, user):
        return self.env["sale.order"].sudo(user).search(
            OrderFlowPortal._cc_portal_order_domain(user.partner_id))

    def test_orders_in_review_are_listed(self):
        review = self.new_order_for(self.customer)
        self.assertEqual(review.state, "draft")
        self.assertEqual(self.portal_orders(self.portal_a),
                         self.order_a | review)
        self.assertEqual(review.sudo(self.portal_a).cc_portal_progress,
                         self.node["review"].name)
        self.assertEqual(self.portal_orders(self.portal_b), self.order_b)
        with self.assertRaises(AccessError):
            review.sudo(self.portal_b).read(["name"])
        # voided orders leave the list
        review.sudo(self.users["supervisor"]).action_cc_void()
        self.assertEqual(self.portal_orders(self.portal_a), self.order_a)

    def test_customers_are_isolated(self):
        with self.assertRaises(AccessError):
            self.order_b.sudo(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.order_a.sudo(self.portal_b).read(["name"])
        self.assertFalse(self.env["sale.order.line"].sudo(
            self.portal_b).search([("order_id", "=", self.order_a.id)]))

    def test_portal_never_sees_price_bounds(self):
        line = self.order_a.order_line.sudo(self.portal_a)
        with self.assertRaises(AccessError):
            line.read(["cc_price_floor"])
        with self.assertRaises(AccessError):
            line.read(["cc_price_scheme_id"])
        with self.assertRaises(AccessError):
            self.env["crm.price.scheme"].sudo(self.portal_a).search([])
        View = self.env["ir.ui.view"]
        for xmlid in ("sale.portal_order_page", "sale.portal_my_orders",
                      "sale.report_saleorder_document"):
            arch = View.browse(self.env.ref(xmlid).id).read_combined(
                ["arch"])["arch"]
            for name in ("floor", "ceiling", "cc_price_scheme"):
                self.assertNotIn(name, arch, "%s shows %s" % (xmlid, name))
        arch = View.browse(self.env.ref("sale.portal_order_page").id
                           ).read_combined(["arch"])["arch"]
        self.assertIn("cc_portal_progress", arch)
