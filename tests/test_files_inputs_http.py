"""Files, exports and public inputs over HTTP and XML-RPC (security review
M2, M4, M9, L1, L2): another employee cannot download an export, the public
ticket form bounds what it stores and how often, /kb bounds its query, and
the view counter and the audit log cannot be forged."""
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import xmlrpc.client
from datetime import datetime, timedelta

import pytest


class Page:
    def __init__(self, response):
        self.url = response.geturl()
        self.status = getattr(response, "status", None) or response.code
        self.body = response.read()
        self.text = self.body.decode("utf-8", "replace")


class Session:
    """A browser-like HTTP session; 4xx/5xx answers are returned, not raised."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, url, data=None):
        try:
            with self.opener.open(url, data=data, timeout=60) as response:
                return Page(response)
        except urllib.error.HTTPError as error:
            with error:
                return Page(error)

    def get(self, url):
        return self.open(url)

    def post(self, url, data):
        return self.open(url, urllib.parse.urlencode(data).encode())

    def token(self, url):
        page = self.get(url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def login(server, user):
    session = Session()
    token = session.token(server.url + "/web/login")
    page = session.post(server.url + "/web/login", {
        "login": user, "password": user, "csrf_token": token, "db": server.db})
    # internal users get a page that moves the browser to /web
    assert "/web/login" not in page.url or "window.location" in page.text, \
        "login %s refused" % user
    return session


# M2 ------------------------------------------------------------------------

def test_export_downloadable_by_the_exporter_only(odoo_server):
    manager = odoo_server.rpc("manager", "manager")
    ids = manager("res.partner", "search", [("cc_customer", "=", True)], limit=5)
    action = manager("res.partner", "action_cc_export_xlsx", ids)
    url = odoo_server.url + action["url"]
    mine = login(odoo_server, "manager").get(url)
    assert mine.status == 200 and mine.body[:2] == b"PK", "the exporter gets the file"
    stolen = login(odoo_server, "agent").get(url)
    assert stolen.status != 200 and stolen.body[:2] != b"PK", \
        "another employee downloaded the manager's export"


# M4 ------------------------------------------------------------------------

def form(server, session, **values):
    data = {"name": "访客", "phone": "138 0000 0000", "description": "请回电",
            "type_id": server.type_id, "csrf_token": session.token(
                server.url + "/ticket/submit")}
    data.update(values)
    return session.post(server.url + "/ticket/submit", data)


@pytest.fixture
def web_form(odoo_server):
    manager = odoo_server.rpc("manager", "manager")
    odoo_server.type_id = manager.ref("crm_ticket.crm_ticket_type_consult_product_demo")

    def count():
        return manager("crm.ticket", "search_count", [("source", "=", "web")])
    return manager, count


def test_web_form_refuses_bad_input_without_creating(odoo_server, web_form):
    _manager, count = web_form
    session = Session()
    before = count()
    page = form(odoo_server, session, type_id="abc")
    assert page.status == 400 and "business type" in page.text
    page = form(odoo_server, session, description="x" * 10001)
    assert page.status == 400 and "too long" in page.text
    page = form(odoo_server, session, email="not an email")
    assert page.status == 400
    page = form(odoo_server, session, phone="call me maybe")
    assert page.status == 400
    page = form(odoo_server, session, website="http://spam.example")  # honeypot
    assert page.status == 200 and "Thank you" in page.text
    page = form(odoo_server, session, description="y" * 100000)
    assert page.status == 413
    assert count() == before, "a refused post created a ticket"


def test_web_form_limit_holds_under_concurrent_posts(odoo_server, web_form):
    manager, _count = web_form
    sessions = [Session() for _index in range(6)]
    tokens = [s.token(odoo_server.url + "/ticket/submit") for s in sessions]
    barrier = threading.Barrier(len(sessions))
    pages = [None] * len(sessions)

    def post(index):
        barrier.wait(30)
        pages[index] = sessions[index].post(odoo_server.url + "/ticket/submit", {
            "name": "并发", "phone": "13800000000", "type_id": odoo_server.type_id,
            "description": "并发第%d次" % index, "csrf_token": tokens[index]})
    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert all(pages), "a post did not answer"
    since = (datetime.utcnow() - timedelta(minutes=9)).strftime("%Y-%m-%d %H:%M:%S")
    created = manager("crm.ticket", "search_count", [
        ("source", "=", "web"), ("web_address", "=", "127.0.0.1"),
        ("create_date", ">=", since)])
    assert created <= 3, "%d tickets from one address in 10 minutes" % created
    assert any(page.status == 429 for page in pages)


# M9 ------------------------------------------------------------------------

def test_kb_search_query_is_capped(odoo_server):
    # (nginx answers 414 above about 8 KB of URL: stay under it)
    query = " ".join("w%d" % i for i in range(1000))
    page = Session().get(odoo_server.url + "/kb?" + urllib.parse.urlencode({"search": query}))
    assert page.status == 200
    echoed = re.search(r'name="search"[^>]*value="([^"]*)"', page.text) or \
        re.search(r'value="([^"]*)"[^>]*name="search"', page.text)
    assert echoed and len(echoed.group(1)) <= 200, "the query was not cut"


# L1, L2 ------------------------------------------------------------------

def test_view_counter_and_audit_log_not_callable(odoo_server):
    agent = odoo_server.rpc("agent", "agent")
    article = agent.ref("crm_kb.crm_kb_article_ac_nocool_demo")
    for model, method, args in (
            ("crm.kb.article.stat", "add_views", [[article], 100000]),
            ("crm.kb.article.stat", "_add_views", [[article]]),
            ("crm.operation.log", "record", ["login", "forged"]),
            ("crm.operation.log", "_record", ["login", "forged"])):
        with pytest.raises(xmlrpc.client.Fault):
            agent(model, method, *args)


def test_anonymous_reload_counts_one_view(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    article = admin.ref("crm_kb.crm_kb_article_ac_nocool_demo")

    def views():
        return admin("crm.kb.article", "read", [article], ["view_count"])[0]["view_count"]
    before = views()
    visitor = Session()
    for _index in range(3):
        assert visitor.get(odoo_server.url + "/kb/%d" % article).status == 200
    assert views() == before + 1, "reloading the page counted more than one view"
