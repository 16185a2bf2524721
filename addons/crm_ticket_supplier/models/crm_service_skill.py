from odoo import fields, models


class CrmServiceSkill(models.Model):
    """Which tickets a skill serves: business types (and their sub-types)
    and/or acceptance types."""

    _inherit = "crm.service.skill"

    ticket_type_ids = fields.Many2many(
        "crm.ticket.type", string="Business Types",
        help="Tickets of these business types or their sub-types need this "
             "skill.")
    acceptance_type = fields.Selection(
        [("repair", "Repair"), ("installation", "Installation")],
        help="Tickets of this acceptance type need this skill (when the "
             "skill lists no business type, or the business type matches).")
