import base64

from odoo.tests.common import SavepointCase
from odoo.tools import file_open


class TestDemoData(SavepointCase):
    """The demo company is the Beijing call center: its own name and logo
    (no "YourCompany" nor Odoo's "Your logo" on the portal), everyone on
    the phone system's time zone."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("crm_callcenter.user_agent_demo",
                            raise_if_not_found=False):
            self.skipTest("no demo data")

    def test_company_name_and_logo(self):
        company = self.env.ref("base.main_company")
        self.assertNotIn("YourCompany", company.name)
        with file_open("base/res/res_company_logo.png", "rb") as odoo_logo:
            self.assertNotEqual(base64.b64decode(company.logo),
                                odoo_logo.read(), "Odoo's 'Your logo' image")
        partners = self.env["res.partner"].with_context(
            active_test=False).search([("company_name", "=", "YourCompany")])
        self.assertFalse(partners, "partners still work for 'YourCompany'")

    def test_internal_users_on_beijing_time(self):
        for xmlid in ("base.user_root", "crm_callcenter.user_manager_demo",
                      "crm_callcenter.user_supervisor_demo",
                      "crm_callcenter.user_agent_demo"):
            user = self.env.ref(xmlid)
            self.assertEqual(user.tz, "Asia/Shanghai", user.login)
