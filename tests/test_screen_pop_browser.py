"""CC-3..CC-7 end to end: the fake PBX (recorded Asterisk 22.10 dialect) →
the AMI listener (`odoo-bin telephony`, a real process) → PostgreSQL → the
bus → the Agent's Chromium. A known caller pops their profile, an unknown
number offers "New Customer" prefilled with the number, and a click on a
phone number sends an Originate for the agent's own phone."""
import os
import random
import signal
import subprocess

import pytest
from conftest import DB, ROOT, wait_until
from fakeami.server import ThreadedFakeAMI
from selenium.webdriver.common.by import By

from webclient import WebClient

UNKNOWN = "+86137%08d" % random.randrange(10 ** 8)  # a number nobody has, run after run

#: holds the page's reads of calls (the pop form's read of its call) until
#: the test releases them: window.ccReleaseReads()
HOLD_CALL_READS = """
var session = odoo.__DEBUG__.services['web.session'];
var original = session.rpc;
var held = window.ccHeldReads = [];
session.rpc = function (url) {
    var self = this, args = arguments;
    if (url.indexOf('/web/dataset/call_kw/crm.call/read') >= 0) {
        var def = $.Deferred();
        held.push(function () { original.apply(self, args).then(def.resolve, def.reject); });
        return def;
    }
    return original.apply(this, arguments);
};
window.ccReleaseReads = function () {
    session.rpc = original;
    held.forEach(function (release) { release(); });
};
"""


@pytest.fixture
def telephony(odoo_server):
    """A fake PBX, a phone system pointing at it, the demo Agent on
    extension 1001 (the scenarios' agent) and the listener running."""
    fake = ThreadedFakeAMI(username="callcenter", secret="s3cret", style="pjsip").start()
    admin = odoo_server.rpc("admin", "admin")
    agent_id = odoo_server.rpc("agent", "agent").uid
    old_extension = admin("res.users", "read", [agent_id], ["extension"])[0]["extension"]
    admin("res.users", "write", [agent_id], {"extension": "1001"})
    pbx_id = admin("crm.pbx", "create", {
        "name": "弹屏测试交换机", "host": "127.0.0.1", "port": fake.port,
        "username": "callcenter", "secret": "s3cret", "agent_interface": "PJSIP/{extension}"})
    log = open(ROOT / ".run" / "test" / "listener.log", "w")
    listener = subprocess.Popen(
        [str(ROOT / "scripts" / "odoo.sh"), "telephony", "-d", DB, "--reload", "1",
         "--log-level=info"], stdout=log, stderr=subprocess.STDOUT, cwd=str(ROOT),
        env=dict(os.environ, EXTRA_ADDONS=str(ROOT / "tests" / "odoo_addons")),
        start_new_session=True)
    try:
        wait_until(lambda: listener.poll() is not None or admin(
            "crm.pbx", "read", [pbx_id], ["listener_state"])[0]["listener_state"] == "connected",
            120, "the listener to log in to the fake PBX")
        assert listener.poll() is None, "listener exited; see .run/test/listener.log"
        yield fake, admin, pbx_id
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


def pops(driver, after=0):
    """The pops this page received for calls with ids above ``after``, as the
    test-only add-on test_crm_telephony records them (a page's first poll
    also brings the last 50 s of bus messages: earlier tests' pops to the
    same agent)."""
    return [pop for pop in driver.execute_script("return window.crmCallcenterPops || []")
            if pop["call_id"] > after]


def last_call_id(admin):
    return max(admin("crm.call", "search", [], limit=1, order="id desc") or [0])


def pop_text(driver):
    """The text of the open pop form, read afresh (it is rendered from the
    bus message, then again from the call's record)."""
    return " ".join(element.text for element in
                    driver.find_elements(By.CSS_SELECTOR, ".modal .o_cc_pop"))


