"""Agent time statistics (CC-15): logged-in time, talk, after-call work and
occupancy, from the agent state history the listener records. Ratios are
computed per pivot cell from the sums of the cell (an average of
per-period ratios would be wrong).

The ended periods are read from a summary per day or per hour of the call
center's clock (the company's zone), agent, department and state, kept by a
trigger on ``crm_agent_state_log`` (issue 18: 500 agents make ~1 million
periods a month; docs/PERFORMANCE.md "Ten million calls"), or from the
history itself when no summary fits the query (``crm_statistics_grain``);
the open periods (one per agent at most) come from the history, up to now."""
from odoo import fields, models, tools

from odoo.addons.crm_callcenter import localtime

#: a period's hour: the hour of its start on the company's clock, in UTC
HOUR = """((date_trunc('hour', (r.date_start AT TIME ZONE 'UTC') AT TIME ZONE z.tz)
            AT TIME ZONE z.tz) AT TIME ZONE 'UTC')"""
#: a period's day: the local midnight starting the day of its start, in UTC
DAY = HOUR.replace("'hour'", "'day'")
#: the periods' seconds (the listener's duration, else from the bounds)
SECONDS = """COALESCE(r.duration, GREATEST(0, EXTRACT(epoch FROM
             r.date_end - r.date_start))::int)"""
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
    logged_seconds = fields.Integer("Logged In (s)", readonly=True, group_operator="sum")
    available_seconds = fields.Integer(
        "Staffed (s)", readonly=True, group_operator="sum",
        help="Ready, ringing, in a call or in after-call work.")
    ready_seconds = fields.Integer("Ready (s)", readonly=True, group_operator="sum")
    paused_seconds = fields.Integer("Paused (s)", readonly=True, group_operator="sum")
    talk_seconds = fields.Integer("In Call (s)", readonly=True, group_operator="sum")
    wrapup_seconds = fields.Integer("After-Call Work (s)", readonly=True,
                                    group_operator="sum")
    wrapups = fields.Integer("After-Call Work Periods", readonly=True, group_operator="sum")
    avg_wrapup_seconds = fields.Float(
        "Average After-Call Work (s)", readonly=True, group_operator="sum",
        help="After-call work time divided by the number of after-call work periods.")
    occupancy = fields.Float(
        "Occupancy (%)", readonly=True, group_operator="sum",
        help="Time in calls and after-call work over staffed time.")

    #: ratio fields: (numerator, denominator, factor), filled in per group
    _RATIOS = {
        "occupancy": ("busy_seconds", "available_seconds", 100.0),
        "avg_wrapup_seconds": ("wrapup_seconds", "wrapups", 1.0),
    }
    busy_seconds = fields.Integer(readonly=True, group_operator="sum")
    _RATIO_DIGITS, _RATIO_EMPTY = 1, 0.0
    #: what the groups' counts count (periods, not view rows)
    periods = fields.Integer("State Periods", readonly=True, group_operator="sum")
    _COUNT_FIELD = "periods"

    def init(self):
        # the summary reads res_company.cc_tz, which this add-on adds: create
        # it once every model of the add-on has its columns
        self.pool.post_init(self._cc_create_view)

    def _cc_create_view(self):
        self._cc_create_summary()
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

    def _cc_create_summary(self):
        """The summaries (per local hour and per local day), their trigger on
        crm_agent_state_log, and their content when new."""
        cr = self.env.cr
        cr.execute("SELECT to_regclass('crm_agent_state_summary_day') IS NULL")
        new_day = cr.fetchone()[0]
        cr.execute("""
            CREATE TABLE IF NOT EXISTS crm_agent_state_summary (
                id serial PRIMARY KEY, hour timestamp NOT NULL, user_id integer NOT NULL,
                department_id integer NOT NULL, company_id integer NOT NULL,
                state varchar NOT NULL, seconds bigint NOT NULL DEFAULT 0,
                periods integer NOT NULL DEFAULT 0);
            CREATE UNIQUE INDEX IF NOT EXISTS crm_agent_state_summary_key
                ON crm_agent_state_summary (hour, user_id, department_id, company_id, state);
            CREATE TABLE IF NOT EXISTS crm_agent_state_summary_day (
                id serial PRIMARY KEY, day timestamp NOT NULL, user_id integer NOT NULL,
                department_id integer NOT NULL, company_id integer NOT NULL,
                state varchar NOT NULL, seconds bigint NOT NULL DEFAULT 0,
                periods integer NOT NULL DEFAULT 0);
            CREATE UNIQUE INDEX IF NOT EXISTS crm_agent_state_summary_day_key
                ON crm_agent_state_summary_day (day, user_id, department_id, company_id, state)
        """)
        zone = """(SELECT COALESCE(c.cc_tz, %s) AS tz FROM res_company c
                    WHERE c.id = r.company_id) z"""
        upsert = """
                INSERT INTO {table} AS s
                       ({bucket}, user_id, department_id, company_id, state, seconds, periods)
                SELECT {expr}, r.user_id, COALESCE(r.department_id, 0), r.company_id, r.state,
                       sign * {seconds}, sign
                  FROM {zone}
                ON CONFLICT ({bucket}, user_id, department_id, company_id, state) DO UPDATE
                   SET seconds = s.seconds + EXCLUDED.seconds,
                       periods = s.periods + EXCLUDED.periods;"""
        hours = upsert.format(table="crm_agent_state_summary", bucket="hour", expr=HOUR,
                              seconds=SECONDS, zone=zone)
        days = upsert.format(table="crm_agent_state_summary_day", bucket="day", expr=DAY,
                             seconds=SECONDS, zone=zone)
        cr.execute("""
            CREATE OR REPLACE FUNCTION crm_agent_state_summary_add(
                r crm_agent_state_log, sign integer)
            RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF r.date_end IS NULL OR r.user_id IS NULL THEN
                    RETURN;
                END IF;
                {hours}
                {days}
            END $$""".format(hours=hours, days=days),
                   (localtime.DEFAULT_TZ, localtime.DEFAULT_TZ))
        cr.execute("""
            CREATE OR REPLACE FUNCTION crm_agent_state_summary_trigger() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    PERFORM crm_agent_state_summary_add(OLD, -1);
                END IF;
                IF TG_OP IN ('UPDATE', 'INSERT') THEN
                    PERFORM crm_agent_state_summary_add(NEW, 1);
                END IF;
                RETURN NULL;
            END $$""")
        cr.execute("SELECT 1 FROM pg_trigger WHERE tgname = 'crm_agent_state_summary_update'")
        if cr.fetchone():
            if new_day:
                self._cc_fill_days()
            return
        watched = ("user_id", "department_id", "company_id", "state", "date_start",
                   "date_end", "duration")
        # pylint: disable=sql-injection  # DDL from this module's constants, no input
        cr.execute("""
            CREATE TRIGGER crm_agent_state_summary_insert_delete
                AFTER INSERT OR DELETE ON crm_agent_state_log
                FOR EACH ROW EXECUTE PROCEDURE crm_agent_state_summary_trigger();
            CREATE TRIGGER crm_agent_state_summary_update AFTER UPDATE ON crm_agent_state_log
                FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new}))
                EXECUTE PROCEDURE crm_agent_state_summary_trigger()""".format(
            old=", ".join("OLD.%s" % name for name in watched),
            new=", ".join("NEW.%s" % name for name in watched)))
        self._cc_rebuild_summary()

    def _cc_rebuild_summary(self):
        """Both summaries again from the history (any time: in one
        transaction, which the trigger's own updates wait for)."""
        cr = self.env.cr
        cr.execute("""
            LOCK TABLE crm_agent_state_summary, crm_agent_state_summary_day IN EXCLUSIVE MODE;
            SET LOCAL work_mem = '256MB';
            TRUNCATE crm_agent_state_summary;
            INSERT INTO crm_agent_state_summary
                   (hour, user_id, department_id, company_id, state, seconds, periods)
            SELECT {hour}, r.user_id, COALESCE(r.department_id, 0), r.company_id, r.state,
                   sum({seconds}), count(*)
              FROM crm_agent_state_log r
              JOIN (SELECT id, COALESCE(cc_tz, %s) AS tz FROM res_company) z
                ON z.id = r.company_id
             WHERE r.date_end IS NOT NULL AND r.user_id IS NOT NULL
             GROUP BY 1, 2, 3, 4, 5
             ORDER BY 1;  -- a period's rows together on disk (as the trigger adds them)
            ANALYZE crm_agent_state_summary""".format(hour=HOUR, seconds=SECONDS),
                   (localtime.DEFAULT_TZ,))
        self._cc_fill_days()

    def _cc_fill_days(self):
        """The day summary from the hour summary (local hours make local days)."""
        self.env.cr.execute("""
            TRUNCATE crm_agent_state_summary_day;
            INSERT INTO crm_agent_state_summary_day
                   (day, user_id, department_id, company_id, state, seconds, periods)
            SELECT {day}, r.user_id, r.department_id, r.company_id, r.state,
                   sum(r.seconds), sum(r.periods)
              FROM (SELECT hour AS date_start, * FROM crm_agent_state_summary) r
              JOIN (SELECT id, COALESCE(cc_tz, %s) AS tz FROM res_company) z
                ON z.id = r.company_id
             GROUP BY 1, 2, 3, 4, 5
             ORDER BY 1;  -- a period's rows together on disk (as the trigger adds them)
            ANALYZE crm_agent_state_summary_day""".format(day=DAY), (localtime.DEFAULT_TZ,))
