"""An Agent working in Chinese imports a spreadsheet as LibreOffice saves it
(a real date cell, a category per row, a source not yet in the data
dictionary, an impossible and a possible-but-invalid number) through the
import wizard: the result leads with what was imported; a damaged file is
explained in a warning, not an "Odoo Server Error" (issue 15 item 4)."""
import datetime
import random
import zipfile
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from selenium.webdriver.common.by import By

from webclient import WebClient

AGENT = ("agent", "agent")


def spreadsheet(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["客户姓名", "手机", "首次来电", "客户类别", "来源"])
    for row in rows:
        sheet.append(row)
    for cell in sheet["C"][1:]:
        if isinstance(cell.value, datetime.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"  # a date cell: a serial number
    book.save(path)


def damaged_xlsx(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")


@pytest.fixture
def chinese_agent(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    if not admin("res.lang", "search", [("code", "=", "zh_CN")]):
        wizard = admin("base.language.install", "create", {"lang": "zh_CN"})
        admin("base.language.install", "lang_install", [wizard])
    agent = odoo_server.rpc(*AGENT)
    old_lang = admin("res.users", "read", [agent.uid], ["lang"])[0]["lang"]
    admin("res.users", "write", [agent.uid], {"lang": "zh_CN"})
    source = "浏览器来源%06d" % random.randrange(10 ** 6)
    try:
        yield agent, source
    finally:
        admin("res.users", "write", [agent.uid], {"lang": old_lang})
        # the imported customers keep it: archived, out of the lists
        admin("crm.dictionary", "write", admin("crm.dictionary", "search", [("name", "=", source)]),
              {"active": False})


def test_agent_imports_in_chinese_and_sees_the_count_first(
        odoo_server, browser, tmp_path, chinese_agent):
    agent, source = chinese_agent
    suffix = "%06d" % random.randrange(10 ** 6)
    names = ["导入甲" + suffix, "导入乙" + suffix, "导入丙" + suffix]
    good, short = "136%08d" % random.randrange(10 ** 8), "136%07d" % random.randrange(10 ** 7)
    path = tmp_path / "客户.xlsx"
    spreadsheet(path, [
        [names[0], good, datetime.datetime(2026, 3, 5, 14, 30), "VIP客户", source],
        [names[1], short, "2026年3月6日", "", "网站"],
        [names[2], "12345", "", "", ""],
    ])
    web = WebClient(browser, odoo_server)
    web.login(*AGENT)
    web.open_dialog_action("crm_customer.res_partner_import_action")
    web.upload(".modal-dialog .o_field_binary_file input[type=file]", str(path))
    web.pick_many2one(".modal-dialog .o_field_many2one[name=cc_category_id] input", "普通", "普通客户")
    web.select_option(".modal-dialog select[name=unknown_values]", "加入列表")
    browser.execute_script("arguments[0].click();", web.wait().until(
        lambda d: d.find_element(By.CSS_SELECTOR,
                                 ".modal-dialog .o_field_boolean[name=import_good_rows] input")))
    web.click_text(".modal-dialog .modal-footer button", "预览")
    web.find(".modal-dialog .o_cc_import_preview")
    web.click_text(".modal-dialog .modal-footer button", "导入")

    summary = web.find(".modal-dialog .o_cc_import_summary")
    assert "已导入 2 个客户（其中 1 个有警告）" in summary.text, summary.text
    rejected = web.find(".modal-dialog .o_cc_import_rejected")
    assert "12345" in rejected.text, rejected.text
    assert summary.location["y"] < rejected.location["y"], \
        "the imported count is not the first thing on the result page"

    partners = {p["name"]: p for p in agent(
        "res.partner", "search_read", [("name", "in", names)],
        ["name", "cc_category_id", "cc_source_id", "first_call_date", "cc_number_invalid"])}
    assert sorted(partners) == sorted(names[:2]), partners
    first = partners[names[0]]
    assert first["cc_category_id"][1] == "VIP客户", "the row's category was replaced"
    assert first["cc_source_id"] and first["cc_source_id"][1] == source, \
        "the new source was not added to the dictionary"
    tz = odoo_server.rpc("admin", "admin")(
        "res.company", "read", [1], ["cc_tz"])[0]["cc_tz"] or "Asia/Shanghai"
    expected = datetime.datetime(2026, 3, 5, 14, 30, tzinfo=ZoneInfo(tz)).astimezone(
        datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    assert first["first_call_date"] == expected, (first["first_call_date"], expected)
    assert partners[names[1]]["cc_number_invalid"], "the 10-digit mobile is not flagged"
    assert partners[names[1]]["first_call_date"], "the text date was lost"
    assert agent("res.partner", "search", [("cc_number_invalid", "=", True),
                                           ("name", "=", names[1])]), "the filter misses it"


def test_damaged_file_is_a_warning_not_a_server_error(
        odoo_server, browser, tmp_path, chinese_agent):
    path = tmp_path / "损坏.xlsx"
    damaged_xlsx(path)
    web = WebClient(browser, odoo_server)
    web.login(*AGENT)
    web.open_dialog_action("crm_customer.res_partner_import_action")
    web.upload(".modal-dialog .o_field_binary_file input[type=file]", str(path))
    web.pick_many2one(".modal-dialog .o_field_many2one[name=cc_category_id] input", "普通", "普通客户")
    web.click_text(".modal-dialog .modal-footer button", "预览")

    def error_dialog(driver):
        for dialog in driver.find_elements(By.CSS_SELECTOR, ".modal-dialog"):
            if dialog.is_displayed() and "损坏.xlsx" in dialog.text:
                return dialog
        return False
    dialog = web.wait().until(error_dialog, "no dialog explains the damaged file")
    title = dialog.find_element(By.CSS_SELECTOR, ".modal-title").text
    assert "Server Error" not in title and "服务器错误" not in title, title
    assert "警告" in title, title
    assert "Traceback" not in dialog.text
