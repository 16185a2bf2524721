"""An Agent takes an order from a screen pop (the "New order" action with
the customer prefilled), a Supervisor passes its review, a warehouse user
ships it with a tracking number, the payment is registered, the Agent
confirms the receipt by phone and logs the follow-up visit (OR-1, OR-2)."""
import uuid

from selenium.webdriver.common.by import By

from webclient import WebClient

AGENT = ("agent", "agent")
SUPERVISOR = ("supervisor", "supervisor")
PRODUCT = "crm_order_flow.product_soymilk_demo"
CUSTOMER = "crm_customer.res_partner_customer_01_demo"


STEP = ".o_statusbar_status[name=flow_node_id]"


def _step(web):
    """The order's current flow step (Odoo's own status bar is hidden)."""
    return web.find(STEP + " button.btn-primary").text.strip().lower()


def _open_order(web, order_id):
    web.driver.get("%s/web#id=%d&model=sale.order&view_type=form"
                   % (web.server.url, order_id))
    web.find(".o_form_view " + STEP, timeout=120)
    web.idle()


def _pass(web, note, next_step=None):
    web.click_text(".o_statusbar_buttons button", "Pass")
    web.type_into(".modal-dialog textarea[name=note]", note)
    web.click_text(".modal-dialog .modal-footer button", "Confirm")
    web.wait().until_not(lambda d: d.find_elements(By.CSS_SELECTOR, ".modal-dialog"),
                         "the transition dialog did not close")
    web.idle()
    if next_step:
        web.wait().until(lambda d: _step(web) == next_step.lower(),
                         "the order did not move to %s" % next_step)


def _relogin(web, login, password):
    web.driver.delete_all_cookies()
    web.login(login, password)


