import base64
import io

import openpyxl

from odoo.exceptions import AccessError, ValidationError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestCustomerAttribute(CallCenterCase):
    """Attributes are real fields: every test removes the ones it adds, so the
    registry and the (rolled back) database stay in step."""

    def add(self, **vals):
        values = {"name": "设备型号", "code": "device_model", "attribute_type": "text"}
        values.update(vals)
        return self.env["crm.customer.attribute"].sudo(self.users["admin"]).create(values)

    def test_required_attribute_on_form_list_search(self):
        attribute = self.add(required=True, show_in_list=True)
        try:
            self.assertIn("x_cc_device_model", self.Partner._fields)
            with self.assertRaises(ValidationError):
                self.new_customer(name="缺型号")
            customer = self.new_customer(name="有型号", x_cc_device_model="KFR-35GW")
            found = self.Partner.sudo(self.users["agent"]).search(
                [("x_cc_device_model", "=", "KFR-35GW")])
            self.assertEqual(found, customer)
            form = self.Partner.fields_view_get(view_type="form")
            self.assertIn('name="x_cc_device_model"', form["arch"])
            self.assertIn("x_cc_device_model", form["fields"])
            tree = self.Partner.fields_view_get(
                view_id=self.env.ref("crm_customer.res_partner_view_tree").id,
                view_type="tree")
            self.assertIn('name="x_cc_device_model"', tree["arch"])
            search = self.Partner.fields_view_get(view_type="search")
            self.assertIn('name="x_cc_device_model"', search["arch"])
        finally:
            attribute.unlink()
        self.assertNotIn("x_cc_device_model", self.Partner._fields)

    def test_other_company_attributes_stay_out(self):
        other = self.env["res.company"].create({"name": "上海分公司"})
        attribute = self.add(company_id=other.id, required=True)
        try:
            customer = self.new_customer(name="本公司客户")
            self.assertTrue(customer.exists(), "another company's rule applied")
            form = self.Partner.fields_view_get(view_type="form")
            self.assertNotIn('name="x_cc_device_model"', form["arch"])
        finally:
            attribute.unlink()

    def test_only_administrators_define_attributes(self):
        with self.assertRaises(AccessError):
            self.env["crm.customer.attribute"].sudo(self.users["manager"]).create(
                {"name": "x", "code": "x_by_manager", "attribute_type": "text"})

    def test_selection_attribute_imported(self):
        attribute = self.add(name="购买渠道", code="channel", attribute_type="selection",
                             selection_values="京东\n天猫\n门店")
        try:
            book = openpyxl.Workbook()
            book.active.append(["姓名", "手机", "购买渠道"])
            book.active.append(["渠道甲", "13811110001", "京东"])
            book.active.append(["渠道乙", "13811110002", "地摊"])
            buffer = io.BytesIO()
            book.save(buffer)
            wizard = self.env["res.partner.import"].sudo(self.users["agent"]).create({
                "file_name": "c.xlsx", "file_data": base64.b64encode(buffer.getvalue()),
                "cc_category_id": self.category.id, "import_good_rows": True})
            wizard.action_preview()
            mapped = {c.header: c.field_name for c in wizard.column_ids}
            self.assertEqual(mapped["购买渠道"], "x_cc_channel")
            wizard.action_import()
            self.assertEqual(wizard.created_count, 1)
            self.assertIn("Row 3", wizard.error_text)
            imported = self.Partner.search([("name", "=", "渠道甲")])
            self.assertEqual(imported.x_cc_channel, "京东")
        finally:
            attribute.unlink()

    def test_bad_codes_refused(self):
        with self.assertRaises(ValidationError):
            self.add(code="Bad Code")
