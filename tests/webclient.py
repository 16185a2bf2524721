"""Small helpers to drive the Odoo 11 web client with Selenium."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = 60


class WebClient:
    def __init__(self, driver, server):
        self.driver = driver
        self.server = server

    def wait(self, timeout=TIMEOUT):
        return WebDriverWait(self.driver, timeout, ignored_exceptions=(
            StaleElementReferenceException,))

    def find(self, css, timeout=TIMEOUT):
        return self.wait(timeout).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, css)),
            "nothing visible matches %s" % css)

    def click(self, css, timeout=TIMEOUT):
        element = self.wait(timeout).until(
            EC.element_to_be_clickable((By.CSS_SELECTOR, css)),
            "nothing clickable matches %s" % css)
        element.click()
        return element

    def click_text(self, css, text, timeout=TIMEOUT):
        """Click the first visible element matching css whose text contains text."""
        def match(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, css):
                if element.is_displayed() and text in element.text:
                    return element
            return False
        element = self.wait(timeout).until(match, "no %s containing %r" % (css, text))
        element.click()
        return element

    def idle(self, timeout=TIMEOUT):
        """Wait until the web client has no RPC in flight (no blocking overlay)."""
        self.wait(timeout).until(
            lambda d: d.execute_script(
                "return !document.querySelector('.o_loading') || "
                "document.querySelector('.o_loading').style.display === 'none'"),
            "the web client stayed busy")

    def login(self, login, password):
        for attempt in (1, 2, 3):
            self.driver.get(self.server.url + "/web/login")
            self.find("input[name=login]").send_keys(login)
            self.find("input[name=password]").send_keys(password)
            self.click("button[type=submit]")
            # after switching users the login form can carry the previous
            # session's CSRF token: Odoo answers "Session expired"; log in
            # again. Wait for the answer to the POST before deciding (under
            # load the old page is still shown right after the click).
            outcome = self.wait(120).until(lambda d: (
                "menu" if d.find_elements(By.CSS_SELECTOR, "#oe_main_menu_navbar") else
                "csrf" if "invalid CSRF token" in d.page_source else
                "refused" if d.find_elements(By.CSS_SELECTOR, "form.oe_login_form .alert-danger")
                else False), "no answer to the login of %s" % login)
            if outcome != "csrf":
                break
            self.driver.delete_all_cookies()
        assert outcome == "menu", "login of %s failed (%s)" % (login, outcome)
        self.find("#oe_main_menu_navbar", timeout=120)
        self.idle()

    def open_action(self, xmlid, view_type="list"):
        self.driver.get("%s/web#action=%s&view_type=%s" % (self.server.url, xmlid, view_type))
        # an empty list shows its help instead of the table: wait for the buttons
        self.find(".o_control_panel .o_cp_buttons .o_%s_buttons" % view_type, timeout=120)
        self.idle()

    def type_into(self, css, text):
        element = self.find(css)
        element.clear()
        element.send_keys(text)
        return element

    def pick_many2one(self, css, text, choice=None):
        """Type into a many2one / many2many_tags input and pick the suggestion."""
        element = self.find(css)
        element.send_keys(text)
        self.click_text("ul.ui-autocomplete li.ui-menu-item a", choice or text)
        self.idle()

    def find_row(self, text):
        """The visible list row (tr.o_data_row) whose text contains text."""
        def match(driver):
            for row in driver.find_elements(By.CSS_SELECTOR, ".o_list_view tr.o_data_row"):
                if row.is_displayed() and text in row.text:
                    return row
            return False
        return self.wait().until(match, "no list row containing %r" % text)

    def select_option(self, css, label):
        from selenium.webdriver.support.ui import Select
        Select(self.find(css)).select_by_visible_text(label)
        self.idle()

    def search(self, text):
        """Type into the search box and take the first proposal (the name)."""
        box = self.find(".o_searchview_input")
        box.send_keys(text)
        self.find(".o_searchview_autocomplete li")
        box.send_keys(Keys.ENTER)
        self.idle()

    def open_dialog_action(self, xmlid):
        """Open a window action that targets a dialog (wizard)."""
        self.driver.get("%s/web#action=%s" % (self.server.url, xmlid))
        self.find(".modal-dialog", timeout=120)
        self.idle()

    def upload(self, css, path):
        """Give a file to an Odoo binary field (its file input is hidden)."""
        element = self.wait().until(
            lambda d: d.find_elements(By.CSS_SELECTOR, css), "no file input %s" % css)[0]
        self.driver.execute_script(
            "arguments[0].style.display='block'; arguments[0].style.visibility='visible';"
            "arguments[0].classList.remove('o_hidden');", element)
        element.send_keys(path)
        self.idle()

    def statusbar_current(self):
        return self.find(".o_statusbar_status button.btn-primary").text.strip()

    def save(self):
        self.click(".o_form_button_save")
        self.find(".o_form_view.o_form_readonly")
        self.idle()

    def press_escape(self, css):
        self.find(css).send_keys(Keys.ESCAPE)
