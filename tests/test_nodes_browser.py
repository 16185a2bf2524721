"""Issue 18 item 2: several web nodes, one database. Two Odoo nodes (each
with its own workers and long-polling process) behind one nginx
(`NODES=2 scripts/serve.sh`). An agent whose browser is served by node B
gets the screen pop written by the listener (a process of its own, driven
by the fake PBX), a reminder sent through node A, and a Supervisor's live
monitor on node B follows the PBX: the bus crosses nodes through
PostgreSQL's NOTIFY, and sessions live in the one shared data dir."""
import json
import os
import signal
import subprocess
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest
from conftest import DB, ROOT, wait_until
from fakeami.server import ThreadedFakeAMI
from selenium.webdriver.common.by import By

from webclient import WebClient


@pytest.fixture(scope="module")
def telephony(odoo_nodes):
    """A fake PBX, a phone system pointing at it (created through node A),
    the demo Agent on extension 1001 and the listener running: once for the
    module, like the nodes."""
    node_a = odoo_nodes.nodes[0]
    fake = ThreadedFakeAMI(username="callcenter", secret="s3cret", style="pjsip").start()
    admin = node_a.rpc("admin", "admin")
    agent_id = node_a.rpc("agent", "agent").uid
    old_extension = admin("res.users", "read", [agent_id], ["extension"])[0]["extension"]
    admin("res.users", "write", [agent_id], {"extension": "1001"})
    pbx_id = admin("crm.pbx", "create", {
        "name": "多节点测试交换机", "host": "127.0.0.1", "port": fake.port,
        "username": "callcenter", "secret": "s3cret", "agent_interface": "PJSIP/{extension}"})
    log = open(ROOT / ".run" / "test" / "nodes-listener.log", "w")
    listener = subprocess.Popen(
        [str(ROOT / "scripts" / "odoo.sh"), "telephony", "-d", DB, "--reload", "1",
         "--log-level=info"], stdout=log, stderr=subprocess.STDOUT, cwd=str(ROOT),
        env=dict(os.environ, EXTRA_ADDONS=str(ROOT / "tests" / "odoo_addons")),
        start_new_session=True)
    try:
        wait_until(lambda: listener.poll() is not None or admin(
            "crm.pbx", "read", [pbx_id], ["listener_state"])[0]["listener_state"] == "connected",
            120, "the listener to log in to the fake PBX")
        assert listener.poll() is None, "listener exited; see .run/test/nodes-listener.log"
        yield fake, admin
    finally:
        os.killpg(listener.pid, signal.SIGTERM)
        try:
            listener.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(listener.pid, signal.SIGKILL)
        log.close()
        admin("crm.pbx", "write", [pbx_id], {"active": False})
        admin("res.users", "write", [agent_id], {"extension": old_extension})
        fake.stop()


def _port(url):
    return url.rsplit(":", 1)[1]


def _polled_through(odoo_nodes, node):
    """Whether nginx passed a /longpolling/poll of this node's own port on to
    this node's long-polling process."""
    return any(port == _port(node.url) and upstream.endswith(":%d" % node.longpolling_port)
               and uri == "/longpolling/poll"
               for port, upstream, uri in odoo_nodes.answered())


REMINDER = ("跨节点提醒 %s" % uuid.uuid4().hex[:6], "提醒")


def _reminded(web):
    """Wait for the reminder sent through node A on the page."""
    web.wait(60).until(
        lambda d: any(REMINDER[0] in element.text
                      for element in d.find_elements(By.CSS_SELECTOR, ".o_notification")),
        "the reminder sent through node A did not appear on node B's page")


