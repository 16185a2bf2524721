"""Order portal over HTTP and XML-RPC: two customers each follow their own
orders, in review included, with their progress, and never see another
customer's order nor the internal price floors and ceilings."""
import http.cookiejar
import re
import urllib.parse
import urllib.request
import xmlrpc.client

import pytest

CUSTOMERS = (("or_portal_wang", "crm_customer.res_partner_customer_01_demo"),
             ("or_portal_zhang", "crm_customer.res_partner_customer_03_demo"))


class PortalSession:
    """A logged-in portal customer without a browser: cookies + forms."""

    def __init__(self, server, login):
        self.url = server.url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/web/login")[1]
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.opener.open(self.url + "/web/login", urllib.parse.urlencode({
            "login": login, "password": login, "redirect": "/my",
            "csrf_token": token}).encode(), timeout=60).read()
        response = self.get("/my")[0]
        assert urllib.parse.urlparse(response.geturl()).path == "/my", \
            "portal login failed for " + login

    def get(self, path):
        response = self.opener.open(self.url + path, timeout=60)
        return response, response.read().decode()


@pytest.fixture(scope="module")
def customers(odoo_server):
    """For each demo customer: a portal login and a new order taken by the
    demo agent, still in review."""
    admin = odoo_server.rpc("admin", "admin")
    agent = odoo_server.rpc("agent", "agent")
    portal_group = admin.ref("base.group_portal")
    product = admin.ref("crm_order_flow.product_ac_demo")
    result = []
    for login, partner_xmlid in CUSTOMERS:
        partner_id = admin.ref(partner_xmlid)
        if not admin("res.users", "search", [("login", "=", login)]):
            # the demo customer keeps its name (the user's name is the partner's)
            name = admin("res.partner", "read", [partner_id], ["name"])[0]["name"]
            admin("res.users", "create", {
                "name": name, "login": login, "password": login,
                "partner_id": partner_id,
                "groups_id": [(6, 0, [portal_group])]})
        order_id = agent("sale.order", "create", {
            "partner_id": partner_id,
            "order_line": [(0, 0, {"product_id": product,
                                   "product_uom_qty": 1})]})
        order = admin("sale.order", "read", [order_id],
                      ["name", "state", "flow_state"])[0]
        assert (order["state"], order["flow_state"]) == ("draft", "running")
        result.append({"login": login, "partner_id": partner_id,
                       "order": order})
    return admin, result


def progress_cell(page, name):
    """The progress shown in the order list's row of order ``name``."""
    row = re.search(r"<tr>(?:(?!</tr>).)*%s(?:(?!</tr>).)*</tr>" % re.escape(name),
                    page, re.S)
    assert row, "order %s is not listed" % name
    cell = re.search(r'o_crm_order_flow_progress">([^<]*)<', row.group(0))
    return cell.group(1).strip() if cell else None


def test_each_customer_lists_own_orders_in_review(odoo_server, customers):
    admin, rows = customers
    for own, other in ((rows[0], rows[1]), (rows[1], rows[0])):
        session = PortalSession(odoo_server, own["login"])
        listing = session.get("/my/orders")[1]
        name = own["order"]["name"]
        lang = admin("res.partner", "read", [own["partner_id"]], ["lang"])[0]["lang"]
        expected = admin("sale.order", "read", [own["order"]["id"]],
                         ["cc_portal_progress"], context={"lang": lang})
        assert progress_cell(listing, name) == expected[0]["cc_portal_progress"]
        assert expected[0]["cc_portal_progress"], "no progress for an order in review"
        assert other["order"]["name"] not in listing, "another customer's order is listed"
        page = session.get("/my/orders/%d" % own["order"]["id"])[1]
        assert name in page and "o_crm_order_flow_progress" in page
        response, page = session.get("/my/orders/%d" % other["order"]["id"])
        assert other["order"]["name"] not in page
        assert urllib.parse.urlparse(response.geturl()).path.rstrip("/") in ("/my", "/my/home")


def test_portal_pages_never_show_price_bounds(odoo_server, customers):
    admin, rows = customers
    schemes = admin("crm.price.scheme", "search_read",
                    [("product_tmpl_id.product_variant_ids", "=",
                      admin.ref("crm_order_flow.product_ac_demo"))],
                    ["name", "floor_price", "ceiling_price"])
    assert schemes, "the demo product has no price scheme"
    session = PortalSession(odoo_server, rows[0]["login"])
    pages = [session.get("/my/orders")[1],
             session.get("/my/orders/%d" % rows[0]["order"]["id"])[1]]
    for page in pages:
        for scheme in schemes:
            for value in (scheme["floor_price"], scheme["ceiling_price"]):
                for text in ("%.2f" % value, "{:,.2f}".format(value)):
                    assert text not in page, "a price bound (%s) is on the portal" % text
            assert scheme["name"] not in page
        for word in ("Floor", "Ceiling", "底价", "顶价", "cc_price_scheme"):
            assert word not in page
    rpc = odoo_server.rpc(rows[0]["login"], rows[0]["login"])
    line_ids = rpc("sale.order", "read", [rows[0]["order"]["id"]],
                   ["order_line"])[0]["order_line"]
    assert line_ids, "the customer cannot read the lines of the order"
    with pytest.raises(xmlrpc.client.Fault):
        rpc("sale.order.line", "read", line_ids, ["cc_price_floor"])
    with pytest.raises(xmlrpc.client.Fault):
        rpc("sale.order", "read", [rows[1]["order"]["id"]], ["name"])


def test_customer_downloads_own_order_pdf(odoo_server, customers):
    """The portal's "download" of an order answers with the printed order
    (it answered 500 when English was inactive), whatever the customer's
    language, and never another customer's order."""
    admin, rows = customers
    own, other = rows
    session = PortalSession(odoo_server, own["login"])
    lang = admin("res.partner", "read", [own["partner_id"]], ["lang"])[0]["lang"]
    installed = [code for code, _name in admin("res.lang", "get_installed")]
    try:
        for partner_lang in [False] + [c for c in ("zh_CN", "en_US") if c in installed]:
            admin("res.partner", "write", [own["partner_id"]], {"lang": partner_lang})
            response = session.opener.open(
                "%s/my/orders/pdf/%d" % (odoo_server.url, own["order"]["id"]),
                timeout=300)  # wkhtmltopdf on 2 shared cores
            body = response.read()
            assert response.status == 200
            assert response.headers["Content-Type"] == "application/pdf", partner_lang
            assert body.startswith(b"%PDF"), "not a PDF (partner lang %s)" % partner_lang
    finally:
        admin("res.partner", "write", [own["partner_id"]], {"lang": lang})
    response, page = session.get("/my/orders/pdf/%d" % other["order"]["id"])
    assert not page.startswith("%PDF"), "another customer's order was printed"
