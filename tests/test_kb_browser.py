"""An editor writes and publishes a knowledge article with a PDF attached;
an Agent finds it by a phrase that appears only inside the PDF and adds it
to their favourites; the public page shows public articles only (KB-1..5)."""
import pathlib
import random
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By

from webclient import WebClient

PDF = (pathlib.Path(__file__).resolve().parents[1] / "addons" / "crm_kb" / "tests" / "data"
       / "service_bulletin.pdf")


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_editor_publishes_agent_finds_by_pdf_text(odoo_server, browser):
    code = "KB-E2E-%06d" % random.randrange(10 ** 6)
    web = WebClient(browser, odoo_server)
    # the supervisor reviews the product category: they may publish directly...
    web.login("supervisor", "supervisor")
    web.open_action("crm_kb.crm_kb_article_action_manage")
    web.click(".o_list_button_add")
    web.type_into(".o_form_view input[name=name]", "变频空调室外机黄灯闪烁处理")
    web.type_into(".o_form_view input[name=code]", code)
    web.type_into(".o_form_view input[name=keywords]", "黄灯,室外机")
    web.pick_many2one(".o_field_many2one[name=category_id] input", "空调", "产品知识 / 空调")
    web.find(".o_field_widget[name=body] .note-editable").send_keys("请按附件的服务公告处理。")
    web.click_text(".o_notebook .nav-tabs a", "Attachments")
    web.upload(".o_field_widget[name=attachment_ids] input.o_input_file", str(PDF))
    web.find(".o_field_widget[name=attachment_ids] .oe_attachment .oe_delete")
    web.save()
    # ... but not what they wrote themselves: another reviewer publishes it
    web.click_text(".o_form_statusbar button", "Publish Directly")
    web.wait().until(lambda d: "another reviewer" in " ".join(
        e.text for e in d.find_elements(By.CSS_SELECTOR, ".modal-body")),
        "the author published their own article")
    web.click(".modal-footer .btn-primary")
    editor = odoo_server.rpc("supervisor", "supervisor")
    article = editor("crm.kb.article", "search_read", [("code", "=", code)],
                     ["state", "attachment_ids", "id"])
    assert article and article[0]["state"] == "draft", article
    odoo_server.rpc("admin", "admin")("crm.kb.article", "action_publish", [article[0]["id"]])
    article = editor("crm.kb.article", "search_read", [("code", "=", code)],
                     ["state", "attachment_ids", "id"])
    assert article and article[0]["state"] == "published", article
    assert article[0]["attachment_ids"], "the PDF was not attached"

    # an agent searches a phrase that exists only inside the PDF
    browser.delete_all_cookies()
    web.login("agent", "agent")
    web.open_action("crm_kb.crm_kb_article_action")
    web.search("amber light")
    web.find_row(code).click()
    web.click_text(".oe_button_box button", "Add to Favourites")
    web.find(".oe_button_box .o_crm_kb_unfavourite")
    agent = odoo_server.rpc("agent", "agent")
    favourites = agent("crm.kb.article", "search_read", [("is_favourite", "=", True)], ["code"])
    assert code in [row["code"] for row in favourites], "not in the agent's favourites"
    found = agent("crm.kb.article", "kb_search", "TIMER button")
    assert found and found[0]["code"] == code, found
    # ... and inserts its answer into a ticket's reply (crm_ticket_kb)
    type_id = agent("crm.ticket.type", "search", [], limit=1)[0]
    customer = agent("res.partner", "search", [("cc_customer", "=", True)], limit=1)[0]
    ticket_id = agent("crm.ticket", "create", {
        "partner_id": customer, "type_id": type_id, "description": "室外机黄灯一直闪"})
    browser.get("%s/web#model=crm.ticket&id=%d&view_type=form" % (odoo_server.url, ticket_id))
    web.click_text(".oe_button_box button", "Knowledge Base")
    web.type_into(".modal .o_field_widget[name=query]", code)
    # the best match is chosen for the agent and its answer previewed
    web.wait().until(lambda d: "服务公告" in d.find_element(
        By.CSS_SELECTOR, ".modal .o_field_widget[name=answer]").text, "no answer previewed")
    web.click_text(".modal-footer button", "Insert Answer")
    web.wait().until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".modal-dialog"),
                     "the dialog did not close")
    ticket = agent("crm.ticket", "read", [ticket_id], ["kb_draft_answer"])[0]
    assert "服务公告" in (ticket["kb_draft_answer"] or ""), ticket


def test_public_pages_show_only_public_articles(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    public = admin("crm.kb.article", "search_read", [("code", "=", "KB-AC-001")], ["id"])
    internal = admin("crm.kb.article", "search_read", [("code", "=", "KB-INT-001")], ["id"])
    base = odoo_server.url
    code, page = status("%s/kb/%d" % (base, public[0]["id"]))
    assert code == 200 and "过滤网" in page
    code, _page = status("%s/kb/%d" % (base, internal[0]["id"]))
    assert code == 404, "a department article is reachable by URL"
    code, page = status("%s/kb?search=%%E4%%B8%%8D%%E5%%88%%B6%%E5%%86%%B7"
                        % base)
    assert code == 200 and "KB-AC-001" in page and "<b>" in page
    assert "KB-INT-001" not in page
