from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cc_price_scheme_ids = fields.One2many(
        "crm.price.scheme", "product_tmpl_id", string="Price Schemes",
        groups="crm_callcenter.group_agent")
