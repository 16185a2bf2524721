"""Calls on the customer: the count, the deletion guard, the link made when
a customer is created from a screen pop, and the profile the pop shows."""
from html import escape as _escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

#: the customer's columns the screen pop's profile shows (_cc_pop_summary)
POP_SUMMARY_FIELDS = [
    "customer_code", "cc_category_id", "cc_value_level_id", "cc_contact_name", "mobile",
    "mobile_location", "phone", "phone_location", "cc_region_id", "cc_source_id", "state_id",
    "city", "street", "company_id"]


def escape(value):
    return _escape("%s" % (value,))


def may_write(call):
    """True when the current user may write ``call`` (rights and rules)."""
    try:
        call.check_access_rights("write")
        call.check_access_rule("write")
    except AccessError:
        return False
    return True


class ResPartner(models.Model):
    _inherit = "res.partner"

    cc_call_count = fields.Integer("Calls", compute="_compute_cc_call_count")

    def _compute_cc_call_count(self):
        counts = {}
        if self.ids:
            for group in self.env["crm.call"].read_group(
                    [("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"]):
                counts[group["partner_id"][0]] = group["partner_id_count"]
        for partner in self:
            partner.cc_call_count = counts.get(partner.id, 0)

    @api.model
    def _cc_get_usage_fields(self):
        return super()._cc_get_usage_fields() + [("crm.call", "partner_id", _("calls"))]

    @api.model
    def create(self, vals):
        partner = super().create(vals)
        call_id = self.env.context.get("cc_call_id")
        if call_id and isinstance(call_id, int):
            # created from a screen pop: the call belongs to it, if the user
            # may change that call (the context comes from the client)
            call = self.env["crm.call"].browse(call_id).exists()
            if call and may_write(call) and not call.partner_id:
                call.partner_id = partner
        return partner

    @api.multi
    def action_cc_calls(self):
        self.ensure_one()
        action = self.env.ref("crm_telephony.crm_call_action").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def _cc_pop_summary(self):
        """The customer's profile as shown in the screen pop: key fields and
        the custom attributes an Administrator marked "Screen Pop"."""
        self.ensure_one()
        # the attributes are read as superuser: only for a customer the user may read
        if not self.check_access_rights("read", raise_exception=False):
            return False
        try:
            self.check_access_rule("read")
        except AccessError:
            return False
        partner = self.sudo()
        # only the columns shown: a superuser read of a customer's whole
        # row (over a hundred columns) was a tenth of the pop form's read
        partner.read(POP_SUMMARY_FIELDS, load="_classic_write")
        attributes = self.env["crm.customer.attribute"]._for_company(
            partner.company_id or self.env.user.company_id, "pop")
        if attributes:
            partner.read(attributes.mapped("field_name"), load="_classic_write")
        rows = [
            (_("Customer Code"), partner.customer_code),
            (_("Category"), partner.cc_category_id.name),
            (_("Value Level"), partner.cc_value_level_id.name),
            (_("Contact Person"), partner.cc_contact_name),
            (_("Mobile"), partner.mobile and "%s %s" % (
                partner.mobile, partner.mobile_location or "")),
            (_("Phone"), partner.phone and "%s %s" % (
                partner.phone, partner.phone_location or "")),
            (_("Region"), partner.cc_region_id.name),
            (_("Source"), partner.cc_source_id.name),
            (_("Address"), ", ".join(filter(None, [
                partner.state_id.name, partner.city, partner.street]))),
        ]
        for attribute in attributes:
            value = partner[attribute.field_name]
            if attribute.attribute_type == "boolean":
                value = _("Yes") if value else _("No")
            rows.append((attribute.name, value))
        cells = "".join(
            "<tr><th>%s</th><td>%s</td></tr>" % (escape(label), escape(value))
            for label, value in rows if value not in (False, None, ""))
        return "<table class='table table-condensed o_cc_pop_profile'>%s</table>" % cells
