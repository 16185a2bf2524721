"""A purchase goes through review and receipt in the web client, then part
of it is returned to the supplier (SU-2, SU-3)."""
import uuid

from webclient import WebClient

MANAGER = ("manager", "manager")
STEP = ".o_statusbar_status[name=flow_node_id] button.btn-primary"


def flow_pass(web, note):
    web.click_text(".o_statusbar_buttons button", "Pass")
    web.type_into(".modal-dialog textarea[name=note]", note)
    web.click_text(".modal-dialog .modal-footer button", "Confirm")
    web.idle()


def at_step(web, name):
    web.wait().until(lambda d: web.find(STEP).text.strip() == name,
                     "the document is not at step %s" % name)


def test_purchase_reviewed_received_then_partly_returned(odoo_server, browser):
    tag = uuid.uuid4().hex[:6]
    admin = odoo_server.rpc("admin", "admin")
    for xmlid in ("crm_supplier.flow_purchase_demo", "crm_supplier.flow_return_demo"):
        admin("crm.flow", "write", [admin.ref(xmlid)], {"active": True})
    rpc = odoo_server.rpc(*MANAGER)
    supplier = admin.ref("crm_supplier.supplier_gree_parts_demo")
    product = admin.ref("crm_supplier.product_compressor_demo")
    order_id = rpc("purchase.order", "create", {
        "partner_id": supplier, "partner_ref": "BR-%s" % tag,
        "order_line": [(0, 0, {"product_id": product, "name": "压缩机 %s" % tag,
                               "product_qty": 8, "price_unit": 600,
                               "product_uom": admin.ref("product.product_uom_unit"),
                               "date_planned": "2031-01-10 10:00:00"})]})
    web = WebClient(browser, odoo_server)
    web.login(*MANAGER)
    order_url = "%s/web#id=%d&model=purchase.order&view_type=form" % (odoo_server.url, order_id)
    browser.get(order_url)
    at_step(web, "订单审核")

    # review, then the general manager's custom review confirm the order
    flow_pass(web, "采购计划内")
    at_step(web, "总经理审核")
    flow_pass(web, "同意")
    at_step(web, "收货")
    order = rpc("purchase.order", "read", [order_id], ["state", "picking_ids"])[0]
    assert order["state"] == "purchase", "passing the reviews did not confirm the order"

    # receive the goods with Odoo's own receipt, then pass the receive step
    web.click_text(".o_statusbar_buttons button", "Receive Products")
    web.click_text(".o_statusbar_buttons button", "Validate")
    web.click_text(".modal-dialog .modal-footer button", "Apply")
    web.wait().until(lambda d: rpc("stock.picking", "read", order["picking_ids"],
                                   ["state"])[0]["state"] == "done",
                     "the receipt was not validated")
    browser.get(order_url)
    at_step(web, "收货")
    flow_pass(web, "8 台已入库")
    at_step(web, "付款")

    # return 3 of them to the supplier
    web.click_text(".o_statusbar_buttons button", "Return to Supplier")
    web.find(".modal-dialog .o_field_x2many_list tr.o_data_row")
    web.type_into(".modal-dialog textarea[name=reason]", "外壳变形 %s" % tag)
    cells = browser.find_elements("css selector",
                                  ".modal-dialog .o_field_x2many_list tr.o_data_row td.o_data_cell")
    cells[-1].click()
    web.type_into(".modal-dialog .o_field_x2many_list input[name=quantity]", "3")
    web.click_text(".modal-dialog .modal-footer button", "Submit")
    web.wait().until_not(lambda d: d.find_elements("css selector", ".modal-dialog"),
                         "the return dialog did not close")
    at_step(web, "退货审核")
    flow_pass(web, "同意退货")
    at_step(web, "退货出库")

    returns = rpc("crm.supplier.return", "search_read", [("purchase_id", "=", order_id)],
                  ["kind", "picking_ids", "line_ids", "reason"])
    assert len(returns) == 1 and returns[0]["kind"] == "return"
    assert returns[0]["reason"].endswith(tag)
    moves = rpc("stock.move", "search_read", [("picking_id", "in", returns[0]["picking_ids"])],
                ["product_id", "product_uom_qty", "to_refund", "location_dest_id"])
    assert [(m["product_id"][0], m["product_uom_qty"], m["to_refund"]) for m in moves] == [
        (product, 3.0, True)], "the reverse picking does not send back 3 compressors"
