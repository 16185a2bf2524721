"""Ticket portal over HTTP and XML-RPC: a portal partner sees, answers and
rates only their own tickets; the public web form is rate-limited."""
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import xmlrpc.client

import pytest


class Page:
    def __init__(self, response):
        self.url = response.geturl()
        self.status = response.status
        self.text = response.read().decode("utf-8")
        self.ok = self.status == 200


class Session:
    """A browser-like HTTP session (cookies, redirects) on urllib."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url, timeout=30):
        with self.opener.open(url, timeout=timeout) as response:
            return Page(response)

    def post(self, url, data, timeout=30):
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(url, data=body, timeout=timeout) as response:
                return Page(response)
        except urllib.error.HTTPError as error:   # refusals answer 4xx
            with error:
                return Page(error)


def portal_session(server, login, password):
    session = Session()
    page = session.get(server.url + "/web/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(server.url + "/web/login", timeout=30, data={
        "login": login, "password": password, "csrf_token": token, "db": server.db})
    home = session.get(server.url + "/my/home", timeout=30)
    assert home.url.endswith("/my/home"), "portal login %s refused" % login
    return session


def csrf(session, url):
    page = session.get(url, timeout=30)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@pytest.fixture
def tickets(odoo_server):
    manager = odoo_server.rpc("manager", "manager")
    own = manager("crm.ticket", "search_read", [
        ("partner_id", "=", manager.ref("crm_customer.res_partner_customer_01_demo"))],
        ["name"])
    other = manager("crm.ticket", "search_read", [
        ("partner_id", "=", manager.ref("crm_customer.res_partner_customer_02_demo"))],
        ["name"])
    assert own and other, "demo tickets of customers 01 and 02 are missing"
    return manager, own, other


def test_partner_lists_and_opens_only_own_tickets(odoo_server, tickets):
    manager, own, other = tickets
    session = portal_session(odoo_server, "wangjianguo", "wangjianguo")
    listing = session.get(odoo_server.url + "/my/tickets", timeout=30).text
    for ticket in own:
        assert ticket["name"] in listing
    for ticket in other:
        assert ticket["name"] not in listing, "another partner's ticket is listed"
    page = session.get(odoo_server.url + "/my/ticket/%d" % own[0]["id"], timeout=30)
    assert own[0]["name"] in page.text
    page = session.get(odoo_server.url + "/my/ticket/%d" % other[0]["id"], timeout=30)
    assert other[0]["name"] not in page.text
    assert page.url.rstrip("/").endswith(("/my", "/my/home"))


def test_partner_cannot_reply_to_or_read_another_ticket(odoo_server, tickets):
    manager, own, other = tickets
    session = portal_session(odoo_server, "wangjianguo", "wangjianguo")
    token = csrf(session, odoo_server.url + "/my/ticket/%d" % own[0]["id"])
    marker = "portal-intrusion-%d" % other[0]["id"]
    session.post(odoo_server.url + "/my/ticket/%d/reply" % other[0]["id"], timeout=30,
                 data={"message": marker, "csrf_token": token})
    assert not manager("mail.message", "search_count", [
        ("model", "=", "crm.ticket"), ("res_id", "=", other[0]["id"]),
        ("body", "ilike", marker)]), "a reply reached another partner's ticket"
    rpc = odoo_server.rpc("wangjianguo", "wangjianguo")
    with pytest.raises(xmlrpc.client.Fault):
        rpc("crm.ticket", "read", [other[0]["id"]], ["name"])
    assert rpc("crm.ticket", "search_count", [("id", "=", other[0]["id"])]) == 0
    with pytest.raises(xmlrpc.client.Fault):
        rpc("crm.ticket", "write", [own[0]["id"]], {"rating": "5"})


def test_partner_submits_replies_and_rates(odoo_server, tickets):
    manager, own, other = tickets
    session = portal_session(odoo_server, "lixiuying", "lixiuying")
    token = csrf(session, odoo_server.url + "/my/tickets/new")
    type_id = manager.ref("crm_ticket.crm_ticket_type_consult_product_demo")
    answer = session.post(odoo_server.url + "/my/tickets/new", timeout=30, data={
        "type_id": type_id, "subject": "门户提交", "description": "洗衣机脱水时噪音大",
        "csrf_token": token})
    ticket_id = int(re.search(r"/my/ticket/(\d+)", answer.url).group(1))
    ticket = manager("crm.ticket", "read", [ticket_id],
                     ["source", "partner_id", "description"])[0]
    assert ticket["source"] == "portal"
    assert ticket["partner_id"][0] == manager.ref("crm_customer.res_partner_customer_02_demo")
    session.post(odoo_server.url + "/my/ticket/%d/reply" % ticket_id, timeout=30,
                 data={"message": "补充：型号XQG80", "csrf_token": token})
    assert manager("mail.message", "search_count", [
        ("model", "=", "crm.ticket"), ("res_id", "=", ticket_id),
        ("body", "ilike", "XQG80")]) == 1
    manager("crm.ticket", "action_resolve", [ticket_id])
    session.post(odoo_server.url + "/my/ticket/%d/rate" % ticket_id, timeout=30,
                 data={"rating": "5", "note": "满意", "csrf_token": token})
    assert manager("crm.ticket", "read", [ticket_id], ["rating"])[0]["rating"] == "5"


def test_public_web_form_is_rate_limited(odoo_server):
    manager = odoo_server.rpc("manager", "manager")
    session = Session()
    type_id = manager.ref("crm_ticket.crm_ticket_type_consult_product_demo")
    refused = False
    for attempt in range(5):
        token = csrf(session, odoo_server.url + "/ticket/submit")
        before = manager("crm.ticket", "search_count", [("source", "=", "web")])
        page = session.post(odoo_server.url + "/ticket/submit", timeout=30, data={
            "name": "访客", "phone": "13800000000", "type_id": type_id,
            "description": "网页表单第%d次" % attempt, "csrf_token": token})
        after = manager("crm.ticket", "search_count", [("source", "=", "web")])
        if "Too many requests" in page.text:
            assert page.status == 429
            assert after == before, "a refused request still created a ticket"
            refused = True
            break
        assert after == before + 1 and "GD" in page.text
    assert refused, "five posts in a row were all accepted"


def test_portal_inputs_are_capped_and_rate_limited(odoo_server, tickets):
    """A portal partner (the attacker) cannot store huge texts nor open
    tickets or post replies without limit (issue 14: public inputs)."""
    manager, own, other = tickets
    session = portal_session(odoo_server, "wangjianguo", "wangjianguo")
    partner_id = manager.ref("crm_customer.res_partner_customer_01_demo")
    token = csrf(session, odoo_server.url + "/my/tickets/new")
    type_id = manager.ref("crm_ticket.crm_ticket_type_consult_product_demo")

    def count():
        return manager("crm.ticket", "search_count", [
            ("source", "=", "portal"), ("partner_id", "=", partner_id)])

    before = count()
    for data in ({"subject": "长" * 201, "description": "x"},
                 {"subject": "s", "description": "长" * 10001}):
        page = session.post(odoo_server.url + "/my/tickets/new", timeout=30,
                            data=dict(data, type_id=type_id, csrf_token=token))
        assert page.status == 413 and "too long" in page.text
    assert count() == before, "an over-long ticket was stored"

    ticket_id = own[0]["id"]
    marker = "超长回复"
    page = session.post(odoo_server.url + "/my/ticket/%d/reply" % ticket_id, timeout=30,
                        data={"message": marker + "长" * 10001, "csrf_token": token})
    assert page.status == 413
    assert not manager("mail.message", "search_count", [
        ("model", "=", "crm.ticket"), ("res_id", "=", ticket_id),
        ("body", "ilike", marker)]), "an over-long reply was stored"

    refused = False
    for attempt in range(6):   # the limit is 5 per 10 minutes
        before = count()
        page = session.post(odoo_server.url + "/my/tickets/new", timeout=30, data={
            "type_id": type_id, "subject": "频繁提交%d" % attempt,
            "description": "门户第%d次" % attempt, "csrf_token": token})
        if page.status == 429:
            assert count() == before, "a refused request still created a ticket"
            refused = True
            break
        assert count() == before + 1
    assert refused, "six tickets in a row were all accepted"

    refused = False
    for attempt in range(21):   # the limit is 20 per 10 minutes
        page = session.post(odoo_server.url + "/my/ticket/%d/reply" % ticket_id,
                            timeout=30, data={"message": "reply-%d" % attempt,
                                              "csrf_token": token})
        if page.status == 429:
            assert not manager("mail.message", "search_count", [
                ("model", "=", "crm.ticket"), ("res_id", "=", ticket_id),
                ("body", "ilike", "reply-%d" % attempt)])
            refused = True
            break
    assert refused, "21 replies in a row were all accepted"
