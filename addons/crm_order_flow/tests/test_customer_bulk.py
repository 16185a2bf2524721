from odoo.tests.common import SavepointCase


class TestCustomerBulk(SavepointCase):
    """Customers created in bulk (the import wizard) get the distributor
    flag with their row, as the ORM's create computes it."""

    def test_bulk_created_customers_carry_the_distributor_flag(self):
        def customer(name, mobile, category):
            return {"name": name, "cc_customer": True, "customer": True, "gender": "male",
                    "mobile": mobile,
                    "cc_category_id": self.env.ref("crm_callcenter.%s" % category).id}
        partners = self.env["res.partner"]._cc_bulk_create([
            customer("批量经销商", "13912345671", "dict_customer_category_distributor"),
            customer("批量客户", "13912345672", "dict_customer_category_normal"),
            customer("批量经销商二", "13912345673", "dict_customer_category_distributor"),
        ])
        partners.invalidate_cache()
        self.assertEqual(partners.mapped("cc_distributor"), [True, False, True])
        self.assertEqual(partners.mapped("commercial_partner_id"), partners,
                         "each is its own commercial partner")
        by_orm = self.env["res.partner"].create(dict(
            customer("逐个经销商", "13912345674", "dict_customer_category_distributor")))
        self.assertTrue(by_orm.cc_distributor, "the ORM and the bulk insert agree")
