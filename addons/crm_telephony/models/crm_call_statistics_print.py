"""CC-15: the service-centre statistics of a period as a printable PDF.
The figures come from the ``crm.call.statistics`` SQL view, grouped in
PostgreSQL and read as the user (Supervisors print their department's)."""


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
        default=lambda self: self.env.user.company_id._cc_today()[:8] + "01")
    date_to = fields.Date("To", required=True,
                          default=lambda self: self.env.user.company_id._cc_today())
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
        return self.env.ref("crm_telephony.crm_call_statistics_report").report_action(self)

    def _cc_period_domain(self):
        """Calls that started within the period, days on the call center's
        clock (the company's time zone)."""
        self.ensure_one()
        company = self.env.user.company_id
        start = company._cc_day_bounds(self.date_from)[0]
        end = company._cc_day_bounds(self.date_to)[1]
        return [("date_start", ">=", start), ("date_start", "<", end)]

    def _cc_report_data(self):
        """{"rows": [{label, measures...}], "total": {...}} as the user reads them."""
        self.ensure_one()
        # days and months of the call center's clock, not the reader's
        Stats = self.env["crm.call.statistics"].with_context(
            tz=self.env.user.company_id._cc_tz_name())
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
