"""CC-15: the service-centre statistics of a period as a printable PDF.
The figures come from the ``crm.call.statistics`` SQL view, grouped in
PostgreSQL and read as the user (Supervisors print their department's)."""
import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MEASURES = ("calls", "answered", "abandoned", "outbound", "answer_rate", "abandon_rate",
            "talk_seconds", "avg_talk_seconds", "speed_of_answer", "within_service_level",
            "satisfaction")
GROUPINGS = {
    "day": "date_start:day",
    "month": "date_start:month",
    "agent": "user_id",
    "department": "department_id",
    "queue": "queue",
    "direction": "direction",
}


class CrmCallStatisticsPrint(models.TransientModel):
    _name = "crm.call.statistics.print"
    _description = "Print Call Statistics"

    date_from = fields.Date(
        "From", required=True,
        default=lambda self: fields.Date.context_today(self)[:8] + "01")
    date_to = fields.Date("To", required=True, default=fields.Date.context_today)
    group_by = fields.Selection([
        ("day", "Day"), ("month", "Month"), ("agent", "Agent"), ("department", "Department"),
        ("queue", "Queue"), ("direction", "Direction"),
    ], required=True, default="day")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(_("The period must end after it starts."))

    @api.multi
    def action_print(self):
        self.ensure_one()
        return self.env.ref("crm_callcenter.crm_call_statistics_report").report_action(self)

    def _cc_period_domain(self):
        """Calls that started within the period, days in the user's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "UTC")

        def utc(day):
            local = tz.localize(datetime.datetime.combine(
                fields.Date.from_string(day), datetime.time()))
            return fields.Datetime.to_string(local.astimezone(pytz.utc))

        end = fields.Date.to_string(
            fields.Date.from_string(self.date_to) + datetime.timedelta(days=1))
        return [("date_start", ">=", utc(self.date_from)), ("date_start", "<", utc(end))]

    def _cc_report_data(self):
        """{"rows": [{label, measures...}], "total": {...}} as the user reads them."""
        self.ensure_one()
        Stats = self.env["crm.call.statistics"]
        domain = self._cc_period_domain()
        groupby = GROUPINGS[self.group_by]
        field_name = groupby.split(":")[0]
        rows = []
        for group in Stats.read_group(domain, list(MEASURES) + [field_name], [groupby],
                                      lazy=False):
            value = group[groupby]
            if isinstance(value, (list, tuple)):
                value = value[1]
            elif field_name == "direction":
                value = dict(Stats._fields["direction"]._description_selection(
                    self.env)).get(value, value)
            rows.append(dict({m: group[m] for m in MEASURES},
                             label=value or _("(none)")))
        total = Stats.read_group(domain, list(MEASURES), [], lazy=False)
        return {"rows": rows,
                "total": {m: (total[0][m] if total else 0) or 0 for m in MEASURES}}
