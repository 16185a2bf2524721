from odoo.exceptions import AccessError, ValidationError

from .common import SupplierCase


class TestPortalAccess(SupplierCase):
    """Portal users of two suppliers: record rules keep them apart."""

    roles = ("supervisor", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        portal = cls.env.ref("base.group_portal")
        cls.portal_a = Users.create({
            "name": "甲 portal", "login": "su_portal_a",
            "partner_id": cls.supplier_contact.id,
            "groups_id": [(6, 0, portal.ids)]})
        contact_b = cls.env["res.partner"].create({
            "name": "乙 联系人", "parent_id": cls.other_supplier.id})
        cls.portal_b = Users.create({
            "name": "乙 portal", "login": "su_portal_b",
            "partner_id": contact_b.id, "groups_id": [(6, 0, portal.ids)]})
        cls.order_a = cls.full_purchase()
        cls.order_b = cls.new_order(partner=cls.other_supplier)
        cls.return_a = cls.env["crm.supplier.return"].create({
            "purchase_id": cls.order_a.id, "reason": "破损",
            "line_ids": [(0, 0, {
                "purchase_line_id": cls.order_a.order_line[0].id,
                "quantity": 1})]})
        cls.return_a.crm_flow_start()

    def test_supplier_cannot_read_its_score_or_rank(self):
        """Review M11: the supplier's evaluation is internal."""
        own = self.supplier_contact.commercial_partner_id.sudo(self.portal_a)
        for name in ("supplier_score", "supplier_rank"):
            with self.assertRaises(AccessError, msg=name):
                own.read([name])

    def test_ranking_lists_only_readable_suppliers(self):
        """Review L7: get_ranking is raw SQL; a supplier of another company
        is left out for a Supervisor of this one."""
        other_company = self.env["res.company"].create({"name": "另一公司"})
        self.other_supplier.company_id = other_company
        Ranking = self.env["crm.supplier.ranking.report"]
        everyone = {row["partner_id"] for row in Ranking.get_ranking("2000-01-01", "2100-01-01")}
        seen = {row["partner_id"] for row in Ranking.sudo(self.users["supervisor"]).get_ranking(
            "2000-01-01", "2100-01-01")}
        self.assertNotIn(self.other_supplier.id, seen)
        self.assertEqual(seen, everyone - {self.other_supplier.id})

    def test_supplier_reads_its_own_orders_and_returns(self):
        Order = self.env["purchase.order"].sudo(self.portal_a)
        self.assertIn(self.order_a, Order.search([]))
        self.assertNotIn(self.order_b, Order.search([]))
        Return = self.env["crm.supplier.return"].sudo(self.portal_a)
        self.assertEqual(Return.search([]), self.return_a)
        self.return_a.sudo(self.portal_a).line_ids.read(["quantity"])

    def test_other_supplier_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.order_a.sudo(self.portal_b).read(["name"])
        with self.assertRaises(AccessError):
            self.return_a.sudo(self.portal_b).read(["name"])
        self.assertFalse(self.env["crm.supplier.return"].sudo(
            self.portal_b).search([]))

    def test_portal_cannot_write_documents(self):
        with self.assertRaises(AccessError):
            self.return_a.sudo(self.portal_a).write({"reason": "x"})
        with self.assertRaises(AccessError):
            self.order_b.order_line[0].sudo(self.portal_b).write(
                {"date_planned": "2030-01-01 10:00:00"})

    def test_confirm_dates_only_on_the_order_lines(self):
        line = self.order_b.order_line[0]
        self.order_b._portal_confirm_dates({line.id: "2031-05-06"})
        self.assertTrue(line.date_planned.startswith("2031-05-06"))
        self.assertTrue(self.order_b.supplier_dates_confirmed)
        with self.assertRaises(ValidationError):
            self.order_b._portal_confirm_dates(
                {self.order_a.order_line[0].id: "2031-05-06"})

    def test_confirm_return_date(self):
        self.return_a._portal_confirm_date("2031-02-03")
        self.assertEqual(self.return_a.supplier_date, "2031-02-03")
