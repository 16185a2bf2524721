from odoo import _, api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    cc_stock_warning = fields.Selection(
        [("low", "Below Minimum"), ("high", "Above Maximum"), ("ok", "OK")],
        string="Stock Warning", compute="_compute_cc_stock_warning",
        search="_search_cc_stock_warning")

    @api.depends("qty_available", "cc_stock_min", "cc_stock_max")
    def _compute_cc_stock_warning(self):
        for product in self:
            qty = product.qty_available
            if product.cc_stock_min and qty < product.cc_stock_min:
                product.cc_stock_warning = "low"
            elif product.cc_stock_max and qty > product.cc_stock_max:
                product.cc_stock_warning = "high"
            else:
                product.cc_stock_warning = "ok"

    def _search_cc_stock_warning(self, operator, value):
        # only products with bounds can warn: compute their stock in batch
        candidates = self.search(
            ["|", ("cc_stock_min", ">", 0), ("cc_stock_max", ">", 0)])
        values = value if isinstance(value, (list, tuple)) else [value]
        matching = candidates.filtered(
            lambda p: p.cc_stock_warning in values)
        if operator in ("=", "in"):
            return [("id", "in", matching.ids)]
        return [("id", "not in", matching.ids)]

    def _cc_check_sellable(self):
        """A product is sold only when it has at least one supplier: the
        message explaining why the first product of ``self`` that cannot be
        sold cannot, or False."""
        missing = self.sudo().filtered(
            lambda p: p.type != "service" and not p.seller_ids)
        if missing:
            return _("%s has no supplier: add one on the product's Purchase "
                     "tab before selling it.") % missing[0].display_name
        return False
