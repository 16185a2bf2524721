import pytz

from odoo import api, fields, models

from .. import localtime


class ResCompany(models.Model):
    _inherit = "res.company"

    cc_tz = fields.Selection(
        "_cc_tz_list", "Call Center Time Zone", required=True,
        default=localtime.DEFAULT_TZ,
        help="The call center's day: \"today\" on the live monitor and the "
             "dashboard, statistics periods and the hour of day of calls are "
             "counted on this clock, whatever the user's own time zone.")

    @api.model
    def _cc_tz_list(self):
        return [(name, name) for name in pytz.common_timezones]

    def _cc_tz_name(self):
        """The call center's time zone of this company (one company): the
        setting above (the clock's helpers: crm_flow's res.company)."""
        return (self[:1].cc_tz if self else None) or localtime.DEFAULT_TZ

    @api.model
    def _cc_demo_localise_users(self):
        """Demo data only: every internal user, the administrator included,
        in the call center's time zone, and in Chinese when Chinese is
        installed (``make run`` loads it; a test database may not)."""
        users = self.env["res.users"].with_context(active_test=False).search(
            [("share", "=", False)])
        users.write({"tz": self.env.ref("base.main_company")._cc_tz_name()})
        if "zh_CN" in dict(self.env["res.lang"].get_installed()):
            users.write({"lang": "zh_CN"})
