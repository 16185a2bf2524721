from datetime import timedelta

from odoo import api, fields, models


class CrmTicketSla(models.Model):
    """Response-time level (SLA): for tickets of some business types and
    priorities, how many working hours each step may take. The first level
    (by sequence) that matches a ticket applies."""

    _name = "crm.ticket.sla"
    _description = "Ticket Response-time Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    type_ids = fields.Many2many(
        "crm.ticket.type", string="Business Types",
        help="Tickets of these types and their sub-types; empty: every type.")
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")],
        string="Minimum Priority",
        help="Tickets of at least this priority; empty: any priority.")
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Hours",
        help="Deadlines count only these working hours; empty: round the "
             "clock.")
    line_ids = fields.One2many("crm.ticket.sla.line", "sla_id",
                               string="Deadlines per Step", copy=True)

    def _matches(self, ticket):
        self.ensure_one()
        if self.priority and ticket.priority < self.priority:
            return False
        if self.type_ids:
            types = self.env["crm.ticket.type"].search(
                [("id", "child_of", self.type_ids.ids)])
            return ticket.type_id in types
        return True

    @api.model
    def _find_for(self, ticket):
        for sla in self.search([]):
            if sla._matches(ticket):
                return sla
        return self.browse()

    def _deadline(self, step_code, start):
        """Deadline of a step reached at ``start`` (a datetime), or None."""
        self.ensure_one()
        line = self.line_ids.filtered(lambda l: l.step_code == step_code)[:1]
        if not line:
            return None
        if self.calendar_id:
            return self.calendar_id.plan_hours(line.hours, start)
        return start + timedelta(hours=line.hours)
