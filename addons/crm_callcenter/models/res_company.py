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
        """The call center's time zone of this company (one company)."""
        return (self[:1].cc_tz if self else None) or localtime.DEFAULT_TZ

    def _cc_today_bounds(self):
        """(start, end) of the company's today, as Odoo datetime strings."""
        start, end = localtime.today_bounds(self._cc_tz_name())
        return fields.Datetime.to_string(start), fields.Datetime.to_string(end)

    def _cc_day_bounds(self, day):
        """(start, end) of a local day (date or Odoo date string), as Odoo
        datetime strings."""
        if isinstance(day, str):
            day = fields.Date.from_string(day)
        start, end = localtime.day_bounds(self._cc_tz_name(), day)
        return fields.Datetime.to_string(start), fields.Datetime.to_string(end)

    def _cc_today(self):
        """The company's today, as an Odoo date string."""
        return fields.Date.to_string(localtime.today(self._cc_tz_name()))

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