def test_screen_pop_new_customer_and_click_to_call(odoo_server, browser, telephony):
    fake, admin, pbx_id = telephony
    web = WebClient(browser, odoo_server)
    web.login("agent", "agent")
    web.find(".o_cc_phone_bar:not(.hidden)")

    # a known caller: 王建国's profile pops, in this agent's browser only
    before = last_call_id(admin)
    fake.call(fake.server.play("answered"))
    web.find(".modal .o_cc_pop", timeout=60)
    web.wait(30).until(lambda d: "王建国" in pop_text(d) and "+8613800138000" in pop_text(d),
                       "the caller's profile did not pop")
    assert len(pops(browser, before)) == 1, "exactly one pop for one ringing"
    # shown from the bus message, then read: the profile only the read gives
    web.wait(30).until(lambda d: any(
        "13800138000" in profile.text.replace(" ", "") for profile in d.find_elements(
            By.CSS_SELECTOR, ".modal .o_cc_pop .o_cc_pop_profile")),
        "the pop form was not filled from the call's record")
    call_id = pops(browser, before)[0]["call_id"]
    # the agent's notes are saved on the call the pop read
    web.type_into(".modal .o_cc_pop .o_field_widget[name=note]", "要发票")
    web.click_text(".modal-footer button", "Save Notes")
    web.wait(30).until(lambda d: admin("crm.call", "read", [call_id], ["note"])[0]["note"]
                       == "要发票", "the pop's notes were not saved")
    # the phone bar follows the PBX: the agent is back to ready after the call
    web.wait(30).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".o_cc_phone_bar").get_attribute(
            "data-state") == "ready", "the phone bar did not show the agent's state")
    web.wait(30).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".modal .o_cc_pop"),
                       "the pop did not close")

    # an unknown number: the pop offers a new customer prefilled with it
    fake.call(fake.server.play("answered", caller=UNKNOWN))
    web.wait(60).until(lambda d: len(pops(d, before)) == 2, "no pop for the unknown number")
    web.find(".modal .o_cc_pop .o_cc_pop_unknown", timeout=30)
    web.click(".modal .o_cc_pop_new_customer")
    web.find(".o_form_view.o_form_editable input[name=name]", timeout=60)
    mobile = web.find(".o_form_view input[name=mobile]")
    assert mobile.get_attribute("value").replace(" ", "") == UNKNOWN
    web.type_into(".o_form_view input[name=name]", "赵六")
    # the pop's dialog fades out over the new form (it took clicks meanwhile)
    web.wait(30).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".modal-dialog"),
                       "the pop's dialog did not close when the customer form opened")
    web.click_text(".o_notebook .nav-tabs a", "Customer Profile")
    web.pick_many2one(".o_form_view .o_field_widget[name=cc_category_id] input", "普通")
    web.select_option(".o_form_view select[name=gender]", "Male")
    web.save()
    web.find(".o_form_view.o_form_readonly", timeout=60)
    partner = admin("res.partner", "search_read", [("mobile_e164", "=", UNKNOWN)],
                    ["name", "cc_customer"])
    assert [(p["name"], p["cc_customer"]) for p in partner] == [("赵六", True)]
    call = admin("crm.call", "search_read", [("number_e164", "=", UNKNOWN)], ["partner_id"])
    assert call and call[0]["partner_id"][0] == partner[0]["id"], "the call joins the customer"

    # click-to-call from the customer's mobile: Originate for the agent's phone
    before = len(fake.server.actions)
    web.click(".o_form_view .o_field_widget[name=mobile] .o_cc_click_to_call")

    def originated(_driver):
        return [a for a in fake.server.actions[before:] if a.get("Action") == "Originate"]
    (originate,) = web.wait(30).until(originated, "no Originate reached the PBX")
    assert originate["Channel"] == "PJSIP/1001"
    assert originate["Exten"].endswith(UNKNOWN[3:])
    assert originate["Async"] == "true"
    outbound = admin("crm.call", "search_read", [
        ("direction", "=", "outbound"), ("number_e164", "=", UNKNOWN)], ["result", "user_id"])
    assert outbound and outbound[0]["user_id"][0] == odoo_server.rpc("agent", "agent").uid


def test_a_new_page_pops_only_live_calls(odoo_server, browser, telephony):
    """A page's first poll brings the last 50 s of the agent's messages:
    the pop of a call still in progress opens, the pop of a call that has
    ended does not (an agent logging in on another PC after a call)."""
    fake, admin, pbx_id = telephony
    before = last_call_id(admin)
    ended_number = "+86137%08d" % random.randrange(10 ** 8)
    fake.call(fake.server.play("answered", caller=ended_number))
    wait_until(lambda: admin("crm.call", "search_count", [
        ("number_e164", "=", ended_number), ("state", "=", "done")]), 60,
        "the first call to end")
    (ended,) = admin("crm.call", "search", [("number_e164", "=", ended_number)])
    fake.call(fake.server.play(fake.server.pbx.talking()))  # left in progress
    wait_until(lambda: admin("crm.call", "search_count", [
        ("id", ">", ended), ("state", "=", "talking")]), 60, "the second call to be answered")
    (live,) = admin("crm.call", "search", [("id", ">", ended), ("state", "=", "talking")])

    web = WebClient(browser, odoo_server)
    web.login("agent", "agent")  # a fresh browser: nothing in its storage
    web.wait(60).until(lambda d: {ended, live} <= {pop["call_id"] for pop in pops(d, before)},
                       "the new page's first poll did not bring the two pops")
    # pops open one after another, in the order they came: once the live
    # call's form is open, the ended call's was decided
    web.wait(60).until(lambda d: live in d.execute_script("return window.crmCallcenterOpened"),
                       "the pop of the call in progress did not open")
    web.wait(30).until(lambda d: "王建国" in pop_text(d), "the live call's caller is not shown")
    opened = browser.execute_script("return window.crmCallcenterOpened")
    assert ended not in opened, "the ended call popped"
    # earlier tests' calls to this agent may come too: only those in progress open
    assert not admin("crm.call", "search", [("id", "in", opened), ("state", "=", "done")])


