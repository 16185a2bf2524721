"""CC-32: the agents' home dashboard in the web client. Counts are read as
each user (two agents of two departments get their own), the dashboard
updates itself when the bus says something changed (an activity assigned,
a ticket entering one of the agent's steps), and a tile opens the list it
counts."""
import uuid

from selenium.webdriver.common.by import By

from webclient import WebClient


def tiles(rpc):
    return {tile["model"]: tile for tile in rpc("crm.dashboard", "cc_dashboard_data")["queues"]}


def test_each_agent_counts_what_their_rules_allow(odoo_server):
    """agent (inbound hotline) and agent2 (after-sales): each ticket tile
    equals what the agent's own "My Queue" list holds, not the Manager's."""
    manager = odoo_server.rpc("manager", "manager")
    everything = manager("crm.ticket", "search_count", [("flow_state", "=", "running")])
    counts = {}
    for login in ("agent", "agent2"):
        rpc = odoo_server.rpc(login, login)
        tile = tiles(rpc)["crm.ticket"]
        mine = rpc("crm.ticket", "search_count", [("flow_is_mine", "=", True)])
        assert tile["count"] == mine, "%s: tile %s, own queue %s" % (login, tile["count"], mine)
        assert sum(step["count"] for step in tile["steps"]) == tile["count"]
        counts[login] = tile["count"]
    assert counts["agent"] + counts["agent2"] <= everything


def test_agent_opens_dashboard_sees_counts_and_clicks_a_tile(odoo_server, browser):
    agent = odoo_server.rpc("agent", "agent")
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    expected = tiles(agent)["crm.ticket"]["count"]
    assert expected > 0, "the demo data should leave tickets in the agent's queue"

    web = WebClient(browser, odoo_server)
    web.login("agent", "agent")
    browser.get("%s/web#action=crm_callcenter.crm_dashboard_action" % odoo_server.url)
    tile = '.o_cc_dashboard_tile[data-model="crm.ticket"]'
    web.find(tile)
    web.idle()
    assert web.find(tile + " .o_cc_dashboard_count").text == str(expected)

    # real time: an activity assigned by the Supervisor shows up without a reload
    count_css = ".o_cc_dashboard_activities h3 .label-default"
    before = int(web.find(count_css).text)
    summary = "看板回访 %s" % uuid.uuid4().hex[:6]
    customer = supervisor.ref("crm_customer.res_partner_customer_03_demo")
    supervisor("mail.activity", "create", {
        "res_model_id": supervisor("ir.model", "search", [("model", "=", "res.partner")])[0],
        "res_id": customer, "user_id": agent.uid, "summary": summary,
        "date_deadline": "2099-01-01",  # not due: Odoo itself would not tell
        "activity_type_id": supervisor.ref("mail.mail_activity_data_todo")})
    web.wait(30).until(
        lambda d: any(summary in e.text for e in d.find_elements(
            By.CSS_SELECTOR, ".o_cc_dashboard_activity")),
        "the new activity did not reach the open dashboard")
    assert int(web.find(count_css).text) == before + 1

    # a ticket reaching the agents' reply step is counted at once (the flow
    # tells the handlers of the step through the bus)
    ticket_id = agent("crm.ticket", "create", {
        "partner_id": customer, "description": "看板实时工单 %s" % summary,
        "type_id": supervisor.ref("crm_ticket.crm_ticket_type_consult_demo")})
    agent("crm.ticket", "action_dispatch", [ticket_id])
    odoo_server.rpc("manager", "manager")("crm.ticket", "crm_flow_act", [ticket_id], "pass",
                                          note="已查明原因")
    expected += 1
    assert tiles(agent)["crm.ticket"]["count"] == expected
    web.wait(30).until(
        lambda d: d.find_element(By.CSS_SELECTOR, tile + " .o_cc_dashboard_count").text
        == str(expected), "the ticket tile did not count the new ticket by itself")

    # the tile opens the agent's queue: the "My Queue" filter, as many rows
    web.click(tile)
    web.find(".o_list_view")
    web.idle()
    facets = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".o_searchview_facet")]
    assert any("My Queue" in text for text in facets), facets
    rows = browser.find_elements(By.CSS_SELECTOR, ".o_list_view tr.o_data_row")
    assert len(rows) == expected, "the list shows %d rows, the tile %d" % (len(rows), expected)
