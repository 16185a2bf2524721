"""CC-34: a Supervisor's reminder appears at once in the Agent's open web
client, pushed through the bus and long polling (nginx → gevent process)."""
import uuid

from selenium.webdriver.common.by import By

from webclient import WebClient


def test_reminder_reaches_the_agent_browser(odoo_server, browser):
    web = WebClient(browser, odoo_server)
    web.login("agent", "agent")
    agent = odoo_server.rpc("agent", "agent")
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    text = "回访王先生 %s" % uuid.uuid4().hex[:6]
    supervisor("res.users", "cc_remind", [agent.uid], text, "回访提醒")

    def shown(driver):
        return any(text in element.text
                   for element in driver.find_elements(By.CSS_SELECTOR, ".o_notification"))
    web.wait(30).until(shown, "the reminder did not appear in the agent's browser")


def test_reminder_html_is_shown_as_text(odoo_server, browser):
    """H4/C2: a reminder's title and text are text: markup a Supervisor puts
    there is shown, never run or rendered (the notification renders HTML)."""
    web = WebClient(browser, odoo_server)
    web.login("agent", "agent")
    agent = odoo_server.rpc("agent", "agent")
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    marker = uuid.uuid4().hex[:6]
    text = '<img src=x class="cc-xss-%s" onerror="window.ccXss=1">' % marker
    supervisor("res.users", "cc_remind", [agent.uid], text, "<b>%s</b>" % marker)

    def shown(driver):
        return any(text in element.text
                   for element in driver.find_elements(By.CSS_SELECTOR, ".o_notification"))
    web.wait(30).until(shown, "the reminder's markup was not shown as text")
    assert not browser.find_elements(By.CSS_SELECTOR, "img.cc-xss-%s" % marker)
    assert not browser.find_elements(By.CSS_SELECTOR, ".o_notification b")
    assert browser.execute_script("return window.ccXss || 0") == 0
