import base64
import io
import re

import openpyxl
import xlwt

from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

HEADER = ("姓名", "手机", "电话", "性别", "来源", "地址")
ROWS = [
    ["刘备", "138 0000 1001", "", "男", "电话呼入", "成都市武侯区"],
    ["孙尚香", "13800001002", "027 8765 0001", "女", "网站", "武汉市"],
]


def xls_bytes(rows, header=HEADER):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("客户")
    for col, value in enumerate(header):
        sheet.write(0, col, value)
    for row_index, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            sheet.write(row_index, col, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def text_bytes(rows, header=HEADER, sep="\t", encoding="gb18030"):
    lines = [sep.join(header)] + [sep.join(row) for row in rows]
    return "\r\n".join(lines).encode(encoding)


class TestCustomerImport(CallCenterCase):

    def wizard(self, filename, data, **vals):
        return self.import_wizard(filename, data, **vals)

    def imported(self, names):
        return self.Partner.search([("name", "in", names), ("cc_customer", "=", True)])

    def assert_two_imported(self, wizard):
        wizard.action_import()
        self.assertEqual(wizard.created_count, 2, wizard.error_text)
        partners = self.imported(["刘备", "孙尚香"])
        self.assertEqual(len(partners), 2)
        liu = partners.filtered(lambda p: p.name == "刘备")
        self.assertEqual(liu.mobile_e164, "+8613800001001")
        self.assertEqual(liu.mobile, "138 0000 1001", "imported numbers shown as typed ones are")
        self.assertEqual(liu.gender, "male")
        self.assertEqual(liu.cc_category_id, self.category)
        inbound = self.env.ref("crm_callcenter.dict_customer_source_inbound")
        self.assertEqual(liu.cc_source_id, inbound)
        self.assertTrue(liu.customer_code)
        return partners

    def test_xls_written_by_xlwt(self):
        wizard = self.wizard("customers.xls", xls_bytes(ROWS))
        mapped = {c.header: c.field_name for c in wizard.column_ids}
        self.assertEqual(mapped["手机"], "mobile")
        self.assertEqual(mapped["来源"], "cc_source_id")
        self.assertIn("刘备", wizard.preview_html)
        self.assert_two_imported(wizard)

    def test_xlsx(self):
        self.assert_two_imported(self.wizard("customers.xlsx", xlsx_bytes(ROWS)))

    def test_gb18030_txt(self):
        self.assert_two_imported(self.wizard("customers.txt", text_bytes(ROWS)))

    def test_utf8_csv_with_commas(self):
        data = text_bytes(ROWS, sep=",", encoding="utf-8-sig")
        self.assert_two_imported(self.wizard("customers.csv", data, encoding="utf-8"))

    def test_bad_rows_write_nothing(self):
        self.new_customer(name="老客户", mobile="13800009999")
        rows = ROWS + [
            ["坏号码", "12", "", "男", "网站", ""],
            ["怪性别", "13800001003", "", "不详", "网站", ""],
            ["重复行", "138 0000 1001", "", "男", "网站", ""],
            ["老号码", "13800009999", "", "女", "网站", ""],
            ["", "13800001004", "", "男", "网站", ""],
        ]
        wizard = self.wizard("customers.xlsx", xlsx_bytes(rows))
        self.assertEqual(wizard.row_count, 7)
        self.assertEqual(wizard.error_count, 5, wizard.error_text)
        for expected in ("Row 4", "Row 5", "Row 6", "Row 7", "Row 8", "老客户"):
            self.assertIn(expected, wizard.error_text)
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(self.imported(["刘备", "孙尚香"]), "a bad file wrote customers")

    def test_only_good_rows_on_request(self):
        rows = ROWS + [["坏号码", "12", "", "男", "网站", ""]]
        wizard = self.wizard("customers.xlsx", xlsx_bytes(rows), import_good_rows=True)
        wizard.action_import()
        self.assertEqual(wizard.created_count, 2)
        self.assertIn("Row 4", wizard.error_text)
        self.assertFalse(self.imported(["坏号码"]))

    def test_broken_files_are_refused_clearly(self):
        for name, data in (("broken.xlsx", b"PK\x03\x04 not a zip"),
                           ("broken.xls", b"\xd0\xcf\x11\xe0 garbage"),
                           ("customers.pdf", b"%PDF-1.4")):
            with self.assertRaises(UserError, msg=name) as info:
                self.wizard(name, data)
            self.assertIn(name, info.exception.name)

    def test_missing_columns_are_explained(self):
        with self.assertRaises(UserError):
            self.wizard("customers.xlsx", xlsx_bytes([["x"]], header=["备注"]))

    def test_ten_thousand_rows(self):
        rows = [["客户%05d" % n, "139%08d" % n, "", "男" if n % 2 else "女", "网站", ""]
                for n in range(10000)]
        wizard = self.wizard("big.xlsx", xlsx_bytes(rows))
        self.assertEqual((wizard.row_count, wizard.error_count), (10000, 0))
        wizard.action_import()
        self.assertEqual(wizard.created_count, 10000)
        self.assertEqual(self.Partner.search_count([("mobile_e164", "=", "+8613900009999")]), 1)


class TestCustomerExport(CallCenterCase):

    def exported(self, action, user=None):
        """The exported bytes, read as ``user`` (the exporter)."""
        file_id = int(re.search(r"[?&]id=(\d+)", action["url"]).group(1))
        Files = self.env["crm.export.file"]
        if user:
            Files = Files.sudo(user)
        return base64.b64decode(Files.browse(file_id).data)

    def test_export_xlsx_and_txt(self):
        first = self.new_customer(name="导出一", mobile="13700000001")
        second = self.new_customer(name="导出二", mobile="13700000002")
        agent = self.users["agent"]
        records = (first | second).sudo(agent)
        book = openpyxl.load_workbook(io.BytesIO(
            self.exported(records.action_cc_export_xlsx(), agent)))
        values = list(book.active.iter_rows(values_only=True))
        self.assertEqual(len(values), 3)
        self.assertIn("导出一", values[1] + values[2])
        self.assertIn("137 0000 0002", values[1] + values[2], "numbers in their display form")
        text = self.exported(records.action_cc_export_txt(), agent).decode("utf-8-sig")
        self.assertEqual(len(text.strip().splitlines()), 3)
        self.assertIn("导出二", text)

    def test_export_readable_by_the_exporter_only(self):
        """M2: another employee cannot read a Manager's export, nor find it
        as an attachment."""
        customer = self.new_customer(name="导出三", mobile="13700000003")
        manager, agent = self.users["manager"], self.users["agent"]
        action = customer.sudo(manager).action_cc_export_xlsx()
        self.assertTrue(self.exported(action, manager))
        with self.assertRaises(AccessError):
            self.exported(action, agent)
        self.assertFalse(self.env["ir.attachment"].sudo(agent).search(
            [("name", "like", "customers-")]), "no attachment holds the export")

    def test_export_whole_filter(self):
        self.new_customer(name="过滤甲", mobile="13700000011")
        self.new_customer(name="过滤乙", mobile="13700000012")
        records = self.Partner.browse().with_context(
            active_domain=[("name", "like", "过滤")], cc_export_whole_domain=True)
        text = self.exported(records.action_cc_export_txt()).decode("utf-8-sig")
        self.assertIn("过滤甲", text)
        self.assertIn("过滤乙", text)