def test_pop_and_reminder_reach_a_page_served_by_the_other_node(
        odoo_nodes, telephony, browser):
    fake, admin = telephony
    node_a, node_b = odoo_nodes.nodes
    web = WebClient(browser, node_b)
    web.login("agent", "agent")
    web.find(".o_cc_phone_bar:not(.hidden)")

    # a Supervisor's reminder sent through node A reaches the page on node B
    node_a.rpc("supervisor", "supervisor")("res.users", "cc_remind",
                                           [node_a.rpc("agent", "agent").uid], *REMINDER)
    _reminded(web)
    wait_until(lambda: _polled_through(odoo_nodes, node_b), 30,
               "nginx to log the page's long polling through node B's long-polling process")

    # the listener (its own process) writes the pop; node B's long polling shows it
    # (a page's first poll also brings the bus messages of the last 50 s, e.g.
    # pops of earlier tests' calls: count only those of this test's call)
    last_call = max(admin("crm.call", "search", [], limit=1, order="id desc") or [0])
    fake.call(fake.server.play("answered"))
    web.find(".modal .o_cc_pop", timeout=60)
    # read afresh: the form is rendered from the bus message, then from the call
    web.wait(30).until(lambda d: any(
        "王建国" in pop.text and "+8613800138000" in pop.text
        for pop in d.find_elements(By.CSS_SELECTOR, ".modal .o_cc_pop")),
        "the caller's profile did not pop")
    pops = [pop for pop in browser.execute_script("return window.crmCallcenterPops || []")
            if pop["call_id"] > last_call]
    assert len(pops) == 1, "exactly one pop for one ringing, whatever the number of nodes"


def test_monitor_on_the_other_node_follows_the_pbx(odoo_nodes, telephony, browser):
    fake, _admin = telephony
    node_a, node_b = odoo_nodes.nodes
    web = WebClient(browser, node_b)
    web.login("supervisor", "supervisor")
    # a new page load ("/web?"), not a hash change racing the home action's
    browser.get(node_b.url + "/web?#action=crm_telephony.crm_call_monitor_action")
    agent_row = ".o_cc_monitor_agents tr[data-user-id='%d']" % node_a.rpc(
        "agent", "agent").uid
    web.find(agent_row, timeout=60)
    supervisor = node_a.rpc("supervisor", "supervisor")
    supervisor("res.users", "cc_remind", [supervisor.uid], *REMINDER)
    _reminded(web)
    # the monitor also fetches a snapshot every 30 s: stop that, so that only
    # the bus's push can change the page
    assert browser.execute_script("""
        var monitor = odoo.__DEBUG__.services['web.web_client'].action_manager.inner_widget;
        if (!monitor || !monitor._tick) { return false; }
        clearInterval(monitor._tick);
        monitor._tick = null;
        monitor.el.dataset.marker = 'kept';
        return true;"""), "the monitor's periodic refresh was not found to stop"
    fake.call(fake.server.play(fake.server.pbx.talking()))  # a call left in progress
    web.wait(60).until(
        lambda d: d.find_element(By.CSS_SELECTOR, agent_row).get_attribute(
            "data-state") == "in_call", "the monitor on node B did not show the agent in a call")
    # pushed, not reloaded: the page itself was not navigated away
    assert browser.execute_script(
        "return document.querySelector('.o_cc_monitor').dataset.marker") == "kept"


def _json(opener, url, params):
    request = urllib.request.Request(url, json.dumps({
        "jsonrpc": "2.0", "method": "call", "params": params}).encode(),
        {"Content-Type": "application/json"})
    with opener.open(request, timeout=60) as response:
        return json.loads(response.read().decode())


def test_sessions_are_shared_and_the_public_port_uses_every_node(odoo_nodes):
    node_a, node_b = odoo_nodes.nodes
    # a session opened on node A is valid on node B (one session store)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    login = _json(opener, node_a.url + "/web/session/authenticate",
                  {"db": DB, "login": "agent", "password": "agent"})
    assert login.get("result", {}).get("uid"), "login on node A refused: %s" % login
    info = _json(opener, node_b.url + "/web/session/get_session_info", {})
    assert info.get("result", {}).get("uid") == login["result"]["uid"], \
        "node B does not know node A's session: %s" % info

    # the balanced port spreads pages and long polling over both nodes
    public = _port(odoo_nodes.url)

    def spread(uri, call, ports):
        want = {str(port) for port in ports}

        def reached():
            return {upstream.rsplit(":", 1)[1] for port, upstream, path in odoo_nodes.answered()
                    if port == public and path == uri}

        def both():
            call()
            return want <= reached()
        wait_until(both, 60, "requests to %s to reach the ports %s" % (uri, sorted(want)))
    spread("/web/login", lambda: opener.open(odoo_nodes.url + "/web/login", timeout=60).read(),
           odoo_nodes.worker_ports)
    spread("/longpolling/poll", lambda: _json(opener, odoo_nodes.url + "/longpolling/poll", {
        "channels": [], "last": 0, "options": {"peek": True}}),
        [node.longpolling_port for node in odoo_nodes.nodes])
