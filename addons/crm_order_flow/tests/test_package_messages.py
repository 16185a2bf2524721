"""The sentences of the plain packages (money/, crm_customer's
spreadsheet/) reach a Chinese user in Chinese: the packages mark them and
carry template and values apart, the Odoo code that shows them translates
the template in the user's language (docs/ARCHITECTURE.md, "Messages of
the plain packages")."""
import base64

from odoo.exceptions import UserError

from odoo.addons.crm_callcenter.tests.common import load_chinese

from .common import OrderCase


class TestPackageMessages(OrderCase):

    roles = ("agent", "supervisor")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, ("crm_callcenter", "crm_customer", "crm_order_flow"))

    def test_amount_too_large_for_uppercase_reads_in_chinese(self):
        # a price typed with a few zeros too many: the order still opens,
        # and says in the reader's language why there is no uppercase amount
        order = self.new_order(qty=1, price=1e16)
        order.invalidate_cache()
        self.assertEqual(
            order.sudo(self.users["agent"]).with_context(lang="zh_CN").cc_amount_upper,
            "金额的整数部分超过 16 位，无法写成中文大写。")
        order.invalidate_cache()
        self.assertEqual(
            order.sudo(self.users["agent"]).with_context(lang="en_US").cc_amount_upper,
            "The amount has more than 16 digits: it cannot be written in Chinese "
            "uppercase.")

    def test_unreadable_target_list_reads_in_chinese(self):
        supervisor = self.users["supervisor"]
        task = self.env["crm.sales.task"].sudo(supervisor).create({
            "name": "空调以旧换新", "date_start": "2026-11-01", "date_end": "2026-11-30"})
        wizard = self.env["crm.sales.task.import"].sudo(supervisor).with_context(
            lang="zh_CN").create({"task_id": task.id, "filename": "targets.txt",
                                  "file": base64.b64encode(b"\n\n")})
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertEqual(caught.exception.name, "文件没有标题行。")
