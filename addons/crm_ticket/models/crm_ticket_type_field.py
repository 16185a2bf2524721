"""Extra fields per business type (TK-1), built like crm_callcenter's custom
customer attributes: each one is a real (manual) field on crm.ticket, shown
on the form of the tickets of its type and of its sub-types."""
from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import UserError


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


class IrModelFields(models.Model):
    _inherit = "ir.model.fields"

    def _instanciate_attrs(self, field_data):
        """Extra fields of tickets are internal: portal users (customers,
        repair shops) cannot read, search or group them over RPC."""
        attrs = super()._instanciate_attrs(field_data)
        if attrs and field_data["model"] == "crm.ticket" and field_data["name"].startswith(
                CrmTicketTypeField._cc_field_prefix):
            attrs["groups"] = "base.group_user"
        return attrs


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


class CrmTicket(models.Model):
    _inherit = "crm.ticket"

    @api.model
    def _fields_view_get(self, view_id=None, view_type="form", toolbar=False,
                         submenu=False):
        result = super()._fields_view_get(
            view_id=view_id, view_type=view_type, toolbar=toolbar,
            submenu=submenu)
        if view_type != "form" or not result.get("arch"):
            return result
        arch = etree.fromstring(result["arch"])
        parent = arch.find(".//group[@name='tk_extra_fields']")
        if parent is None:
            return result
        Type = self.env["crm.ticket.type"].sudo()
        extras = self.env["crm.ticket.type.field"].sudo().search(
            [("field_id", "!=", False)])
        shown = []
        for extra in extras:
            if extra.field_name not in self._fields:
                continue
            type_ids = Type.with_context(active_test=False).search(
                [("id", "child_of", extra.type_id.id)]).ids
            node = etree.SubElement(parent, "field", name=extra.field_name)
            node.set("attrs", repr({
                "invisible": [("type_id", "not in", type_ids)]}))
            shown.append(extra.field_name)
        if shown:
            parent.set("attrs", repr({"invisible": [
                ("type_id", "not in", Type.with_context(
                    active_test=False).search([(
                        "id", "child_of",
                        extras.mapped("type_id").ids)]).ids)]}))
        else:
            parent.set("invisible", "1")
        result["arch"] = etree.tostring(arch, encoding="unicode")
        return result

    def _check_extra_fields(self, action):
        """Required extra fields of each ticket's type must be filled in."""
        problems = []
        for ticket_type in self.mapped("type_id"):
            tickets = self.filtered(lambda t, tt=ticket_type: t.type_id == tt)
            missing = {}
            for extra in ticket_type._get_extra_fields().filtered("required"):
                for ticket in extra._missing(tickets):
                    missing.setdefault(ticket, []).append(extra.name)
            for ticket, labels in missing.items():
                problems.append(_("%s: %s") % (ticket.name, ", ".join(labels)))
        if problems:
            raise UserError(
                _("Fill in the required details of the business type before "
                  "you %s the ticket:\n%s") % (action, "\n".join(problems)))

    @api.multi
    def action_resolve(self):
        self._check_extra_fields(_("resolve"))
        return super().action_resolve()

    @api.multi
    def action_dispatch(self):
        self._check_extra_fields(_("dispatch"))
        return super().action_dispatch()
