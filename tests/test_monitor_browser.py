"""The live monitor as a wallboard (issue 15, item 6), as the Supervisor in
Chinese: agent states in colours that can be read (not white on white),
the waiting call and the longest wait highlighted, and today's chart by
hour."""
import datetime
import uuid
import zoneinfo

import pytest
from selenium.webdriver.common.by import By

from webclient import WebClient

COLOUR = """
var el = arguments[0], style = getComputedStyle(el);
return [style.color, style.backgroundColor];
"""


def rgb(css):
    """(r, g, b) of a computed colour "rgb(...)" / "rgba(...)" (alpha 0: None)."""
    values = [float(v) for v in css[css.index("(") + 1:css.index(")")].split(",")]
    if len(values) == 4 and values[3] == 0:
        return None
    return tuple(values[:3])


def luminance(colour):
    def channel(value):
        value /= 255.0
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def odoo_time(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture
def wallboard(odoo_server):
    """zh_CN for the Supervisor, the demo Agent ready, one call waiting in a
    queue of its own for a minute and one answered call in it today."""
    admin = odoo_server.rpc("admin", "admin")
    if not admin("res.lang", "search", [("code", "=", "zh_CN")]):
        wizard = admin("base.language.install", "create", {"lang": "zh_CN"})
        admin("base.language.install", "lang_install", [wizard])
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    agent_id = odoo_server.rpc("agent", "agent").uid
    old_lang = admin("res.users", "read", [supervisor.uid], ["lang"])[0]["lang"]
    old_state = admin("res.users", "read", [agent_id], ["cc_agent_state"])[0]["cc_agent_state"]
    admin("res.users", "write", [supervisor.uid], {"lang": "zh_CN"})
    now = datetime.datetime.utcnow().replace(microsecond=0)
    admin("res.users", "write", [agent_id], {"cc_agent_state": "ready",
                                             "cc_agent_state_date": odoo_time(now)})
    queue = "监控队列%s" % uuid.uuid4().hex[:6]
    waiting = admin("crm.call", "create", {
        "direction": "inbound", "state": "ringing", "queue": queue, "number": "13800138000",
        "date_start": odoo_time(now - datetime.timedelta(seconds=60))})
    answered = admin("crm.call", "create", {
        "direction": "inbound", "state": "done", "result": "answered", "queue": queue,
        "number": "13900139000", "date_start": odoo_time(now), "date_answer": odoo_time(now),
        "date_end": odoo_time(now), "wait_seconds": 0})
    try:
        yield supervisor, queue, waiting, answered, now
    finally:
        admin("crm.call", "unlink", [waiting, answered])
        admin("res.users", "write", [supervisor.uid], {"lang": old_lang})
        admin("res.users", "write", [agent_id], {"cc_agent_state": old_state})


def test_supervisor_wallboard_in_chinese(odoo_server, browser, wallboard):
    supervisor, queue, waiting, answered, created = wallboard
    web = WebClient(browser, odoo_server)
    web.login("supervisor", "supervisor")
    browser.get("%s/web#action=crm_telephony.crm_call_monitor_action" % odoo_server.url)
    web.find(".o_cc_monitor .o_cc_monitor_agents")
    web.idle()
    page = web.find(".o_cc_monitor")
    if not any(hour["offered"] for hour in supervisor("crm.call", "cc_monitor")["hours"]):
        pytest.skip("the local day changed since the call was stored")  # run at 23:59:59
    assert "今日服务水平" in page.text and "实时通话" in page.text, "the monitor is not in Chinese"

    # the ready agent's state: a coloured badge, readable, unlike the page
    badge = web.find('.o_cc_monitor_agents tr[data-state="ready"] .o_cc_state_badge')
    colour, background = (rgb(value) for value in browser.execute_script(COLOUR, badge))
    page_background = rgb(browser.execute_script(COLOUR, page)[1]) or (255.0, 255.0, 255.0)
    assert background is not None and background != page_background, \
        "the agent's state has no colour of its own: %s" % (background,)
    assert contrast(colour, background) >= 4.5, "state label unreadable: %s on %s" % (
        colour, background)
    assert "示闲" in badge.text, badge.text

    # the waiting call and its queue's waiting count and longest wait stand out
    row = web.find('.o_cc_monitor_calls tr[data-call-id="%d"]' % waiting)
    assert "o_cc_call_waiting" in row.get_attribute("class")
    cell = row.find_element(By.CSS_SELECTOR, "td")
    colour, background = (rgb(value) for value in browser.execute_script(COLOUR, cell))
    assert background is not None and background != page_background, \
        "the waiting call is not highlighted"
    assert contrast(colour, background) >= 4.5
    queue_row = web.find('.o_cc_monitor_queues tr[data-queue="%s"]' % queue)
    for css in (".o_cc_waiting", ".o_cc_longest_wait"):
        colour, background = (rgb(value) for value in browser.execute_script(
            COLOUR, queue_row.find_element(By.CSS_SELECTOR, css)))
        assert background is not None and background != page_background, \
            "%s of a queue with a caller waiting a minute is not highlighted" % css
    assert queue_row.find_element(By.CSS_SELECTOR, ".o_cc_waiting").text == "1"
    assert queue_row.find_element(By.CSS_SELECTOR, ".o_cc_service_level").text == "100 %"

    # today by hour: 24 local hours, the answered call in its hour with a bar
    hours = browser.find_elements(By.CSS_SELECTOR, ".o_cc_monitor_hours .o_cc_hour")
    assert [h.get_attribute("data-hour") for h in hours] == [str(h) for h in range(24)]
    tz = supervisor("res.company", "read", [supervisor("res.users", "read", [supervisor.uid],
                                                       ["company_id"])[0]["company_id"][0]],
                    ["cc_tz"])[0]["cc_tz"]
    local = created.replace(tzinfo=datetime.timezone.utc).astimezone(zoneinfo.ZoneInfo(tz))
    bar = hours[local.hour]
    assert int(bar.get_attribute("data-answered")) >= 1, "the answered call is not in its hour"
    height = bar.find_element(By.CSS_SELECTOR, ".o_cc_bar_answered").size["height"]
    assert height > 0, "the hour's bar is flat"
