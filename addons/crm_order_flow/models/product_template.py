from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cc_price_scheme_ids = fields.One2many(
        "crm.price.scheme", "product_tmpl_id", string="Price Schemes",
        groups="crm_callcenter.group_agent")
    cc_stock_min = fields.Float(
        "Stock Warning Minimum",
        help="Warn when the quantity on hand falls below this (0: no "
             "warning). Nothing is purchased automatically.")
    cc_stock_max = fields.Float(
        "Stock Warning Maximum",
        help="Warn when the quantity on hand exceeds this (0: no warning).")
    cc_has_supplier = fields.Boolean(
        "Has a Supplier", compute="_compute_cc_sellable", store=True)
    cc_sellable = fields.Boolean(
        "Sellable by the Call Center", compute="_compute_cc_sellable",
        store=True, index=True,
        help="Can be sold and, unless it is a service, has at least one "
             "supplier: only such products can be put on a customer order.")

    @api.depends("sale_ok", "type", "seller_ids")
    def _compute_cc_sellable(self):
        for template in self:
            template.cc_has_supplier = bool(template.seller_ids)
            template.cc_sellable = template.sale_ok and (
                template.type == "service" or template.cc_has_supplier)
