"""The extra fields of the business types (crm.ticket.type.field) on the
ticket's form, and the required ones checked before resolving or dispatching."""
from lxml import etree

from odoo import _, api, models
from odoo.exceptions import UserError


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
