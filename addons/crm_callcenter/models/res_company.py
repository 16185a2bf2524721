from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cc_auto_create_customer = fields.Boolean(
        "Create Contacts for Unknown Callers",
        help="When a number that no customer has calls, create a contact "
             "named after the number (with the first-call time) for the agent "
             "to complete. Otherwise the screen pop offers to create one.")

    @api.model
    def _cc_demo_localise_users(self):
        """Demo data only: every internal user, the administrator included,
        in the call center's time zone, and in Chinese when Chinese is
        installed (``make run`` loads it; a test database may not)."""
        users = self.env["res.users"].with_context(active_test=False).search(
            [("share", "=", False)])
        users.write({"tz": "Asia/Shanghai"})
        if "zh_CN" in dict(self.env["res.lang"].get_installed()):
            users.write({"lang": "zh_CN"})
