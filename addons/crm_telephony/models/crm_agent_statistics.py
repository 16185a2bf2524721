"""Agent time statistics (CC-15): logged-in time, talk, after-call work and
occupancy, from the agent state history the listener records. Ratios are
computed per pivot cell from the sums of the cell (an average of
per-period ratios would be wrong).

The ended periods are read from a summary per day or per hour of the call
center's clock (the company's zone), agent, department and state, kept by a
trigger on ``crm_agent_state_log`` (issue 18: 500 agents make ~1 million
periods a month; docs/PERFORMANCE.md "Ten million calls"), or from the
history itself when no summary fits the query (``statistics/grain.py``);
the open periods (one per agent at most) come from the history, up to now."""
from odoo import fields, models, tools

from ..statistics import agent_summary
from ..statistics.agent_summary import SECONDS
from .crm_statistics_groups import ratio, summed

#: the summaries' dimensions (fields one may filter or group them by)
DIMENSIONS = {"date_start", "user_id", "department_id", "company_id", "state"}
GRAINS = [("d", "day", DIMENSIONS), ("h", "hour", DIMENSIONS)]


class CrmAgentStatistics(models.Model):
    _name = "crm.agent.statistics"
    _inherit = ["crm.period.mixin", "crm.statistics.groups.mixin"]
    _CC_GRAINS = GRAINS
    _description = "Agent Time Statistics"
    _auto = False
    _order = "date_start desc"

    date_start = fields.Datetime("Date", readonly=True)
    user_id = fields.Many2one("res.users", "Agent", readonly=True)
    department_id = fields.Many2one("crm.department", "Department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection(
        lambda self: self.env["crm.agent.state.log"]._fields["state"].selection,
        readonly=True)
    logged_seconds = summed("Logged In (s)")
    available_seconds = summed(
        "Staffed (s)",
        help="Ready, ringing, in a call or in after-call work.")
    ready_seconds = summed("Ready (s)")
    paused_seconds = summed("Paused (s)")
    talk_seconds = summed("In Call (s)")
    wrapup_seconds = summed("After-Call Work (s)")
    wrapups = summed("After-Call Work Periods")
    avg_wrapup_seconds = ratio(
        "Average After-Call Work (s)",
        help="After-call work time divided by the number of after-call work periods.")
    occupancy = ratio("Occupancy (%)", help="Time in calls and after-call work over staffed time.")

    #: ratio fields: (numerator, denominator, factor), filled in per group
    _RATIOS = {
        "occupancy": ("busy_seconds", "available_seconds", 100.0),
        "avg_wrapup_seconds": ("wrapup_seconds", "wrapups", 1.0),
    }
    busy_seconds = summed()
    _RATIO_DIGITS, _RATIO_EMPTY = 1, 0.0
    #: what the groups' counts count (periods, not view rows)
    periods = summed("State Periods")
    _COUNT_FIELD = "periods"

    def _cc_create_view(self):
        agent_summary.create(self.env.cr)
        tools.drop_view_if_exists(self.env.cr, self._table)
        # pylint: disable=sql-injection  # DDL from this module's constants, no input
        self.env.cr.execute("""
            CREATE VIEW crm_agent_statistics AS (
                SELECT l.id, l.cc_grain, l.date_start, l.user_id, l.department_id, l.company_id,
                       l.state,
                       s.seconds * (l.state NOT IN ('offline', 'logged_out',
                                                    'unavailable'))::int AS logged_seconds,
                       s.seconds * (l.state IN ('ready', 'ringing', 'in_call',
                                                'wrapup'))::int AS available_seconds,
                       s.seconds * (l.state IN ('in_call', 'wrapup'))::int AS busy_seconds,
                       s.seconds * (l.state = 'ready')::int AS ready_seconds,
                       s.seconds * (l.state = 'paused')::int AS paused_seconds,
                       s.seconds * (l.state = 'in_call')::int AS talk_seconds,
                       s.seconds * (l.state = 'wrapup')::int AS wrapup_seconds,
                       l.periods * (l.state = 'wrapup')::int AS wrapups, l.periods,
                       0.0 AS avg_wrapup_seconds, 0.0 AS occupancy
                  FROM (SELECT id, 'h' AS cc_grain, hour AS date_start, user_id,
                               NULLIF(department_id, 0) AS department_id, company_id, state,
                               seconds, periods
                          FROM crm_agent_state_summary WHERE periods <> 0
                        UNION ALL
                        -- ids past the hours' and the history's (no clash)
                        SELECT id + 1000000000000, 'd', day, user_id,
                               NULLIF(department_id, 0), company_id, state, seconds, periods
                          FROM crm_agent_state_summary_day WHERE periods <> 0
                        UNION ALL
                        -- ended periods one by one (negative ids: no clash)
                        SELECT -r.id, 'r', r.date_start, r.user_id, r.department_id,
                               r.company_id, r.state, ({seconds})::bigint, 1
                          FROM crm_agent_state_log r
                         WHERE r.date_end IS NOT NULL AND r.user_id IS NOT NULL
                        UNION ALL
                        -- open periods, up to now
                        SELECT -id, 'o', date_start, user_id, department_id, company_id, state,
                               GREATEST(0, EXTRACT(epoch FROM (now() at time zone 'UTC')
                                                    - date_start))::bigint, 1
                          FROM crm_agent_state_log
                         WHERE date_end IS NULL AND user_id IS NOT NULL) l,
                       LATERAL (SELECT l.seconds) s (seconds)
            )""".format(seconds=SECONDS))

    def _cc_rebuild_summary(self):
        """Both summaries again from the history."""
        agent_summary.rebuild(self.env.cr)
