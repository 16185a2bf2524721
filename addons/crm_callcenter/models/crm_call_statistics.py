"""Call statistics (CC-15) as a SQL view over the finished calls and their
summaries (``crm_call_summary``: per local hour without agent, per local
day with agent; ``crm_statistics_grain`` picks the coarsest that answers a
query exactly). Every figure is a sum, or a ratio of two sums computed per
group (rates, averages: the speed of answer skips unanswered calls), so the
figures are the same from the calls and from the summaries."""
from odoo import api, fields, models, tools

from . import crm_call_summary
from .crm_call import DIRECTIONS, RESULTS
from .crm_statistics_grain import choose_grain, restrict
from .crm_statistics_groups import memo

#: the summaries' dimensions (what one may filter or group them by)
HOUR_DIMENSIONS = {"date_start", "hour", "direction", "result", "queue", "company_id"}
DAY_DIMENSIONS = {"date_start", "direction", "result", "queue", "company_id", "user_id",
                  "department_id"}
GRAINS = [("d", "day", DAY_DIMENSIONS), ("h", "hour", HOUR_DIMENSIONS)]


class CrmCallStatistics(models.Model):
    _name = "crm.call.statistics"
    _inherit = ["crm.period.mixin", "crm.statistics.groups.mixin"]
    _description = "Call Statistics"
    _auto = False
    _order = "date_start desc"

    date_start = fields.Datetime("Date", readonly=True)
    hour = fields.Integer("Hour of Day", readonly=True, group_operator=False)
    direction = fields.Selection(DIRECTIONS, readonly=True)
    result = fields.Selection(RESULTS, readonly=True)
    queue = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", "Agent", readonly=True)
    department_id = fields.Many2one("crm.department", "Department", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    calls = fields.Integer("Offered", readonly=True, group_operator="sum")
    answered = fields.Integer(readonly=True, group_operator="sum")
    abandoned = fields.Integer(readonly=True, group_operator="sum")
    outbound = fields.Integer(readonly=True, group_operator="sum")
    answer_rate = fields.Float("Answer Rate (%)", readonly=True, group_operator="sum")
    abandon_rate = fields.Float("Abandon Rate (%)", readonly=True, group_operator="sum")
    talk_seconds = fields.Integer("Total Talk (s)", readonly=True, group_operator="sum")
    avg_talk_seconds = fields.Float("Average Talk (s)", readonly=True, group_operator="sum")
    speed_of_answer = fields.Float("Average Speed of Answer (s)", readonly=True,
                                   group_operator="sum")
    satisfaction = fields.Float("Satisfaction (1-5)", readonly=True, group_operator="sum")
    within_service_level = fields.Float(
        "Service Level (%)", readonly=True, group_operator="sum",
        help="Share of inbound calls answered within 20 seconds.")

    #: ratio fields: (numerator, denominator, factor), filled in per group
    _RATIOS = {
        "answer_rate": ("answered", "calls", 100.0),
        "abandon_rate": ("abandoned", "calls", 100.0),
        "avg_talk_seconds": ("answered_talk_seconds", "answered_talks", 1.0),
        "speed_of_answer": ("answer_wait_seconds", "answer_waits", 1.0),
        "within_service_level": ("within_20", "inbound", 100.0),
        "satisfaction": ("satisfaction_sum", "rated", 1.0),
    }
    _RATIO_DIGITS, _RATIO_EMPTY = None, False
    #: what the groups' counts count (calls, not view rows)
    _COUNT_FIELD = "calls"
    answered_talk_seconds = fields.Integer("Talk of Answered Calls (s)", readonly=True,
                                           group_operator="sum")
    answered_talks = fields.Integer("Answered Calls with Talk Time", readonly=True,
                                    group_operator="sum")
    answer_wait_seconds = fields.Integer("Wait of Answered Inbound Calls (s)", readonly=True,
                                         group_operator="sum")
    answer_waits = fields.Integer("Answered Inbound Calls with Wait", readonly=True,
                                  group_operator="sum")
    inbound = fields.Integer("Inbound Calls", readonly=True, group_operator="sum")
    within_20 = fields.Integer("Answered within 20 s", readonly=True, group_operator="sum")
    satisfaction_sum = fields.Integer("Satisfaction Points", readonly=True, group_operator="sum")
    rated = fields.Integer("Rated Calls", readonly=True, group_operator="sum")

    def init(self):
        # the view reads res_company.cc_tz, which this add-on adds: create it
        # once every model of the add-on has its columns
        self.pool.post_init(self._cc_create_view)

    def _cc_create_view(self):
        crm_call_summary.create(self.env.cr)
        tools.drop_view_if_exists(self.env.cr, self._table)
        counters = [name for name, _sql in crm_call_summary.COUNTERS]
        summed = ", ".join("s.%s" % name for name in counters)
        # pylint: disable=sql-injection  # DDL from this module's constants, no input
        self.env.cr.execute("""
            CREATE VIEW crm_call_statistics AS (
                SELECT r.id, 'r' AS cc_grain, r.date_start,
                       -- the hour on the call center's clock (its company's zone)
                       EXTRACT(hour FROM (r.date_start AT TIME ZONE 'UTC')
                                         AT TIME ZONE COALESCE(co.cc_tz, 'UTC'))::int AS hour,
                       r.direction, r.result, r.queue, r.user_id, r.department_id,
                       r.partner_id, r.company_id,
                       {counters},
                       -- a row's own rates (read_group computes them from the sums)
                       CASE WHEN r.date_answer IS NOT NULL THEN 100.0 ELSE 0 END
                           AS answer_rate,
                       CASE WHEN r.result = 'abandoned' THEN 100.0 ELSE 0 END
                           AS abandon_rate,
                       CASE WHEN r.date_answer IS NOT NULL THEN r.talk_seconds END
                           AS avg_talk_seconds,
                       CASE WHEN r.date_answer IS NOT NULL AND r.direction = 'inbound'
                            THEN r.wait_seconds END AS speed_of_answer,
                       CASE WHEN r.direction <> 'inbound' THEN NULL
                            WHEN r.date_answer IS NOT NULL AND r.wait_seconds <= 20
                            THEN 100.0 ELSE 0 END AS within_service_level,
                       r.satisfaction::float AS satisfaction
                  FROM crm_call r
                  LEFT JOIN res_company co ON co.id = r.company_id
                 WHERE r.state = 'done'
                UNION ALL
                -- ids past the calls' (no clash)
                SELECT s.id + 1000000000000, 'h', s.hour, s.local_hour, s.direction,
                       s.result, s.queue, NULL, NULL, NULL, s.company_id, {summed},
                       0.0, 0.0, NULL, NULL, NULL, NULL
                  FROM crm_call_summary_hour s WHERE s.calls <> 0
                UNION ALL
                SELECT s.id + 2000000000000, 'd', s.day, NULL, s.direction, s.result,
                       s.queue, s.user_id, s.department_id, NULL, s.company_id, {summed},
                       0.0, 0.0, NULL, NULL, NULL, NULL
                  FROM crm_call_summary_day s WHERE s.calls <> 0
            )""".format(
            counters=", ".join("(%s) AS %s" % (sql, name)
                               for name, sql in crm_call_summary.COUNTERS),
            summed=summed))

    def _cc_rebuild_summary(self):
        """The summaries again from the calls."""
        crm_call_summary.rebuild(self.env.cr)

    @api.model
    def _where_calc(self, domain, active_test=True):
        # also called for the record rules' domains: the grain is the query's
        # (chosen by _search or read_group), not the rule's
        query = super(CrmCallStatistics, self)._where_calc(domain, active_test)
        grain = self.env.context.get("cc_grain")
        return restrict(self, query, grain) if grain else query

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        grain = self.env.context.get("cc_grain") or choose_grain(self, args, [], GRAINS)
        return super(CrmCallStatistics, self.with_context(cc_grain=grain))._search(
            args, offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        grain = self.env.context.get("cc_grain") or choose_grain(self, domain, groupby,
                                                                 GRAINS)
        # the groups' names without reading every column of 500 agents
        quick = super(CrmCallStatistics, self.with_context(prefetch_fields=False,
                                                           cc_grain=grain))
        with memo(self.env):
            return read_group_sorted(self, quick.read_group, domain, fields, groupby,
                                     offset, limit, orderby, lazy)


def read_group_sorted(model, super_read_group, domain, fields, groupby, offset, limit,
                      orderby, lazy):
    """read_group with ``model._RATIOS`` (if any) computed from each group's
    sums, and many2one groups sorted by name here rather than in SQL: without an
    order, Odoo joins the related model (res_users and res_partner for an
    agent) to every row to sort by its name."""
    ratios = getattr(model, "_RATIOS", {})
    wanted = [name for name in ratios
              if not fields or any(f.split(":")[0] == name for f in fields)]
    fields = list(fields or [])
    # a summary row stands for many rows: the groups' counts are sums
    counted = getattr(model, "_COUNT_FIELD", None)
    if counted and counted not in fields:
        fields.append(counted)
    for name in wanted:
        fields += [part for part in ratios[name][:2] if part not in fields]
    groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
    effective = groupbys[:1] if lazy else groupbys
    # a date group's value is a label: those keep the SQL order
    by_name = (effective and not orderby and not offset and not limit
               and all(":" not in g and model._fields[g].type != "datetime" for g in effective)
               and any(model._fields[g].type == "many2one" for g in effective))
    result = super_read_group(domain, fields, groupby, offset=offset, limit=limit,
                              orderby="id" if by_name else orderby, lazy=lazy)
    for line in result:
        if counted:
            for key in line:
                if key == "__count" or key.endswith("_count"):
                    line[key] = int(line.get(counted) or 0)
        for name in wanted:
            numerator, denominator, factor = ratios[name]
            total = line.get(denominator) or 0
            if not total:
                line[name] = model._RATIO_EMPTY
                continue
            line[name] = factor * (line.get(numerator) or 0) / total
            if model._RATIO_DIGITS is not None:
                line[name] = round(line[name], model._RATIO_DIGITS)
    if by_name:
        names = [g.split(":")[0] for g in effective]

        def key(line):
            parts = []
            for g, name in zip(effective, names):
                value = line.get(g if ":" in g else name)
                if isinstance(value, (list, tuple)):
                    value = value[1] or ""
                missing = value is False or value is None
                parts.append((missing, "" if missing else value))
            return parts
        result.sort(key=key)
    return result