def test_order_from_screen_pop_to_follow_up(odoo_server, browser):
    tag = uuid.uuid4().hex[:6]
    admin = odoo_server.rpc("admin", "admin")
    product_id = admin.ref(PRODUCT)
    customer_id = admin.ref(CUSTOMER)
    # stock to ship and a warehouse user
    stock = admin.ref("stock.stock_location_stock")
    template_id = admin("product.product", "read", [product_id], ["product_tmpl_id"])[0][
        "product_tmpl_id"][0]
    change = admin("stock.change.product.qty", "create", {
        "product_id": product_id, "product_tmpl_id": template_id,
        "new_quantity": 50, "location_id": stock})
    admin("stock.change.product.qty", "change_product_qty", [change])
    wh_login = "or_wh_%s" % tag
    admin("res.users", "create", {
        "name": "仓库 %s" % tag, "login": wh_login, "password": wh_login,
        "email": "%s@example.com" % wh_login,
        "groups_id": [(6, 0, [admin.ref("stock.group_stock_user")])]})
    warehouse = odoo_server.rpc(wh_login, wh_login)

    # 1. the agent opens the prefilled order the screen pop opens
    web = WebClient(browser, odoo_server)
    web.login(*AGENT)
    agent = odoo_server.rpc(*AGENT)
    action = agent("res.partner", "action_cc_new_order", [customer_id])
    assert action["context"]["default_partner_id"] == customer_id
    # let the web client settle on a screen before the pop's action runs
    web.open_action("crm_order_flow.sale_order_action_orders")
    browser.execute_script(
        "odoo.__DEBUG__.services['web.web_client'].do_action(arguments[0]);", action)
    web.find(".o_form_view.o_form_editable .o_field_many2one[name=partner_id] input")
    web.wait().until(lambda d: d.find_element(
        By.CSS_SELECTOR, ".o_field_many2one[name=partner_id] input").get_attribute("value"),
        "the customer is not prefilled")
    web.click(".o_field_x2many_list_row_add a")
    web.pick_many2one(".o_data_row .o_field_many2one[name=product_id] input", "JY-DJ13B")
    web.type_into(".o_data_row input[name=product_uom_qty]", "2")
    web.save()
    orders = agent("sale.order", "search_read",
                   [("partner_id", "=", customer_id), ("cc_entered_by_id", "=", agent.uid)],
                   ["name", "cc_channel", "flow_node_id", "flow_state", "state"],
                   order="id desc", limit=1)
    order = orders[0]
    assert order["cc_channel"] == "phone", "the pop's context did not reach the order"
    assert order["flow_state"] == "running" and order["flow_node_id"][1] == "Review"
    order_id = order["id"]

    # 2. the supervisor passes the review: Odoo confirms the order
    _relogin(web, *SUPERVISOR)
    _open_order(web, order_id)
    _pass(web, "客户信息核对无误", "Shipping")
    assert admin("sale.order", "read", [order_id], ["state"])[0]["state"] == "sale"

    # 3. the warehouse enters the tracking number, validates and ships
    picking_id = warehouse("stock.picking", "search",
                           [("sale_id", "=", order_id),
                            ("picking_type_code", "=", "outgoing")])[0]
    _relogin(web, wh_login, wh_login)
    web.driver.get("%s/web#id=%d&model=stock.picking&view_type=form"
                   % (odoo_server.url, picking_id))
    web.click(".o_form_button_edit", timeout=120)
    web.click_text(".o_notebook .nav-tabs a", "Additional Info")
    web.type_into("input[name=carrier_tracking_ref]", "SF%s" % tag)
    web.save()
    web.click_text(".o_statusbar_buttons button", "Validate")
    web.click_text(".modal-dialog .modal-footer button", "Apply")
    web.wait().until(lambda d: warehouse("stock.picking", "read", [picking_id], ["state"])[0][
        "state"] == "done", "the delivery was not validated")
    _open_order(web, order_id)
    _pass(web, "已发顺丰", "Payment Collection")

    # 4. the payment is registered (accounting, over RPC)
    invoice_ids = admin("sale.order", "action_invoice_create", [order_id])
    admin("account.invoice", "action_invoice_open", invoice_ids)
    invoice = admin("account.invoice", "read", invoice_ids, ["amount_total"])[0]
    journal = admin("account.journal", "search", [("type", "=", "bank")], limit=1)[0]
    payment = admin("account.payment", "create", {
        "payment_type": "inbound", "partner_type": "customer",
        "partner_id": customer_id, "amount": invoice["amount_total"],
        "journal_id": journal,
        "payment_method_id": admin.ref("account.account_payment_method_manual_in"),
        "invoice_ids": [(6, 0, invoice_ids)]})
    admin("account.payment", "post", [payment])
    admin("sale.order", "crm_flow_act", [order_id], "pass", note="款已到账")

    # 5. the agent confirms the receipt by phone and logs the follow-up
    _relogin(web, *AGENT)
    _open_order(web, order_id)
    web.wait().until(lambda d: _step(web) == "receipt confirmation",
                     "the order is not waiting for the receipt confirmation")
    _pass(web, "客户确认已收货", "Follow-up Visit")
    web.click(".o_form_button_edit")
    web.click_text(".o_notebook .nav-tabs a", "Receipt and Follow-up")
    web.select_option("select[name=cc_satisfaction]", "Very satisfied")
    web.type_into("textarea[name=cc_followup_note]", "豆浆机使用正常，客户很满意")
    web.save()
    _pass(web, "回访完成")

    done = admin("sale.order", "read", [order_id],
                 ["flow_state", "cc_satisfaction", "cc_followup_note", "cc_tracking_refs"])[0]
    assert done["flow_state"] == "done"
    assert done["cc_satisfaction"] == "5"
    assert done["cc_followup_note"] == "豆浆机使用正常，客户很满意"
    assert done["cc_tracking_refs"] == "SF%s" % tag
    outcomes = admin("crm.flow.log", "search_read",
                     [("res_model", "=", "sale.order"), ("res_id", "=", order_id)],
                     ["outcome"], order="id")
    assert [o["outcome"] for o in outcomes] == ["start"] + ["pass"] * 5
