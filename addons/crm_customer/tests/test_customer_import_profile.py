"""Issue 15 item 4: the import keeps every field of the customer profile.
Files are written here as LibreOffice writes them: dates are numbers
(serial days) with a date number format, text cells as typed; the Agent
(the role that imports) runs the wizard."""
import base64
import datetime
import io
import zipfile

import openpyxl
import xlsxwriter
import xlwt

from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_callcenter.tests.common import CallCenterCase

HEADER = ["客户姓名", "手机", "首次来电", "客户类别", "来源", "省份"]


def xlsx_bytes(header, rows, date_format="yyyy\\-mm\\-dd"):
    """An .xlsx as LibreOffice Calc saves it: datetimes are written as
    serial numbers with a date number format, strings as shared text."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Sheet1")
    day = book.add_format({"num_format": date_format})
    stamp = book.add_format({"num_format": "yyyy/m/d h:mm"})
    for col, value in enumerate(header):
        sheet.write_string(0, col, value)
    for row_index, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            if isinstance(value, datetime.datetime):
                sheet.write_datetime(row_index, col, value, stamp)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(row_index, col, datetime.datetime.combine(
                    value, datetime.time()), day)
            elif isinstance(value, (int, float)):
                sheet.write_number(row_index, col, value)
            elif value:
                sheet.write_string(row_index, col, value)
    book.close()
    return buffer.getvalue()


class ImportCase(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vip = cls.env.ref("crm_callcenter.dict_customer_category_vip")
        cls.web = cls.env.ref("crm_callcenter.dict_customer_source_web")
        cls.tz = cls.env.user.company_id._cc_tz_name()

    def wizard(self, data, filename="customers.xlsx", **vals):
        return self.import_wizard(filename, data, **vals)

    def customer(self, name):
        return self.Partner.search([("name", "=", name), ("cc_customer", "=", True)])

    def utc(self, *moment):
        """The stored (UTC) value of a local time in the call center's zone."""
        return localtime.to_utc(self.tz, datetime.datetime(*moment)).strftime(
            "%Y-%m-%d %H:%M:%S")


