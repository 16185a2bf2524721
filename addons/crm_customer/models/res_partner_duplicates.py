"""Customers sharing a number: the warning while typing it, the list on the
form and the merge of duplicates."""
from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cc_duplicate_ids = fields.Many2many(
        "res.partner", string="Same Number As",
        compute="_compute_cc_duplicate_ids")

    def _compute_cc_duplicate_ids(self):
        for partner in self:
            partner.cc_duplicate_ids = partner._cc_find_duplicates()

    @api.onchange("phone", "mobile", "country_id")
    def _onchange_cc_phone_duplicates(self):
        if not self.cc_customer:
            return None
        self._compute_phone_numbers()
        duplicates = self._cc_find_duplicates()
        if not duplicates:
            return None
        return {"warning": {
            "title": _("Number already known"),
            "message": _("This number belongs to: %s. Open that customer "
                         "instead, or merge them after saving.")
            % ", ".join("%s (%s)" % (d.name, d.customer_code or d.id)
                        for d in duplicates[:5]),
        }}

    def _cc_find_duplicates(self):
        """Other partners sharing one of this partner's numbers."""
        self.ensure_one()
        numbers = [n for n in (self.phone_e164, self.mobile_e164) if n]
        if not numbers:
            return self.browse()
        domain = self._cc_number_domain(numbers)
        if isinstance(self.id, int):
            domain.append(("id", "!=", self.id))
        return self.search(domain, limit=10)

    @api.multi
    def action_cc_merge_duplicates(self):
        """Open Odoo's partner merge with this customer and its duplicates:
        the merge moves every linked record (history) to the one kept."""
        self.ensure_one()
        partners = self | self.cc_duplicate_ids
        return {
            "type": "ir.actions.act_window",
            "res_model": "base.partner.merge.automatic.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "res.partner",
                        "active_ids": partners.ids,
                        "default_dst_partner_id": self.id},
        }
