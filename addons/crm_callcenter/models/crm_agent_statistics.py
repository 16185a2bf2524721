"""Agent time statistics (CC-15): logged-in time, talk, after-call work and
occupancy, from the agent state history the listener records. A SQL view
of state periods; ratios are computed per pivot cell from the sums of the
cell (an average of per-period ratios would be wrong)."""
from odoo import api, fields, models, tools


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

    def init(self):
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
                       (l.state = 'wrapup')::int AS wrapups,
                       0.0 AS avg_wrapup_seconds, 0.0 AS occupancy
                  FROM crm_agent_state_log l,
                       LATERAL (SELECT COALESCE(l.duration, GREATEST(0, EXTRACT(epoch FROM
                                    (now() at time zone 'UTC') - l.date_start))::int)
                                    AS seconds) s
                 WHERE l.user_id IS NOT NULL
            )""")

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        wanted = [name for name in self._RATIOS
                  if not fields or any(f.split(":")[0] == name for f in fields)]
        fields = list(fields or [])
        for name in wanted:
            fields += [part for part in self._RATIOS[name][:2] if part not in fields]
        result = super().read_group(domain, fields, groupby, offset=offset, limit=limit,
                                    orderby=orderby, lazy=lazy)
        for line in result:
            for name in wanted:
                numerator, denominator, factor = self._RATIOS[name]
                total = line.get(denominator) or 0
                line[name] = round(factor * (line.get(numerator) or 0) / total, 1) \
                    if total else 0.0
        return result