class TestImportProfile(ImportCase):

    def test_headers_map_to_every_profile_field(self):
        wizard = self.wizard(xlsx_bytes(
            HEADER + ["联系人", "邮箱", "网址", "职位", "城市", "邮编", "国家", "行业",
                      "价值等级", "地区", "备注", "性别", "电话", "地址"],
            [["甲", "13700005001"]]))
        mapped = {c.header: c.field_name for c in wizard.column_ids}
        self.assertEqual(mapped["首次来电"], "first_call_date", "the first-call date is importable")
        self.assertEqual(mapped["客户类别"], "cc_category_id", "the category is importable per row")
        self.assertEqual(mapped["省份"], "state_id")
        self.assertFalse([h for h, f in mapped.items() if not f],
                         "every profile column is recognised")

    def test_serial_dates_with_a_date_format(self):
        rows = [["日期甲", "13700005011", datetime.date(2026, 3, 5)],
                ["日期乙", "13700005012", datetime.datetime(2026, 3, 5, 14, 30)],
                ["日期丙", "13700005013", 46086]]  # a serial number without a date format
        wizard = self.wizard(xlsx_bytes(HEADER[:3], rows))
        wizard.action_import()
        self.assertEqual(wizard.created_count, 3, wizard.error_text)
        self.assertEqual(self.customer("日期甲").first_call_date, self.utc(2026, 3, 5),
                         "a date cell is stored as the local midnight of that day")
        self.assertEqual(self.customer("日期乙").first_call_date, self.utc(2026, 3, 5, 14, 30),
                         "a date-time cell keeps its (local) time")
        self.assertEqual(self.customer("日期丙").first_call_date, self.utc(2026, 3, 5))

    def test_chinese_date_formats_as_text(self):
        texts = ["2026-03-05", "2026/3/5", "2026年3月5日", "2026.3.5", "20260305",
                 "2026-03-05 14:30", "2026年3月5日 14:30:00", "2026/3/5 14:30"]
        rows = [["文本%d" % n, "1370000510%d" % n, text] for n, text in enumerate(texts)]
        wizard = self.wizard(xlsx_bytes(HEADER[:3], rows))
        wizard.action_import()
        self.assertEqual(wizard.created_count, len(texts), wizard.error_text)
        for n, text in enumerate(texts):
            expected = self.utc(2026, 3, 5, 14, 30) if ":" in text else self.utc(2026, 3, 5)
            self.assertEqual(self.customer("文本%d" % n).first_call_date, expected, text)

    def test_xls_date_cells(self):
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("客户")
        style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
        for col, value in enumerate(HEADER[:3]):
            sheet.write(0, col, value)
        sheet.write(1, 0, "旧表格")
        sheet.write(1, 1, "13700005021")
        sheet.write(1, 2, datetime.datetime(2026, 3, 5, 14, 30), style)
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = self.wizard(buffer.getvalue(), filename="customers.xls")
        wizard.action_import()
        self.assertEqual(self.customer("旧表格").first_call_date, self.utc(2026, 3, 5, 14, 30))

    def test_date_attribute_and_bad_date(self):
        # an attribute is a real field: removed again so that the registry
        # and the rolled-back database stay in step
        attribute = self.env["crm.customer.attribute"].create({
            "name": "购买日期", "code": "purchase_day", "attribute_type": "date"})
        try:
            rows = [["属性甲", "13700005031", "", datetime.date(2026, 1, 2)],
                    ["属性乙", "13700005032", "", "2026年1月3日"],
                    ["坏日期", "13700005033", "明天", ""]]
            wizard = self.wizard(xlsx_bytes(HEADER[:3] + ["购买日期"], rows),
                                 import_good_rows=True)
            wizard.action_import()
            self.assertEqual(self.customer("属性甲").x_cc_purchase_day, "2026-01-02")
            self.assertEqual(self.customer("属性乙").x_cc_purchase_day, "2026-01-03")
            self.assertIn("Row 4", wizard.error_text, "an unreadable date rejects its row")
            self.assertFalse(self.customer("坏日期"))
        finally:
            attribute.unlink()

    def test_row_category_wins_over_the_default(self):
        rows = [["类别甲", "13700005041", "", "VIP客户"],
                ["类别乙", "13700005042", "", ""]]
        wizard = self.wizard(xlsx_bytes(HEADER[:4], rows))
        wizard.action_import()
        self.assertEqual(self.customer("类别甲").cc_category_id, self.vip,
                         "the file's category was replaced by the wizard's")
        self.assertEqual(self.customer("类别乙").cc_category_id, self.category,
                         "a row without a category takes the default")

    def test_category_from_the_file_only(self):
        wizard = self.wizard(xlsx_bytes(HEADER[:4], [["无默认", "13700005043", "", "VIP客户"],
                                                     ["无类别", "13700005044", "", ""]]),
                             cc_category_id=False, import_good_rows=True)
        wizard.action_import()
        self.assertEqual(self.customer("无默认").cc_category_id, self.vip)
        self.assertIn("Row 3", wizard.error_text, "a customer needs a category")

    def test_state_by_chinese_or_english_name(self):
        state = self.env["res.country.state"].create({
            "name": "测试省", "code": "TS9", "country_id": self.env.ref("base.cn").id})
        rows = [["省份甲", "13700005051", "", "", "", "测试省"],
                ["省份乙", "13700005052", "", "", "", "ts9"]]
        self.wizard(xlsx_bytes(HEADER, rows)).action_import()
        self.assertEqual(self.customer("省份甲").state_id, state)
        self.assertEqual(self.customer("省份乙").state_id, state)


