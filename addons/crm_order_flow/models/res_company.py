from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _cc_demo_use_currency(self, currency_xmlid):
        """Demo data only: the main company and every price list (so every
        order) in one currency. Odoo's own demo has already booked journal
        items in its default currency, and account then refuses the change
        (rightly, for real books); demo books mean nothing, so the company's
        currency is set directly."""
        currency = self.env.ref(currency_xmlid)
        currency.active = True
        company = self.env.ref("base.main_company")
        if company.currency_id != currency:
            self.env.cr.execute(
                "UPDATE res_company SET currency_id = %s WHERE id = %s",
                (currency.id, company.id))
            company.invalidate_cache(["currency_id"], company.ids)
        pricelists = self.env["product.pricelist"].with_context(
            active_test=False).search([("currency_id", "!=", currency.id)])
        pricelists.write({"currency_id": currency.id})
