from odoo.exceptions import AccessError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase, load_chinese


class TestOperationLog(CallCenterCase):

    def lines(self, operation):
        return self.env["crm.operation.log"].search(
            [("operation", "=", operation)], order="id desc")

    def test_login_is_logged(self):
        self.env["res.users"].sudo(self.users["agent"])._update_last_login()
        line = self.lines("login")[:1]
        self.assertEqual(line.user_id, self.users["agent"])
        self.assertIn("cc_agent", line.description)

    def test_export_and_deletion_are_logged(self):
        customer = self.new_customer(name="审计客户", mobile="13712340099")
        customer.sudo(self.users["agent"]).action_cc_export_txt()
        export = self.lines("export")[:1]
        self.assertEqual(export.user_id, self.users["agent"])
        self.assertEqual(export.res_ids, str(customer.id))
        customer.sudo(self.users["manager"]).unlink()
        deletion = self.lines("delete")[:1]
        self.assertEqual(deletion.user_id, self.users["manager"])
        self.assertIn("审计客户", deletion.description)

    def test_only_administrators_read_the_log(self):
        line = self.env["crm.operation.log"]._record("export", "something")
        with self.assertRaises(AccessError):
            self.env["crm.operation.log"].sudo(self.users["manager"]).search([])
        self.assertIn(line, self.env["crm.operation.log"].sudo(self.users["admin"]).search([]),
                      "an Administrator reads the line just recorded")
        with self.assertRaises(AccessError):
            self.env["crm.operation.log"].sudo(self.users["admin"]).create(
                {"operation": "login", "description": "forged"})


class TestOperationLogLanguage(CallCenterCase):
    """A log line names the documents and reads in the reader's language,
    whatever the language of whoever acted (issue 15, item 9)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, ("crm_flow", "crm_callcenter", "crm_customer"))
        # a model's name comes from its module's catalogue (here: base's)
        cls.env["ir.model"]._get("res.partner").with_context(
            lang="zh_CN").name = "联系人"
        cls.env["ir.translation"].clear_caches()
        cls.users["agent"].lang = "en_US"

    def line(self, lang):
        return self.env["crm.operation.log"].with_context(lang=lang).search(
            [], order="id desc", limit=1)

    def test_export_line_names_the_customers_in_the_readers_language(self):
        customer = self.new_customer(name="审计客户", mobile="13712340097")
        customer.sudo(self.users["agent"]).action_cc_export_txt()
        english, chinese = self.line("en_US"), self.line("zh_CN")
        self.assertEqual(english.res_names, "审计客户")
        self.assertRegex(english.summary, r"^Exported Contact 审计客户 to customers-.*\.txt$")
        self.assertRegex(chinese.summary, r"^导出了联系人 审计客户，文件 customers-")
        self.assertEqual(english.description, english.summary,
                         "the stored text is not in the actor's language")

    def test_flow_line_reads_outcome_and_documents(self):
        customers = self.new_customer(name="甲客户", mobile="13712340096") \
            | self.new_customer(name="乙客户", mobile="13712340095")
        self.env["crm.operation.log"].sudo(self.users["agent"])._record(
            "flow", "flow", customers,
            outcome={"selection": ["crm.flow.log", "outcome", "pass"]})
        self.assertEqual(self.line("en_US").summary,
                         "Passed: 2 × Contact: 甲客户, 乙客户")
        self.assertEqual(self.line("zh_CN").summary, "已通过：2 个联系人：甲客户, 乙客户")
        self.assertEqual(self.line("zh_CN").search_count([("summary", "ilike", "乙客户")]), 1)

    def test_plain_text_lines_stay_as_written(self):
        self.env["crm.operation.log"]._record("export", "something")
        self.assertEqual(self.line("zh_CN").summary, "something")
