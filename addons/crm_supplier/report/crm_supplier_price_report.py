from odoo import api, fields, models, tools


class CrmSupplierPriceReport(models.Model):
    """Purchase price of each product per supplier and month (SQL view),
    for the price trend graph of a supplier."""

    _name = "crm.supplier.price.report"
    _description = "Supplier Price Trend"
    _auto = False
    _order = "date desc, partner_id, product_id"
    _rec_name = "product_id"

    partner_id = fields.Many2one("res.partner", "Supplier", readonly=True)
    product_id = fields.Many2one("product.product", "Product", readonly=True)
    date = fields.Date("Month", readonly=True)
    qty = fields.Float("Quantity", readonly=True)
    amount = fields.Float(readonly=True)
    price_average = fields.Float(
        "Average Price", readonly=True, group_operator="avg")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW crm_supplier_price_report AS
            SELECT min(l.id) AS id,
                   coalesce(p.commercial_partner_id, p.id) AS partner_id,
                   l.product_id,
                   date_trunc('month', po.date_order)::date AS date,
                   sum(l.product_qty) AS qty,
                   sum(l.price_subtotal) AS amount,
                   sum(l.price_subtotal) / nullif(sum(l.product_qty), 0)
                       AS price_average
              FROM purchase_order_line l
              JOIN purchase_order po ON po.id = l.order_id
              JOIN res_partner p ON p.id = po.partner_id
             WHERE po.state IN ('purchase', 'done')
             GROUP BY coalesce(p.commercial_partner_id, p.id), l.product_id,
                      date_trunc('month', po.date_order)::date
        """)
