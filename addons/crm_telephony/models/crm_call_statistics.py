"""Call statistics (CC-15) as a SQL view over the finished calls and their
summaries (``statistics/call_summary.py``: per local hour without agent, per local
day with agent; ``statistics/grain.py`` picks the coarsest that answers a
query exactly). Every figure is a sum, or a ratio of two sums computed per
group (rates, averages: the speed of answer skips unanswered calls), so the
figures are the same from the calls and from the summaries."""
from odoo import fields, models, tools

from ..constants import SERVICE_LEVEL_SECONDS
from ..statistics import call_summary
from .crm_call import DIRECTIONS, RESULTS
from .crm_statistics_groups import ratio, summed

#: the summaries' dimensions (what one may filter or group them by)
HOUR_DIMENSIONS = {"date_start", "hour", "direction", "result", "queue", "company_id"}
DAY_DIMENSIONS = {"date_start", "direction", "result", "queue", "company_id", "user_id",
                  "department_id"}
GRAINS = [("d", "day", DAY_DIMENSIONS), ("h", "hour", HOUR_DIMENSIONS)]


class CrmCallStatistics(models.Model):
    _name = "crm.call.statistics"
    _inherit = ["crm.period.mixin", "crm.statistics.groups.mixin"]
    _CC_GRAINS = GRAINS
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
    calls = summed("Offered")
    answered = summed()
    abandoned = summed()
    outbound = summed()
    answer_rate = ratio("Answer Rate (%)")
    abandon_rate = ratio("Abandon Rate (%)")
    talk_seconds = summed("Total Talk (s)")
    avg_talk_seconds = ratio("Average Talk (s)")
    speed_of_answer = ratio("Average Speed of Answer (s)")
    satisfaction = ratio("Satisfaction (1-5)")
    within_service_level = ratio(
        "Service Level (%)",
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
    answered_talk_seconds = summed("Talk of Answered Calls (s)")
    answered_talks = summed("Answered Calls with Talk Time")
    answer_wait_seconds = summed("Wait of Answered Inbound Calls (s)")
    answer_waits = summed("Answered Inbound Calls with Wait")
    inbound = summed("Inbound Calls")
    within_20 = summed("Answered within 20 s")
    satisfaction_sum = summed("Satisfaction Points")
    rated = summed("Rated Calls")

    def _cc_create_view(self):
        call_summary.create(self.env.cr)
        tools.drop_view_if_exists(self.env.cr, self._table)
        counters = [name for name, _sql in call_summary.COUNTERS]
        sums = ", ".join("s.%s" % name for name in counters)
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
                            WHEN r.date_answer IS NOT NULL
                                 AND r.wait_seconds <= {service_level_seconds}
                            THEN 100.0 ELSE 0 END AS within_service_level,
                       r.satisfaction::float AS satisfaction
                  FROM crm_call r
                  LEFT JOIN res_company co ON co.id = r.company_id
                 WHERE r.state = 'done'
                UNION ALL
                -- ids past the calls' (no clash)
                SELECT s.id + 1000000000000, 'h', s.hour, s.local_hour, s.direction,
                       s.result, s.queue, NULL, NULL, NULL, s.company_id, {sums},
                       0.0, 0.0, NULL, NULL, NULL, NULL
                  FROM crm_call_summary_hour s WHERE s.calls <> 0
                UNION ALL
                SELECT s.id + 2000000000000, 'd', s.day, NULL, s.direction, s.result,
                       s.queue, s.user_id, s.department_id, NULL, s.company_id, {sums},
                       0.0, 0.0, NULL, NULL, NULL, NULL
                  FROM crm_call_summary_day s WHERE s.calls <> 0
            )""".format(
            counters=", ".join("(%s) AS %s" % (sql, name)
                               for name, sql in call_summary.COUNTERS),
            sums=sums, service_level_seconds=int(SERVICE_LEVEL_SECONDS)))

    def _cc_rebuild_summary(self):
        """The summaries again from the calls."""
        call_summary.rebuild(self.env.cr)
