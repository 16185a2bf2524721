"""Agent time statistics (CC-15): logged-in time, talk, after-call work and
occupancy, from the agent state history the listener records. Ratios are
computed per pivot cell from the sums of the cell (an average of
per-period ratios would be wrong).

The ended periods are read from a summary per hour of the call center's
clock (the company's zone), agent, department and state, kept by a trigger
on ``crm_agent_state_log`` (issue 18: 500 agents make ~1 million periods a
month; docs/PERFORMANCE.md "Ten million calls"); the open periods (one per
agent at most) are added from the history itself, up to now."""
from odoo import api, fields, models, tools

from .. import localtime
from .crm_call_statistics import read_group_sorted

#: a period's hour: the hour of its start on the company's clock, in UTC
HOUR = """((date_trunc('hour', (r.date_start AT TIME ZONE 'UTC') AT TIME ZONE z.tz)
            AT TIME ZONE z.tz) AT TIME ZONE 'UTC')"""


class CrmAgentStatistics(models.Model):
    _name = "crm.agent.statistics"
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

    def init(self):
        # the summary reads res_company.cc_tz, which this add-on adds: create
        # it once every model of the add-on has its columns
        self.pool.post_init(self._cc_create_view)

    def _cc_create_view(self):
        self._cc_create_summary()
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW crm_agent_statistics AS (
                SELECT l.id, l.date_start, l.user_id, l.department_id, l.company_id, l.state,
                       s.seconds * (l.state NOT IN ('offline', 'logged_out',
                                                    'unavailable'))::int AS logged_seconds,
                       s.seconds * (l.state IN ('ready', 'ringing', 'in_call',
                                                'wrapup'))::int AS available_seconds,
                       s.seconds * (l.state IN ('in_call', 'wrapup'))::int AS busy_seconds,
                       s.seconds * (l.state = 'ready')::int AS ready_seconds,
                       s.seconds * (l.state = 'paused')::int AS paused_seconds,
                       s.seconds * (l.state = 'in_call')::int AS talk_seconds,
                       s.seconds * (l.state = 'wrapup')::int AS wrapup_seconds,
                       l.periods * (l.state = 'wrapup')::int AS wrapups,
                       0.0 AS avg_wrapup_seconds, 0.0 AS occupancy
                  FROM (SELECT id, hour AS date_start, user_id, NULLIF(department_id, 0)
                               AS department_id, company_id, state, seconds, periods
                          FROM crm_agent_state_summary WHERE periods <> 0
                        UNION ALL
                        -- open periods, up to now (negative ids: no clash)
                        SELECT -id, date_start, user_id, department_id, company_id, state,
                               GREATEST(0, EXTRACT(epoch FROM (now() at time zone 'UTC')
                                                    - date_start))::bigint, 1
                          FROM crm_agent_state_log
                         WHERE date_end IS NULL AND user_id IS NOT NULL) l,
                       LATERAL (SELECT l.seconds) s (seconds)
            )""")

    def _cc_create_summary(self):
        """The summary table, its trigger on crm_agent_state_log, and its
        content when the trigger is new."""
        cr = self.env.cr
        cr.execute("""
            CREATE TABLE IF NOT EXISTS crm_agent_state_summary (
                id serial PRIMARY KEY, hour timestamp NOT NULL, user_id integer NOT NULL,
                department_id integer NOT NULL, company_id integer NOT NULL,
                state varchar NOT NULL, seconds bigint NOT NULL DEFAULT 0,
                periods integer NOT NULL DEFAULT 0);
            CREATE UNIQUE INDEX IF NOT EXISTS crm_agent_state_summary_key
                ON crm_agent_state_summary (hour, user_id, department_id, company_id, state)""")
        zone = """(SELECT COALESCE(c.cc_tz, %s) AS tz FROM res_company c
                    WHERE c.id = r.company_id) z"""
        cr.execute("""
            CREATE OR REPLACE FUNCTION crm_agent_state_summary_add(
                r crm_agent_state_log, sign integer)
            RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF r.date_end IS NULL OR r.user_id IS NULL THEN
                    RETURN;
                END IF;
                INSERT INTO crm_agent_state_summary AS s
                       (hour, user_id, department_id, company_id, state, seconds, periods)
                SELECT {hour}, r.user_id, COALESCE(r.department_id, 0), r.company_id, r.state,
                       sign * COALESCE(r.duration, GREATEST(0, EXTRACT(epoch FROM
                                       r.date_end - r.date_start))::int), sign
                  FROM {zone}
                ON CONFLICT (hour, user_id, department_id, company_id, state) DO UPDATE
                   SET seconds = s.seconds + EXCLUDED.seconds,
                       periods = s.periods + EXCLUDED.periods;
            END $$""".format(hour=HOUR, zone=zone), (localtime.DEFAULT_TZ,))
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
            return
        watched = ("user_id", "department_id", "company_id", "state", "date_start",
                   "date_end", "duration")
        cr.execute("""
            CREATE TRIGGER crm_agent_state_summary_insert_delete
                AFTER INSERT OR DELETE ON crm_agent_state_log
                FOR EACH ROW EXECUTE PROCEDURE crm_agent_state_summary_trigger();
            CREATE TRIGGER crm_agent_state_summary_update AFTER UPDATE ON crm_agent_state_log
                FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new}))
                EXECUTE PROCEDURE crm_agent_state_summary_trigger();
            SET LOCAL work_mem = '256MB';
            TRUNCATE crm_agent_state_summary;
            INSERT INTO crm_agent_state_summary
                   (hour, user_id, department_id, company_id, state, seconds, periods)
            SELECT {hour}, r.user_id, COALESCE(r.department_id, 0), r.company_id, r.state,
                   sum(COALESCE(r.duration, GREATEST(0, EXTRACT(epoch FROM
                       r.date_end - r.date_start))::int)), count(*)
              FROM crm_agent_state_log r
              JOIN (SELECT id, COALESCE(cc_tz, %s) AS tz FROM res_company) z
                ON z.id = r.company_id
             WHERE r.date_end IS NOT NULL AND r.user_id IS NOT NULL
             GROUP BY 1, 2, 3, 4, 5;
            ANALYZE crm_agent_state_summary""".format(
            old=", ".join("OLD.%s" % name for name in watched),
            new=", ".join("NEW.%s" % name for name in watched), hour=HOUR),
                   (localtime.DEFAULT_TZ,))

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        # the groups' names without reading every column of 500 agents
        quick = super(CrmAgentStatistics, self.with_context(prefetch_fields=False))
        return read_group_sorted(self, quick.read_group, domain, fields, groupby,
                                 offset, limit, orderby, lazy)
