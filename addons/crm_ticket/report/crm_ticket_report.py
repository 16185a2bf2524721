from odoo import api, fields, models, tools

from ..constants import ACCEPTANCE_TYPES, SOURCES, STAGES

SORTABLE_TYPES = ("many2one", "selection", "char", "integer", "boolean")


def read_group_sorted_here(model, super_read_group, domain, fields_, groupby,
                           offset, limit, orderby, lazy):
    """read_group of a statistics view, ordered here rather than in SQL.

    Without an explicit order, Odoo orders groups of a many2one by the
    related model's order: it joins e.g. res_users and res_partner to every
    row of the view and groups by their names too, which costs several times
    the counting itself on a million tickets. Here PostgreSQL only groups;
    the few resulting groups are sorted by name in Python, in the same order
    (NULL last)."""
    groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
    effective = groupbys[:1] if lazy else groupbys
    names = [g.split(":")[0] for g in effective]
    if orderby or offset or limit or not effective or any(
            ":" in g or model._fields[n].type not in SORTABLE_TYPES
            for g, n in zip(effective, names)):
        return super_read_group(domain, fields_, groupby, offset=offset,
                                limit=limit, orderby=orderby, lazy=lazy)
    result = super_read_group(domain, fields_, groupby, offset=offset,
                              limit=limit, orderby="id", lazy=lazy)

    def key(group):
        parts = []
        for name in names:
            value = group.get(name)
            if isinstance(value, (list, tuple)):
                value = value[1] or ""
            parts.append((value is False or value is None,
                          "" if value is False or value is None else value))
        return parts
    return sorted(result, key=key)


class CrmTicketReport(models.Model):
    """Ticket statistics (工单统计): one row per ticket, grouped in pivot and
    graph views by handler, department, acceptance type, source and period.
    A SQL view, so every count is done by PostgreSQL."""

    _name = "crm.ticket.report"
    _inherit = "crm.period.mixin"
    _description = "Ticket Statistics"
    _cc_period_field = "date"
    _auto = False
    _rec_name = "date"
    _order = "date desc"

    ticket_id = fields.Many2one("crm.ticket", readonly=True)
    date = fields.Datetime("Created on", readonly=True)
    close_date = fields.Datetime("Closed on", readonly=True)
    user_id = fields.Many2one("res.users", "Entered by", readonly=True)
    department_id = fields.Many2one("crm.department", readonly=True)
    handler_id = fields.Many2one("res.users", "Handler", readonly=True)
    handler_department_id = fields.Many2one(
        "crm.department", "Handling Department", readonly=True)
    type_id = fields.Many2one("crm.ticket.type", "Business Type", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    acceptance_type = fields.Selection(ACCEPTANCE_TYPES, readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")],
        readonly=True)
    stage = fields.Selection(STAGES, string="Status", readonly=True)
    satisfaction = fields.Selection(
        [("satisfied", "Satisfied"), ("unsatisfied", "Unsatisfied"),
         ("not_reached", "Not Reached")], readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    nbr = fields.Integer("Tickets", readonly=True)
    closed = fields.Integer("Closed Tickets", readonly=True)
    overdue = fields.Integer("Overdue Tickets", readonly=True)
    hours_to_close = fields.Float(
        "Hours to Close", group_operator="avg", readonly=True)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None,
                   orderby=False, lazy=True):
        return read_group_sorted_here(
            self, super().read_group, domain, fields, groupby, offset, limit,
            orderby, lazy)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW crm_ticket_report AS (
                SELECT t.id, t.id AS ticket_id, t.create_date AS date,
                       t.close_date, t.user_id, t.department_id,
                       t.handler_id, t.handler_department_id, t.type_id,
                       t.partner_id, t.acceptance_type, t.source, t.priority,
                       t.stage, t.satisfaction, t.company_id, 1 AS nbr,
                       CASE WHEN t.close_date IS NULL THEN 0 ELSE 1 END
                           AS closed,
                       CASE WHEN t.sla_overdue THEN 1 ELSE 0 END AS overdue,
                       EXTRACT(EPOCH FROM t.close_date - t.create_date)
                           / 3600.0 AS hours_to_close
                  FROM crm_ticket t
            )""")
