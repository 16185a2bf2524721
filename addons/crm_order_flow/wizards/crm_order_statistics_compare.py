from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

PERIODS = [
    ("week", "This Week"),
    ("month", "This Month"),
    ("quarter", "This Quarter"),
    ("year", "This Year"),
    ("custom", "Custom"),
]
GROUPINGS = [
    ("agent_id", "Agent"),
    ("product_id", "Product"),
    ("department_id", "Department"),
    ("day", "Day"),
    ("month", "Month"),
]


class CrmOrderStatisticsCompare(models.TransientModel):
    """Sales of a period against the previous one, per agent, product,
    department, day or month (read from the statistics table, so the
    user's record rules apply)."""

    _name = "crm.order.statistics.compare"
    _description = "Compare Sales with the Previous Period"

    period = fields.Selection(PERIODS, required=True, default="month")
    date_from = fields.Date("From", required=True)
    date_to = fields.Date("To", required=True,
                          help="Last day of the period, included.")
    previous_from = fields.Date("Previous Period From", readonly=True)
    previous_to = fields.Date("Previous Period To", readonly=True)
    group_by = fields.Selection(GROUPINGS, string="Compare per",
                                required=True, default="agent_id")
    line_ids = fields.One2many("crm.order.statistics.compare.line",
                               "compare_id", string="Comparison",
                               readonly=True)
    total_current = fields.Float("Amount", readonly=True)
    total_previous = fields.Float("Previous Amount", readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        start, end = self._period_bounds(
            values.get("period") or "month", self.env.user.company_id._cc_today())
        values.setdefault("date_from", fields.Date.to_string(start))
        values.setdefault("date_to", fields.Date.to_string(end))
        return values

    @api.model
    def _period_bounds(self, period, today):
        """(first day, last day) of the period containing ``today``."""
        if isinstance(today, str):
            today = fields.Date.from_string(today)
        if period == "week":
            start = today - relativedelta(days=today.weekday())
            return start, start + relativedelta(days=6)
        months = {"month": 1, "quarter": 3, "year": 12}.get(period, 1)
        if period == "year":
            start = today.replace(month=1, day=1)
        else:
            start = today.replace(
                day=1, month=today.month - (today.month - 1) % months)
        return start, start + relativedelta(months=months, days=-1)

    @api.onchange("period")
    def _onchange_period(self):
        if self.period != "custom":
            start, end = self._period_bounds(
                self.period, self.env.user.company_id._cc_today())
            self.date_from = fields.Date.to_string(start)
            self.date_to = fields.Date.to_string(end)

    def _previous_bounds(self, start, end):
        """The period before [start, end]: the previous calendar month,
        quarter or year, or as many days just before."""
        months = {"month": 1, "quarter": 3, "year": 12}.get(self.period)
        if months and start.day == 1 and end == start + relativedelta(
                months=months, days=-1):
            return (start - relativedelta(months=months),
                    start - relativedelta(days=1))
        length = (end - start).days + 1
        return (start - relativedelta(days=length),
                start - relativedelta(days=1))

    def _statistics_model(self, start, end):
        """Whole calendar months are read from the monthly table."""
        whole_months = start.day == 1 and (
            end + relativedelta(days=1)).day == 1
        if whole_months and self.group_by != "day":
            return self.env["crm.order.statistics.monthly"]
        return self.env["crm.order.statistics"]

    def _totals(self, start, end):
        """{key: (quantity, amount, label)} for the days [start, end]."""
        Stats = self._statistics_model(start, end)
        domain = [("date", ">=", fields.Date.to_string(start)),
                  ("date", "<=", fields.Date.to_string(end))]
        result = {}
        if self.group_by in ("day", "month"):
            groups = Stats.read_group(
                domain, ["date", "quantity", "amount"],
                ["date:%s" % self.group_by], lazy=False)
            for group in groups:
                # the group's own bound is the latest lower bound
                first = max(term[2] for term in group["__domain"]
                            if isinstance(term, (list, tuple))
                            and term[0] == "date" and term[1] == ">=")
                first = fields.Date.from_string(first)
                if self.group_by == "day":
                    key = (first - start).days
                else:
                    delta = relativedelta(first, start.replace(day=1))
                    key = delta.years * 12 + delta.months
                label = group["date:%s" % self.group_by]
                result[key] = (group["quantity"] or 0.0,
                               group["amount"] or 0.0, label)
            return result
        groups = Stats.read_group(
            domain, [self.group_by, "quantity", "amount"], [self.group_by],
            lazy=False)
        for group in groups:
            value = group[self.group_by]
            key = value[0] if value else False
            label = value[1] if value else _("Undefined")
            result[key] = (group["quantity"] or 0.0, group["amount"] or 0.0,
                           label)
        return result

    @api.multi
    def action_compare(self):
        self.ensure_one()
        start = fields.Date.from_string(self.date_from)
        end = fields.Date.from_string(self.date_to)
        if end < start:
            raise UserError(_("The period ends before it starts."))
        previous_start, previous_end = self._previous_bounds(start, end)
        current = self._totals(start, end)
        previous = self._totals(previous_start, previous_end)
        lines = [(5, 0, 0)]
        by_time = self.group_by in ("day", "month")
        if by_time:  # day or month number within the period
            ordered = sorted(set(current) | set(previous))
        else:  # biggest sellers first
            ordered = sorted(
                set(current) | set(previous),
                key=lambda k: (-(current.get(k) or (0.0, 0.0))[1],
                               -(previous.get(k) or (0.0, 0.0))[1]))
        for sequence, key in enumerate(ordered):
            now = current.get(key)
            before = previous.get(key)
            if by_time:
                label = now[2] if now else "-"
                previous_label = before[2] if before else "-"
            else:
                label, previous_label = (now or before)[2], False
            lines.append((0, 0, {
                "sequence": sequence,
                "label": label,
                "previous_label": previous_label,
                "current_quantity": now[0] if now else 0.0,
                "previous_quantity": before[0] if before else 0.0,
                "current_amount": now[1] if now else 0.0,
                "previous_amount": before[1] if before else 0.0,
            }))
        self.write({
            "previous_from": fields.Date.to_string(previous_start),
            "previous_to": fields.Date.to_string(previous_end),
            "line_ids": lines,
            "total_current": sum(v[1] for v in current.values()),
            "total_previous": sum(v[1] for v in previous.values()),
        })
        return {
            "type": "ir.actions.act_window",
            "name": _("Compare with the Previous Period"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
