"""An Agent creates a customer (with an Administrator-defined attribute) in
the web client, finds it by pinyin initials, and imports a spreadsheet
through the import wizard (CC-20..CC-26)."""
import random

import openpyxl

from webclient import WebClient

AGENT = ("agent", "agent")


def unique_mobile():
    return "139%08d" % random.randrange(10 ** 8)


def test_agent_creates_finds_and_imports_customers(odoo_server, browser, tmp_path):
    rpc = odoo_server.rpc(*AGENT)
    mobile = unique_mobile()
    # an Administrator has defined a custom attribute (no code involved)
    admin = odoo_server.rpc("admin", "admin")
    code = "model_%d" % random.randrange(10 ** 6)
    admin("crm.customer.attribute", "create", {
        "name": "设备型号", "code": code, "attribute_type": "text",
        "show_in_form": True, "show_in_list": True})
    web = WebClient(browser, odoo_server)
    web.login(*AGENT)

    # create a customer with the profile the rules require
    web.open_action("crm_customer.res_partner_action_customers")
    web.click(".o_list_button_add")
    web.type_into(".o_form_view input[name=name]", "欧阳锋")
    web.type_into(".o_form_view input[name=mobile]", mobile)
    web.click_text(".o_notebook .nav-tabs a", "Customer Profile")
    web.pick_many2one(".o_field_many2one[name=cc_category_id] input", "VIP", "VIP客户")
    web.select_option(".o_form_view select[name=gender]", "Male")
    web.type_into(".o_form_view input[name=x_cc_%s]" % code, "KFR-35GW")
    web.save()
    created = rpc("res.partner", "search_read", [("mobile_e164", "=", "+86" + mobile)],
                  ["customer_code", "mobile_e164", "mobile_location", "cc_customer",
                   "x_cc_" + code])
    assert created and created[0]["x_cc_" + code] == "KFR-35GW", "custom attribute not saved"
    assert len(created) == 1, "the customer was not saved"
    assert created[0]["cc_customer"] and created[0]["customer_code"].startswith("KH")
    assert created[0]["mobile_e164"] == "+86" + mobile
    assert created[0]["mobile_location"], "no region/carrier for a Chinese mobile"

    # find it by pinyin initials in the usual search box
    web.open_action("crm_customer.res_partner_action_customers")
    web.search("oyf")
    web.find_row(created[0]["customer_code"])

    # import two customers from an .xlsx file
    path = tmp_path / "customers.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "手机", "性别"])
    first, second = unique_mobile(), unique_mobile()
    book.active.append(["导入甲", first, "男"])
    book.active.append(["导入乙", second, "女"])
    book.save(path)
    web.open_dialog_action("crm_customer.res_partner_import_action")
    web.upload(".modal-dialog .o_field_binary_file input[type=file]", str(path))
    web.pick_many2one(".modal-dialog .o_field_many2one[name=cc_category_id] input", "普通", "普通客户")
    web.click_text(".modal-dialog .modal-footer button", "Preview")
    web.find(".modal-dialog .o_cc_import_preview")
    web.click_text(".modal-dialog .modal-footer button", "Import")
    web.find(".modal-dialog .alert-success")
    imported = rpc("res.partner", "search_read",
                   [("mobile_e164", "in", ["+86" + first, "+86" + second])],
                   ["name", "gender", "cc_category_id"])
    assert sorted(p["name"] for p in imported) == ["导入乙", "导入甲"]
    assert {p["gender"] for p in imported} == {"male", "female"}
