from odoo.exceptions import AccessError, ValidationError

from .common import SupplierCase


class TestServiceNetwork(SupplierCase):
    """Repair shops with areas and skills, their evaluations, and spare
    parts replenished by their min/max plan."""

    roles = ("agent", "expert", "supervisor", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.haidian = cls.env["crm.service.area"].create({"name": "海淀区"})
        cls.pudong = cls.env["crm.service.area"].create({"name": "浦东新区"})
        cls.aircon = cls.env["crm.service.skill"].create({"name": "空调维修"})
        cls.shop = cls.env["res.partner"].create({
            "name": "海淀家电维修", "is_company": True, "is_repair_shop": True,
            "service_area_ids": [(6, 0, cls.haidian.ids)],
            "service_skill_ids": [(6, 0, cls.aircon.ids)]})

    def test_agent_finds_shops_by_area_and_skill(self):
        Partner = self.env["res.partner"].sudo(self.users["agent"])
        found = Partner.search([("is_repair_shop", "=", True),
                                ("service_area_ids", "in", self.haidian.ids),
                                ("service_skill_ids", "in", self.aircon.ids)])
        self.assertEqual(found, self.shop)
        self.assertFalse(Partner.search(
            [("is_repair_shop", "=", True),
             ("service_area_ids", "in", self.pudong.ids)]).filtered(
                 lambda p: p == self.shop))

    def test_only_managers_configure_areas(self):
        with self.assertRaises(AccessError):
            self.env["crm.service.area"].sudo(self.users["agent"]).create(
                {"name": "朝阳区"})
        self.env["crm.service.area"].sudo(self.users["manager"]).create(
            {"name": "朝阳区"})

    def test_service_evaluations(self):
        Evaluation = self.env["crm.supplier.evaluation"]
        Evaluation.sudo(self.users["expert"]).create({
            "partner_id": self.shop.id, "kind": "service", "score": 88})
        self.assertEqual(self.shop.supplier_evaluation_ids.score, 88)
        with self.assertRaises(ValidationError):
            Evaluation.create({"partner_id": self.shop.id, "score": 120})
        with self.assertRaises(AccessError):
            Evaluation.sudo(self.users["agent"]).create({
                "partner_id": self.shop.id, "kind": "service", "score": 50})

    def test_spare_part_below_minimum_is_purchased_through_the_flow(self):
        part = self.env["product.product"].create({
            "name": "空调遥控器", "type": "product", "is_spare_part": True,
            "route_ids": [(6, 0, self.env.ref(
                "purchase.route_warehouse0_buy").ids)],
            "seller_ids": [(0, 0, {"name": self.supplier.id, "price": 30,
                                   "delay": 2})]})
        warehouse = self.env.ref("stock.warehouse0")
        self.env["stock.warehouse.orderpoint"].create({
            "product_id": part.id, "warehouse_id": warehouse.id,
            "location_id": warehouse.lot_stock_id.id,
            "product_min_qty": 5, "product_max_qty": 20})
        self.env["procurement.group"]._procure_orderpoint_confirm(
            use_new_cursor=False, company_id=warehouse.company_id.id)
        line = self.env["purchase.order.line"].search(
            [("product_id", "=", part.id)])
        self.assertEqual(line.product_qty, 20, "replenished up to the max")
        self.assertEqual(line.order_id.partner_id, self.supplier)
        self.assertEqual(line.order_id.flow_node_id.code, "review",
                         "replenishment purchases are reviewed too")
        action = self.env.ref(
            "crm_supplier.stock_warehouse_orderpoint_action_spare_part")
        self.assertIn("is_spare_part", action.domain)
