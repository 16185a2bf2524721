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
