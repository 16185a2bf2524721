import base64

from odoo.exceptions import AccessError, UserError

from .common import SupplierCase


class TestSupplier(SupplierCase):
    """Suppliers: category tree, contacts, products supplied, documents."""

    roles = ("agent", "supervisor", "manager")

    def setUp(self):
        super().setUp()
        Category = self.env["crm.supplier.category"]
        self.parts = Category.create({"name": "零部件"})
        self.electronics = Category.create(
            {"name": "电子元器件", "parent_id": self.parts.id})

    def test_supervisor_registers_supplier_with_products(self):
        supplier = self.env["res.partner"].sudo(
            self.users["supervisor"]).create({
                "name": "深圳测试电子", "is_company": True, "supplier": True,
                "supplier_category_id": self.electronics.id,
                "child_ids": [(0, 0, {"name": "李工", "function": "销售"})],
                "supplier_product_ids": [(0, 0, {
                    "product_tmpl_id": self.part.product_tmpl_id.id,
                    "price": 42.0, "delay": 3, "min_qty": 10})],
            })
        info = supplier.supplier_product_ids
        self.assertEqual(info.product_tmpl_id, self.part.product_tmpl_id)
        self.assertEqual((info.price, info.delay), (42.0, 3))
        self.assertEqual(self.part.seller_ids, info,
                         "the product knows its supplier")
        self.assertEqual(supplier.child_ids.name, "李工")
        self.assertEqual(self.electronics.complete_name, "零部件 / 电子元器件")
        found = self.env["res.partner"].search(
            [("supplier_category_id", "child_of", self.parts.id)])
        self.assertIn(supplier, found, "sub-categories are searched")
        self.assertEqual(self.parts.partner_count, 1)

    def test_agent_cannot_change_categories(self):
        with self.assertRaises(AccessError):
            self.env["crm.supplier.category"].sudo(
                self.users["agent"]).create({"name": "物流"})
        self.electronics.sudo(self.users["agent"]).read(["name"])

    def test_documents_are_attachments(self):
        self.env["ir.attachment"].create({
            "name": "营业执照.pdf", "res_model": "res.partner",
            "res_id": self.supplier.id,
            "datas": base64.b64encode(b"%PDF-1.4 licence")})
        self.assertEqual(self.supplier.supplier_document_count, 1)
        action = self.supplier.action_open_supplier_documents()
        self.assertEqual(action["res_model"], "ir.attachment")
        self.assertIn(("res_id", "=", self.supplier.id), action["domain"])

    def test_supplier_with_purchases_cannot_be_deleted(self):
        self.new_order()
        with self.assertRaises(UserError):
            self.supplier.sudo(self.users["manager"]).unlink()

    def test_supplier_action_lists_only_suppliers(self):
        action = self.env.ref("crm_supplier.res_partner_action_supplier")
        domain = eval(action.domain)  # noqa: S307 - our own action
        partners = self.env["res.partner"].search(domain)
        self.assertIn(self.supplier, partners)
        self.assertNotIn(self.users["agent"].partner_id, partners)
