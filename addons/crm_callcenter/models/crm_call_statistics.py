"""Call statistics (CC-15) as a SQL view over the call records: every
figure is a sum or an average the pivot and graph views compute in
PostgreSQL (rates are averages of 0/100 columns, the speed of answer an
average that skips unanswered calls)."""
from odoo import fields, models, tools

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
