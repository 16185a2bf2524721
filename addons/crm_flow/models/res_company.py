from odoo import fields, models

from .. import localtime


class ResCompany(models.Model):
    """The company's clock for the ORM: "today" and day bounds in the call
    center's time zone (``_cc_tz_name``; crm_callcenter adds the company's
    setting, the suite's default zone before it is installed)."""

    _inherit = "res.company"

    def _cc_tz_name(self):
        """The call center's time zone of this company (one company)."""
        return localtime.DEFAULT_TZ

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
