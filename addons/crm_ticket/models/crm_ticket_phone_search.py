from odoo import api, fields, models

from odoo.addons.crm_customer import phone as phonelib


class CrmTicket(models.Model):
    """Tickets found by the caller's number typed in any format (issue 15):
    the contact number's E.164 form, or the customer's phone or mobile."""

    _inherit = "crm.ticket"

    contact_number_e164 = fields.Char(
        "Contact Number (E.164)", compute="_compute_contact_number_e164",
        store=True, index=True)
    cc_phone_search = fields.Char(
        "Customer Phone Number", compute="_compute_cc_phone_search",
        search="_search_cc_phone_search",
        help="Tickets of a number typed in any format or ending in the digits "
             "typed: the contact number or the customer's phone or mobile.")

    @api.depends("contact_number", "company_id")
    def _compute_contact_number_e164(self):
        default_region = self.env.user.company_id.country_id.code
        for ticket in self:
            region = ticket.company_id.country_id.code or default_region
            ticket.contact_number_e164 = phonelib.normalize(ticket.contact_number, region)

    def _compute_cc_phone_search(self):
        for ticket in self:
            ticket.cc_phone_search = ticket.contact_number

    def _search_cc_phone_search(self, operator, value):
        Partner = self.env["res.partner"]
        own = Partner._cc_phone_search_domain(
            operator, value, self._table, ("contact_number_e164",))
        of_customer = Partner._cc_phone_search_domain(
            operator, value, Partner._table, ("phone_e164", "mobile_e164"),
            field="partner_id")
        if operator in ("not ilike", "not like", "!="):
            return ["&"] + own + of_customer
        return ["|"] + own + of_customer

    @api.model
    def _cc_web_contact(self, vals):
        """``vals`` of a ticket from the public web form with the number typed
        shown in the display format and the customer it belongs to (by its
        E.164 form; only when exactly one customer has it, never creating
        one). Runs as the web form's superuser: nothing of the customer goes
        back to the anonymous submitter."""
        number = vals.get("contact_number")
        if not number or vals.get("partner_id"):
            return vals
        vals = dict(vals)
        region = self.env.user.company_id.country_id.code
        vals["contact_number"] = phonelib.display(number, region) or number
        customers = self.env["res.partner"].sudo()._cc_find_by_number(number).filtered(
            "cc_customer")
        if len(customers) == 1:
            vals["partner_id"] = customers.id
        return vals

    @api.model_cr
    def init(self):
        result = super().init()
        self.env["res.partner"]._cc_create_suffix_indexes(
            self._table, ("contact_number_e164",))
        return result
