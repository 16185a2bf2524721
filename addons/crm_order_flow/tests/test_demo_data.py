from odoo.tests.common import SavepointCase


class TestDemoData(SavepointCase):
    """The demo looks like one Chinese appliance-service call center: one
    currency (the yuan) on the company, its price lists and orders, and
    the demo orders sell the service business's own products."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo_order = cls.env.ref(
            "crm_order_flow.sale_order_01_demo", raise_if_not_found=False)
        if not cls.demo_order:
            return
        cls.cny = cls.env.ref("base.CNY")
        data = cls.env["ir.model.data"].search([
            ("module", "=", "crm_order_flow"), ("model", "=", "sale.order")])
        cls.orders = cls.env["sale.order"].browse(data.mapped("res_id"))

    def setUp(self):
        super().setUp()
        if not self.demo_order:
            self.skipTest("no demo data")

    def test_company_in_yuan(self):
        self.assertEqual(self.env.ref("base.main_company").currency_id,
                         self.cny)

    def test_every_demo_order_in_yuan(self):
        self.assertGreaterEqual(len(self.orders), 4)
        for order in self.orders:
            self.assertEqual(order.currency_id, self.cny,
                             "%s is not in yuan" % order.name)

    def test_every_pricelist_in_yuan(self):
        pricelists = self.env["product.pricelist"].with_context(
            active_test=False).search([])
        self.assertEqual(pricelists.mapped("currency_id"), self.cny,
                         "a price list is not in yuan: the order list would "
                         "add up different currencies")

    def test_demo_orders_sell_our_products(self):
        data = self.env["ir.model.data"].search([
            ("module", "=", "crm_order_flow"),
            ("model", "=", "product.product")])
        ours = self.env["product.product"].browse(data.mapped("res_id"))
        sold = self.orders.mapped("order_line.product_id")
        self.assertFalse(sold - ours, "demo orders sell products that are "
                         "not the appliance-service demo's: %s"
                         % ", ".join((sold - ours).mapped("name")))
        self.assertTrue(ours.filtered(lambda p: p.type == "service"),
                        "no repair or installation service in the demo")
