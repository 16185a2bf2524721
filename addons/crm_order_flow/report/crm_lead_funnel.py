from odoo import api, fields, models, tools


class CrmLeadFunnel(models.Model):
    """The sales funnel: opportunities per department, salesperson, period
    and stage (SQL view over crm_lead)."""

    _name = "crm.lead.funnel"
    _description = "Sales Funnel"
    _inherit = "crm.period.mixin"
    _auto = False
    _cc_period_field = "create_date"
    _rec_name = "stage_id"
    _order = "stage_sequence, stage_id"

    create_date = fields.Datetime("Created on", readonly=True)
    date_closed = fields.Datetime("Closed on", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson",
                              readonly=True)
    department_id = fields.Many2one(
        "crm.department", string="Department", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    stage_id = fields.Many2one("crm.stage", string="Stage", readonly=True)
    stage_sequence = fields.Integer(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer",
                                 readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    active = fields.Boolean(readonly=True)
    won = fields.Boolean(readonly=True)
    lost = fields.Boolean(readonly=True)
    lead_count = fields.Integer("Opportunities", readonly=True)
    expected_revenue = fields.Float(readonly=True)
    weighted_revenue = fields.Float(readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW crm_lead_funnel AS (
                SELECT l.id AS id,
                       l.create_date AS create_date,
                       l.date_closed AS date_closed,
                       l.user_id AS user_id,
                       u.crm_department_id AS department_id,
                       l.team_id AS team_id,
                       l.stage_id AS stage_id,
                       s.sequence AS stage_sequence,
                       l.partner_id AS partner_id,
                       l.company_id AS company_id,
                       l.active AS active,
                       COALESCE(s.probability = 100 AND s.on_change, FALSE)
                           AS won,
                       (NOT l.active AND COALESCE(l.probability, 0) = 0)
                           AS lost,
                       1 AS lead_count,
                       l.planned_revenue AS expected_revenue,
                       l.planned_revenue * COALESCE(l.probability, 0) / 100.0
                           AS weighted_revenue
                  FROM crm_lead l
                  LEFT JOIN res_users u ON u.id = l.user_id
                  LEFT JOIN crm_stage s ON s.id = l.stage_id
                 WHERE l.type = 'opportunity'
            )""")
