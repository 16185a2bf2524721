"""Supplier portal over XML-RPC and HTTP: two demo suppliers (格瑞 and 华芯)
see only their own purchase orders, returns and exchanges, and confirm
dates only on their own documents."""
import http.cookiejar
import re
import urllib.parse
import urllib.request
import xmlrpc.client

import pytest

A, B = "supplier_gerui", "supplier_huaxin"


class PortalSession:
    """A logged-in portal browser without a browser: cookies + forms."""

    def __init__(self, server, login):
        self.url = server.url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/web/login")[1]
        self.post("/web/login", {"login": login, "password": login, "redirect": "/my",
                                 "csrf_token": self.csrf(page)})
        # Odoo answers a login with a script redirect: check the session instead
        response = self.get("/my")[0]
        assert self.landed_on(response) == "/my", "portal login failed for " + login

    @staticmethod
    def csrf(page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def get(self, path):
        response = self.opener.open(self.url + path, timeout=60)
        return response, response.read().decode()

    def post(self, path, data):
        response = self.opener.open(
            self.url + path, urllib.parse.urlencode(data).encode(), timeout=60)
        return response, response.read().decode()

    def landed_on(self, response):
        return urllib.parse.urlparse(response.geturl()).path


@pytest.fixture(scope="module")
def portal(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    po_a = admin.ref("crm_supplier.purchase_order_gerui_demo")
    po_b = admin.ref("crm_supplier.purchase_order_huaxin_demo")
    picking_ids = admin("purchase.order", "read", [po_a],
                        ["picking_ids"])[0]["picking_ids"]
    for picking in admin("stock.picking", "read", picking_ids, ["state", "move_lines"]):
        if picking["state"] != "done":
            for move in admin("stock.move", "read", picking["move_lines"], ["product_uom_qty"]):
                admin("stock.move", "write", [move["id"]],
                      {"quantity_done": move["product_uom_qty"]})
            admin("stock.picking", "action_done", [picking["id"]])
    line_a = admin("purchase.order", "read", [po_a], ["order_line"])[0]["order_line"][0]
    return_id = admin("crm.supplier.return", "create", {
        "purchase_id": po_a, "kind": "return", "reason": "包装破损,退回 1 台",
        "line_ids": [(0, 0, {"purchase_line_id": line_a, "quantity": 1})]})
    admin("crm.supplier.return", "crm_flow_start", [return_id])
    name = admin("crm.supplier.return", "read", [return_id], ["name"])[0]["name"]
    return {"admin": admin, "po_a": po_a, "po_b": po_b, "return_id": return_id,
            "return_name": name}


def test_rpc_suppliers_see_only_their_own_documents(odoo_server, portal):
    rpc_a, rpc_b = odoo_server.rpc(A, A), odoo_server.rpc(B, B)
    seen_a = rpc_a("purchase.order", "search", [])
    assert portal["po_a"] in seen_a and portal["po_b"] not in seen_a
    with pytest.raises(xmlrpc.client.Fault):
        rpc_a("purchase.order", "read", [portal["po_b"]], ["name"])
    assert portal["return_id"] in rpc_a("crm.supplier.return", "search", [])
    assert portal["return_id"] not in rpc_b("crm.supplier.return", "search", [])
    with pytest.raises(xmlrpc.client.Fault):
        rpc_b("crm.supplier.return", "read", [portal["return_id"]], ["name"])
    line_b = rpc_b("purchase.order", "read", [portal["po_b"]], ["order_line"])[0]["order_line"][0]
    with pytest.raises(xmlrpc.client.Fault):
        rpc_b("purchase.order.line", "write", [line_b], {"date_planned": "2030-01-01 10:00:00"})


def test_url_suppliers_see_only_their_own_documents(odoo_server, portal):
    session_a, session_b = PortalSession(odoo_server, A), PortalSession(odoo_server, B)
    response, body = session_a.get("/my/purchase/%d" % portal["po_a"])
    assert session_a.landed_on(response) == "/my/purchase/%d" % portal["po_a"]
    response, body = session_a.get("/my/purchase/%d" % portal["po_b"])
    assert session_a.landed_on(response) == "/my", "A opened B's purchase order"
    response, body = session_a.get("/my/supplier_returns")
    assert portal["return_name"] in body
    response, body = session_b.get("/my/supplier_returns")
    assert portal["return_name"] not in body
    response, body = session_b.get("/my/supplier_returns/%d" % portal["return_id"])
    assert session_b.landed_on(response) == "/my", "B opened A's return"
    assert portal["return_name"] not in body


def test_suppliers_confirm_dates_only_on_their_own_orders(odoo_server, portal):
    admin = portal["admin"]
    session_a, session_b = PortalSession(odoo_server, A), PortalSession(odoo_server, B)
    line_b = admin("purchase.order", "read", [portal["po_b"]], ["order_line"])[0]["order_line"][0]
    response, page = session_b.get("/my/purchase/%d" % portal["po_b"])
    assert "date_planned_%d" % line_b in page, "no date form on the supplier's order"
    response, body = session_b.post("/my/purchase/%d/confirm_dates" % portal["po_b"], {
        "csrf_token": PortalSession.csrf(page), "date_planned_%d" % line_b: "2031-05-06"})
    assert "confirmed" in response.geturl()
    line = admin("purchase.order.line", "read", [line_b], ["date_planned"])[0]
    assert line["date_planned"].startswith("2031-05-06")
    # A tries the same on B's order with its own valid session token (taken
    # from the form of its own return)
    page_a = session_a.get("/my/supplier_returns/%d" % portal["return_id"])[1]
    response, body = session_a.post("/my/purchase/%d/confirm_dates" % portal["po_b"], {
        "csrf_token": PortalSession.csrf(page_a), "date_planned_%d" % line_b: "2032-01-01"})
    assert session_a.landed_on(response) == "/my"
    line = admin("purchase.order.line", "read", [line_b], ["date_planned"])[0]
    assert line["date_planned"].startswith("2031-05-06"), "A changed B's promised date"


def test_supplier_confirms_the_date_of_its_return(odoo_server, portal):
    session_a = PortalSession(odoo_server, A)
    page = session_a.get("/my/supplier_returns/%d" % portal["return_id"])[1]
    response, body = session_a.post("/my/supplier_returns/%d/confirm" % portal["return_id"], {
        "csrf_token": PortalSession.csrf(page), "supplier_date": "2031-02-03"})
    assert "confirmed" in response.geturl()
    stored = portal["admin"]("crm.supplier.return", "read", [portal["return_id"]],
                             ["supplier_date"])[0]["supplier_date"]
    assert stored == "2031-02-03"
    session_b = PortalSession(odoo_server, B)
    page_b = session_b.get("/my/purchase/%d" % portal["po_b"])[1]
    response, body = session_b.post("/my/supplier_returns/%d/confirm" % portal["return_id"], {
        "csrf_token": PortalSession.csrf(page_b),
        "supplier_date": "2035-01-01"})
    assert session_b.landed_on(response) == "/my"
    stored = portal["admin"]("crm.supplier.return", "read", [portal["return_id"]],
                             ["supplier_date"])[0]["supplier_date"]
    assert stored == "2031-02-03", "B changed A's return"
