from odoo import fields, models

from ..constants import STEPS


class CrmTicketSlaLine(models.Model):
    _name = "crm.ticket.sla.line"
    _description = "Ticket Step Deadline"
    _order = "sla_id, id"

    sla_id = fields.Many2one("crm.ticket.sla", "Response Level", required=True,
                             ondelete="cascade")
    step_code = fields.Selection(STEPS, string="Step", required=True)
    hours = fields.Float("Working Hours", required=True, default=4.0)