def test_what_the_agent_types_while_the_pop_is_read_is_kept(odoo_server, browser, telephony):
    """The pop shows from the bus message, then reads its call and draws
    the form again: what the agent typed meanwhile stays, and so does the
    field they type in."""
    fake, admin, pbx_id = telephony
    web = WebClient(browser, odoo_server)
    web.login("agent", "agent")
    web.find(".o_cc_phone_bar:not(.hidden)")
    browser.execute_script(HOLD_CALL_READS)
    before = last_call_id(admin)
    fake.call(fake.server.play(fake.server.pbx.talking()))  # left in progress
    web.wait(60).until(lambda d: "王建国" in pop_text(d), "the pop did not show")
    web.wait(30).until(lambda d: d.execute_script("return window.ccHeldReads.length"),
                       "the pop did not read its call")
    web.find(".modal .o_cc_pop .o_field_widget[name=note]").send_keys("先记下")
    browser.execute_script("window.ccReleaseReads()")
    web.wait(30).until(lambda d: d.find_elements(
        By.CSS_SELECTOR, ".modal .o_cc_pop .o_cc_pop_profile"), "the call's record was not shown")
    browser.switch_to.active_element.send_keys("，要发票")  # typing on, no click
    note = web.find(".modal .o_cc_pop .o_field_widget[name=note]")
    assert note.get_attribute("value") == "先记下，要发票"
    call_id = pops(browser, before)[0]["call_id"]
    web.click_text(".modal-footer button", "Save Notes")
    web.wait(30).until(lambda d: admin("crm.call", "read", [call_id], ["note"])[0]["note"]
                       == "先记下，要发票", "the notes were not saved")


def test_monitor_follows_the_pbx_and_phone_bar_actions(odoo_server, browser, telephony):
    """CC-9: the Supervisor's live monitor changes when the PBX reports,
    without reloading; CC-3: phone-bar actions reach the PBX as AMI actions."""
    fake, admin, pbx_id = telephony
    web = WebClient(browser, odoo_server)
    web.login("supervisor", "supervisor")
    browser.get(odoo_server.url + "/web#action=crm_telephony.crm_call_monitor_action")
    web.find(".o_cc_monitor_agents", timeout=60)
    web.wait(30).until(
        lambda d: any(row.get_attribute("data-listener") == "connected" for row in
                      d.find_elements(By.CSS_SELECTOR, ".o_cc_monitor_pbx tr[data-listener]")),
        "the monitor does not show the connected phone system")
    agent_row = ".o_cc_monitor_agents tr[data-user-id='%d']" % odoo_server.rpc(
        "agent", "agent").uid
    web.find(agent_row)
    browser.execute_script("document.querySelector(arguments[0]).dataset.marker = 'kept'",
                           agent_row)
    fake.call(fake.server.play(fake.server.pbx.talking()))  # a call left in progress
    web.wait(60).until(
        lambda d: d.find_element(By.CSS_SELECTOR, agent_row).get_attribute(
            "data-state") == "in_call", "the monitor did not show the agent in a call")
    assert "王建国" in web.find(agent_row).text
    # pushed, not reloaded: the page itself was not navigated away
    assert browser.execute_script("return !!document.querySelector('.o_cc_monitor')")

    # CC-16: the Supervisor scores the live call from the monitor
    inspections = admin("crm.call.qa", "search_count", [
        ("agent_id", "=", odoo_server.rpc("agent", "agent").uid)])
    web.click(agent_row + " .o_cc_score")
    web.wait(30).until(lambda d: len(d.find_elements(
        By.CSS_SELECTOR, ".modal .o_field_one2many .o_data_row")) == 5,
        "the inspection form with the template's five criteria did not open")
    web.click_text(".modal-footer button.o_form_button_save", "")  # save the draft
    web.wait(30).until(lambda d: admin("crm.call.qa", "search_count", [
        ("agent_id", "=", odoo_server.rpc("agent", "agent").uid)]) == inspections + 1,
        "the inspection was not saved")

    agent = odoo_server.rpc("agent", "agent")
    before = len(fake.server.actions)
    agent("res.users", "cc_set_pause", True, "小休")
    agent("res.users", "cc_queue_login", False, "support")
    sent = [(a.get("Action"), a.get("Interface"), a.get("Paused"), a.get("Reason"))
            for a in fake.server.actions[before:] if a.get("Action") != "Login"]
    assert ("QueuePause", "PJSIP/1001", "true", "小休") in sent
    assert ("QueueRemove", "PJSIP/1001", None, None) in sent
