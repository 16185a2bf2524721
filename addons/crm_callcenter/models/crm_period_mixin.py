"""Named periods ("Today", "This Week", "This Month", ...) for search filters,
resolved in the server on the company's clock (``localtime``): a filter
``[('cc_period', '=', 'today')]`` becomes the bounds of the company's local
day, whatever the browser's date or zone (a ``context_today()`` filter
compared dates with the browser's day at 00:00 UTC: 8 hours off in
Beijing)."""
from odoo import _, fields, models
from odoo.exceptions import UserError

from .. import localtime

PERIODS = [("today", "Today"), ("this_week", "This Week"), ("this_month", "This Month"),
           ("this_quarter", "This Quarter"), ("this_year", "This Year"),
           ("last_month", "Last Month"), ("last_12_months", "Last 12 Months")]


class CrmPeriodMixin(models.AbstractModel):
    _name = "crm.period.mixin"
    _description = "Named Periods on the Company's Clock"
    #: the field the periods bound: a Datetime (naive UTC, bounded by the
    #: local midnights) or a Date (a local day, bounded by local dates)
    _cc_period_field = "date_start"

    cc_period = fields.Selection(PERIODS, "Period", compute="_compute_cc_period",
                                 search="_search_cc_period")

    def _compute_cc_period(self):
        for record in self:
            record.cc_period = False

    def _search_cc_period(self, operator, value):
        if operator != "=" or value not in localtime.PERIODS:
            raise UserError(_("Unsupported period filter: %s %s") % (operator, value))
        tz = self.env.user.company_id._cc_tz_name()
        name = self._cc_period_field
        if self._fields[name].type == "date":
            first, end = localtime.period_dates(tz, value, localtime.utcnow())
            return ["&", (name, ">=", fields.Date.to_string(first)),
                    (name, "<", fields.Date.to_string(end))]
        start, end = localtime.period_bounds(tz, value, localtime.utcnow())
        return ["&", (name, ">=", fields.Datetime.to_string(start)),
                (name, "<", fields.Datetime.to_string(end))]
