from odoo import api, fields, models, tools

from .crm_ticket_report import read_group_sorted_here


class CrmTicketStepReport(models.Model):
    """Processing time per step: one row per handled step of a ticket, from
    the moment the ticket reached the step to the moment it was handled
    (read from the flow log with a window function)."""

    _name = "crm.ticket.step.report"
    _inherit = "crm.period.mixin"
    _description = "Ticket Step Times"
    _cc_period_field = "date"
    _auto = False
    _rec_name = "date"
    _order = "date desc"

    ticket_id = fields.Many2one("crm.ticket", readonly=True)
    flow_id = fields.Many2one("crm.flow", readonly=True)
    node_id = fields.Many2one("crm.flow.node", "Step", readonly=True)
    user_id = fields.Many2one("res.users", "Handled by", readonly=True)
    outcome = fields.Char(readonly=True)
    date = fields.Datetime("Handled on", readonly=True)
    date_reached = fields.Datetime("Reached on", readonly=True)
    type_id = fields.Many2one("crm.ticket.type", "Business Type", readonly=True)
    department_id = fields.Many2one("crm.department", readonly=True)
    handler_department_id = fields.Many2one(
        "crm.department", "Handling Department", readonly=True)
    user_ticket_id = fields.Many2one("res.users", "Entered by", readonly=True)
    handler_id = fields.Many2one("res.users", "Handler", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    nbr = fields.Integer("Steps Handled", readonly=True)
    hours = fields.Float("Hours at Step", group_operator="avg", readonly=True)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None,
                   orderby=False, lazy=True):
        return read_group_sorted_here(
            self, super().read_group, domain, fields, groupby, offset, limit,
            orderby, lazy)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW crm_ticket_step_report AS (
                SELECT s.id, s.res_id AS ticket_id, s.flow_id, s.node_id,
                       s.user_id, s.outcome, s.date, s.reached AS date_reached,
                       t.type_id, t.department_id, t.handler_department_id,
                       t.user_id AS user_ticket_id, t.handler_id,
                       t.company_id, 1 AS nbr,
                       EXTRACT(EPOCH FROM s.date - s.reached) / 3600.0
                           AS hours
                  FROM (
                    SELECT l.id, l.res_id, l.flow_id, l.node_id, l.user_id,
                           l.outcome, l.date,
                           lag(l.date) OVER (PARTITION BY l.res_id
                                             ORDER BY l.date, l.id) AS reached
                      FROM crm_flow_log l
                     WHERE l.res_model = 'crm.ticket'
                  ) s
                  JOIN crm_ticket t ON t.id = s.res_id
                 WHERE s.outcome != 'start'
            )""")
