"""The sentences of the plain packages (spreadsheet/, phone/) reach a
Chinese user in Chinese: the packages mark them with their ``_`` and carry
template and values apart, the Odoo code that shows them translates the
template in the user's language (docs/ARCHITECTURE.md, "Messages of the
plain packages")."""
import base64

from odoo.exceptions import UserError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase, load_chinese

from .. import phone


class TestPackageMessages(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, ("crm_callcenter", "crm_customer"))
        cls.users["agent"].lang = "zh_CN"

    def preview_error(self, lang, filename, data):
        """The error an Agent reading ``lang`` gets previewing the file."""
        wizard = self.env["res.partner.import"].sudo(self.users["agent"]).with_context(
            lang=lang).create({"file_name": filename, "file_data": base64.b64encode(data),
                               "cc_category_id": self.category.id})
        with self.assertRaises(UserError) as caught:
            wizard.action_preview()
        return caught.exception.name

    def test_unreadable_spreadsheet_reads_in_chinese(self):
        self.assertEqual(
            self.preview_error("zh_CN", "客户.doc", b"\xd0\xcf\x11\xe0"),
            "无法读取客户.doc：不支持的文件类型 '.doc'：请使用 .xls、.xlsx、.csv 或 .txt 文件。")
        self.assertEqual(
            self.preview_error("zh_CN", "客户.csv", "\n\n".encode()),
            "无法读取客户.csv：文件没有标题行。")
        self.assertEqual(
            self.preview_error("en_US", "customers.csv", "\n\n".encode()),
            "Cannot read customers.csv: The file has no header row.")

    def test_invalid_number_reads_in_chinese(self):
        e164, message = phone.check("1234", "CN")
        self.assertIsNone(e164)
        self.assertEqual(str(message), "1234 is not a valid phone number.")
        # what _(message.template) finds in a method of a Chinese user's
        # record (no model shows this sentence yet: the phone bar says
        # which number cannot be dialled in its own words)
        template = self.env["ir.translation"]._get_source(
            None, ("code", "sql_constraint"), "zh_CN", message.template)
        self.assertEqual(template % message.params, "1234 不是有效的电话号码。")