class TestImportUnknownValues(ImportCase):
    ROWS = [["已知来源", "13700006001", "", "", "网站"],
            ["新来源", "13700006002", "", "", "抖音"],
            ["新来源二", "13700006003", "", "新类别", "抖音"]]

    def test_reject(self):
        wizard = self.wizard(xlsx_bytes(HEADER[:5], self.ROWS), unknown_values="reject")
        self.assertEqual(wizard.error_count, 2, wizard.error_text)
        self.assertIn("抖音", wizard.error_text)
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(self.customer("已知来源"), "nothing is written with bad rows")

    def test_add_to_the_dictionary(self):
        wizard = self.wizard(xlsx_bytes(HEADER[:5], self.ROWS), unknown_values="add")
        self.assertEqual(wizard.error_count, 0, wizard.error_text)
        wizard.action_import()
        self.assertEqual(wizard.created_count, 3)
        Dictionary = self.env["crm.dictionary"]
        added = Dictionary.search([("dict_type", "=", "customer_source"), ("name", "=", "抖音")])
        self.assertEqual(len(added), 1, "the new value is added once, for every row")
        self.assertEqual(self.customer("新来源").cc_source_id, added)
        self.assertEqual(self.customer("新来源二").cc_source_id, added)
        category = Dictionary.search([("dict_type", "=", "customer_category"),
                                      ("name", "=", "新类别")])
        self.assertEqual(self.customer("新来源二").cc_category_id, category)
        self.assertEqual(self.customer("已知来源").cc_source_id, self.web)

    def test_unknown_gender_takes_the_default_unless_rejected(self):
        rows = [["性别不详", "13700006011", "", "", "", "保密"]]
        header = HEADER[:5] + ["性别"]
        wizard = self.wizard(xlsx_bytes(header, rows), unknown_values="empty",
                             default_gender="female")
        wizard.action_import()
        self.assertEqual(self.customer("性别不详").gender, "female")
        self.assertIn("保密", wizard.warning_text)
        wizard = self.wizard(xlsx_bytes(header, [["性别拒绝", "13700006012", "", "", "", "保密"]]))
        self.assertEqual(wizard.error_count, 1)

    def test_only_call_center_users_add_values(self):
        clerk = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Clerk", "login": "cc_import_clerk", "groups_id": [(6, 0, [
                self.env.ref("base.group_user").id,
                self.env.ref("base.group_partner_manager").id])]})
        data = base64.b64encode(xlsx_bytes(HEADER[:5], self.ROWS))
        wizard = self.env["res.partner.import"].sudo(clerk).create({
            "file_name": "c.xlsx", "file_data": data, "cc_category_id": self.category.id,
            "unknown_values": "add"})
        wizard.action_preview()
        with self.assertRaises(AccessError):
            wizard.action_import()
        self.assertFalse(self.env["crm.dictionary"].search([("name", "=", "抖音")]))

    def test_leave_empty_with_a_warning(self):
        wizard = self.wizard(xlsx_bytes(HEADER[:5], self.ROWS), unknown_values="empty")
        wizard.action_import()
        self.assertEqual(wizard.created_count, 3, wizard.error_text)
        self.assertFalse(self.customer("新来源").cc_source_id)
        self.assertEqual(self.customer("新来源二").cc_category_id, self.category,
                         "an unknown category left empty falls back to the default")
        self.assertFalse(self.env["crm.dictionary"].search([("name", "=", "抖音")]),
                         "nothing was added to the dictionary")
        self.assertEqual(wizard.warning_count, 2)
        self.assertIn("抖音", wizard.warning_text)
        self.assertEqual(wizard.result_summary, "3 customers imported (2 with warnings).")


class TestImportNumbersAndResult(ImportCase):

    def test_impossible_is_bad_possible_invalid_is_a_warning(self):
        rows = [["正常", "13700007001"], ["少一位", "1370000700"], ["不可能", "12345"]]
        wizard = self.wizard(xlsx_bytes(HEADER[:2], rows), import_good_rows=True)
        self.assertEqual((wizard.error_count, wizard.warning_count), (1, 1), wizard.error_text)
        self.assertIn("Row 4", wizard.error_text)
        self.assertIn("12345", wizard.error_text)
        wizard.action_import()
        self.assertEqual(wizard.result_summary, "2 customers imported (1 with warnings).")
        short = self.customer("少一位")
        self.assertTrue(short.cc_number_invalid, "a possible but invalid number is flagged")
        self.assertFalse(self.customer("正常").cc_number_invalid)
        self.assertFalse(self.customer("不可能"), "an impossible number is a bad row")
        found = self.Partner.sudo(self.users["agent"]).search(
            [("cc_number_invalid", "=", True), ("id", "in", wizard.created_ids.ids)])
        self.assertEqual(found, short, "the Invalid Number filter finds it")

    def test_flag_set_by_create_and_write(self):
        customer = self.new_customer(mobile="1370000701")
        self.assertTrue(customer.cc_number_invalid)
        customer.sudo(self.users["agent"]).write({"mobile": "13700007012"})
        self.assertFalse(customer.cc_number_invalid)

    def test_rejected_rows_downloadable(self):
        rows = [["好行", "13700007021"], ["坏行", "12"]]
        wizard = self.wizard(xlsx_bytes(HEADER[:2], rows), import_good_rows=True)
        wizard.action_import()
        self.assertEqual(wizard.result_summary, "1 customers imported (0 with warnings).")
        self.assertTrue(wizard.rejected_file_name.endswith(".xlsx"))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.rejected_file)))
        values = list(book.active.iter_rows(values_only=True))
        self.assertEqual(len(values), 2, "header and the one bad row")
        self.assertEqual(values[1][:3], (3, "坏行", "12"))
        self.assertIn("not a possible phone number", values[1][-1])

    def test_damaged_xlsx_is_a_user_error(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types")
            archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
        with self.assertRaises(UserError) as info:
            self.wizard(buffer.getvalue(), filename="damaged.xlsx")
        self.assertIn("damaged.xlsx", info.exception.name)

    def test_nul_characters_are_stored_as_spaces(self):
        data = "姓名,手机\r\n空\x00字符,13700007031\r\n".encode("utf-8")
        self.wizard(data, filename="customers.csv").action_import()
        self.assertTrue(self.customer("空 字符"))
