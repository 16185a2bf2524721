"""The extra fields of a business type (crm.ticket.type.field) and of its parents."""
from odoo import fields, models


class CrmTicketType(models.Model):
    _inherit = "crm.ticket.type"

    extra_field_ids = fields.One2many(
        "crm.ticket.type.field", "type_id", string="Extra Fields",
        copy=False)

    def _get_extra_fields(self):
        """Extra fields of this type and of its parent types."""
        types = self.browse()
        for ticket_type in self:
            while ticket_type:
                types |= ticket_type
                ticket_type = ticket_type.parent_id
        return self.env["crm.ticket.type.field"].sudo().search(
            [("type_id", "in", types.ids), ("field_id", "!=", False)])
