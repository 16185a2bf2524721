"""Extra fields per business type (TK-1), built like crm_callcenter's custom
customer attributes: each one is a real (manual) field on crm.ticket, shown
on the form of the tickets of its type and of its sub-types."""
from odoo import api, fields, models


class CrmTicketTypeField(models.Model):
    _name = "crm.ticket.type.field"
    _inherit = "crm.dynamic.field.mixin"
    _description = "Business Type Extra Field"
    _cc_field_prefix = "x_tk_"
    _cc_field_model = "crm_ticket.model_crm_ticket"
    _cc_type_field = "field_type"
    _cc_locked_fields = ("code", "field_type", "type_id")
    _order = "sequence, id"

    type_id = fields.Many2one("crm.ticket.type", string="Business Type",
                              required=True, index=True, ondelete="cascade")
    name = fields.Char("Label", required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical name: lower-case letters, digits and _.")
    sequence = fields.Integer(default=10)
    field_type = fields.Selection(
        [("text", "Text"), ("number", "Number"), ("date", "Date"),
         ("selection", "Selection"), ("boolean", "Yes / No")],
        string="Type", required=True, default="text")
    selection_values = fields.Text(
        "Options", help="For a selection: one option per line.")
    required = fields.Boolean(
        help="Tickets of this type cannot be dispatched or resolved until "
             "it is filled in (a Yes / No field must be ticked).")
    field_id = fields.Many2one("ir.model.fields", readonly=True,
                               ondelete="set null")
    field_name = fields.Char(related="field_id.name", readonly=True)

    _sql_constraints = [
        ("code_uniq", "unique (code)",
         "Extra field codes must be unique across business types."),
    ]

    @api.constrains("field_type", "selection_values")
    def _check_selection(self):
        self._cc_check_selection()

    def _missing(self, tickets):
        """The tickets among ``tickets`` where this required field is
        empty (read in SQL: an empty number is NULL, not 0)."""
        self.ensure_one()
        if not tickets or not self.field_name:
            return tickets.browse()
        column = self.field_name
        empty = "{0} IS NOT TRUE" if self.field_type == "boolean" else \
            "({0} IS NULL OR {0}::text = '')"
        # column: x_tk_ + a validated code
        self.env.cr.execute(
            "SELECT id FROM crm_ticket WHERE id IN %s AND "
            + empty.format('"%s"' % column), [tuple(tickets.ids)])
        return tickets.browse([row[0] for row in self.env.cr.fetchall()])
