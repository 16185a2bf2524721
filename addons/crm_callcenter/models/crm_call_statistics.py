"""Call statistics (CC-15) as a SQL view over the call records: every
figure is a sum or an average the pivot and graph views compute in
PostgreSQL (rates are averages of 0/100 columns, the speed of answer an
average that skips unanswered calls)."""
from odoo import api, fields, models, tools

from .crm_call import DIRECTIONS, RESULTS


class CrmCallStatistics(models.Model):
    _name = "crm.call.statistics"
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
    answer_rate = fields.Float("Answer Rate (%)", readonly=True, group_operator="avg")
    abandon_rate = fields.Float("Abandon Rate (%)", readonly=True, group_operator="avg")
    talk_seconds = fields.Integer("Total Talk (s)", readonly=True, group_operator="sum")
    avg_talk_seconds = fields.Float("Average Talk (s)", readonly=True, group_operator="avg")
    speed_of_answer = fields.Float("Average Speed of Answer (s)", readonly=True,
                                   group_operator="avg")
    satisfaction = fields.Float("Satisfaction (1-5)", readonly=True, group_operator="avg")
    within_service_level = fields.Float(
        "Service Level (%)", readonly=True, group_operator="avg",
        help="Share of inbound calls answered within 20 seconds.")

    def init(self):
        # the view reads res_company.cc_tz, which this add-on adds: create it
        # once every model of the add-on has its columns
        self.pool.post_init(self._cc_create_view)

    def _cc_create_view(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW crm_call_statistics AS (
                SELECT c.id, c.date_start,
                       -- the hour on the call center's clock (its company's zone)
                       EXTRACT(hour FROM (c.date_start AT TIME ZONE 'UTC')
                                         AT TIME ZONE COALESCE(co.cc_tz, 'UTC'))::int AS hour,
                       c.direction, c.result, c.queue, c.user_id, c.department_id,
                       c.partner_id, c.company_id,
                       1 AS calls,
                       (c.date_answer IS NOT NULL)::int AS answered,
                       (c.result = 'abandoned')::int AS abandoned,
                       (c.direction = 'outbound')::int AS outbound,
                       CASE WHEN c.date_answer IS NOT NULL THEN 100.0 ELSE 0 END
                           AS answer_rate,
                       CASE WHEN c.result = 'abandoned' THEN 100.0 ELSE 0 END
                           AS abandon_rate,
                       COALESCE(c.talk_seconds, 0) AS talk_seconds,
                       CASE WHEN c.date_answer IS NOT NULL THEN c.talk_seconds END
                           AS avg_talk_seconds,
                       CASE WHEN c.date_answer IS NOT NULL AND c.direction = 'inbound'
                            THEN c.wait_seconds END AS speed_of_answer,
                       CASE WHEN c.direction <> 'inbound' THEN NULL
                            WHEN c.date_answer IS NOT NULL AND c.wait_seconds <= 20
                            THEN 100.0 ELSE 0 END AS within_service_level,
                       c.satisfaction::float AS satisfaction
                  FROM crm_call c
                  LEFT JOIN res_company co ON co.id = c.company_id
                 WHERE c.state = 'done'
            )""")

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        # the groups' names without reading every column of 500 agents
        quick = super(CrmCallStatistics, self.with_context(prefetch_fields=False))
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
