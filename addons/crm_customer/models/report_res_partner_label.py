from odoo import api, models

#: labels per A4 sheet: 3 columns x 8 rows (70 x 37 mm, the common sheet)
LABELS_PER_PAGE = 24


class ReportResPartnerLabel(models.AbstractModel):
    """Address labels of customers (CC-24), a sheet of 3 x 8 per A4 page."""

    _name = "report.crm_customer.report_res_partner_label"
    _description = "Customer Address Labels"

    @api.model
    def get_report_values(self, docids, data=None):
        # the user's own access: nobody prints labels of customers they
        # could not open
        partners = self.env["res.partner"].browse(docids)
        partners.check_access_rights("read")
        partners.check_access_rule("read")
        pages = [partners[start:start + LABELS_PER_PAGE]
                 for start in range(0, len(partners), LABELS_PER_PAGE)]
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "pages": pages,
            "address": self._label_address,
            "phone": self._label_phone,
        }

    @api.model
    def _label_address(self, partner):
        """The address in Chinese order: province, city, street."""
        parts = [partner.state_id.name, partner.city, partner.street, partner.street2]
        if partner.country_id and partner.country_id != self.env.user.company_id.country_id:
            parts.insert(0, partner.country_id.name)
        return " ".join(part for part in parts if part)

    @api.model
    def _label_phone(self, partner):
        return partner.mobile or partner.phone or ""
