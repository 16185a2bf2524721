from odoo import api, fields, models, tools


class CrmStockDetail(models.Model):
    """Warehouse in/out detail (出入库明细): one row per done stock move
    that enters or leaves the company's own locations, with the business
    document it belongs to (SQL view)."""

    _name = "crm.stock.detail"
    _inherit = ["crm.document.detail.mixin", "crm.period.mixin"]
    _cc_period_field = "date"
    _description = "Warehouse In/Out Detail"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "document"
    _document_report = "stock"

    date = fields.Datetime(readonly=True)
    document_type = fields.Selection(
        "_selection_document_type", readonly=True)
    document = fields.Char(readonly=True)
    direction = fields.Selection(
        [("in", "In"), ("out", "Out")], readonly=True)
    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", readonly=True)
    picking_type_id = fields.Many2one(
        "stock.picking.type", string="Operation Type", readonly=True)
    warehouse_id = fields.Many2one(
        "stock.warehouse", string="Warehouse", readonly=True)
    location_id = fields.Many2one(
        "stock.location", string="From", readonly=True)
    location_dest_id = fields.Many2one(
        "stock.location", string="To", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Partner", readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Product", readonly=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True)
    uom_id = fields.Many2one(
        "product.uom", string="Unit of Measure", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    qty_in = fields.Float("Quantity In", readonly=True)
    qty_out = fields.Float("Quantity Out", readonly=True)
    quantity = fields.Float(
        "Net Quantity", readonly=True, help="In minus out.")
    sale_order_id = fields.Many2one(
        "sale.order", string="Sale Order", readonly=True)
    order_return_id = fields.Many2one(
        "crm.order.return", string="Customer Return/Exchange",
        readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        document_columns, joins = self._document_sql(
            "COALESCE(p.name, m.reference, m.name)")
        # the SQL is assembled from the add-ons' own fragments, never from
        # user input
        self.env.cr.execute(  # pylint: disable=sql-injection
            """
            CREATE VIEW crm_stock_detail AS (
                SELECT m.id AS id,
                       m.date AS date,
                       m.picking_id AS picking_id,
                       m.picking_type_id AS picking_type_id,
                       spt.warehouse_id AS warehouse_id,
                       m.location_id AS location_id,
                       m.location_dest_id AS location_dest_id,
                       COALESCE(rp.commercial_partner_id, rp.id) AS partner_id,
                       m.product_id AS product_id,
                       pt.categ_id AS categ_id,
                       pt.uom_id AS uom_id,
                       m.company_id AS company_id,
                       CASE WHEN dest.usage = 'internal' THEN 'in'
                            ELSE 'out' END AS direction,
                       CASE WHEN dest.usage = 'internal' THEN m.product_qty
                            ELSE 0 END AS qty_in,
                       CASE WHEN dest.usage = 'internal' THEN 0
                            ELSE m.product_qty END AS qty_out,
                       CASE WHEN dest.usage = 'internal' THEN m.product_qty
                            ELSE -m.product_qty END AS quantity,
                       %s
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                  JOIN product_product pp ON pp.id = m.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  LEFT JOIN stock_picking p ON p.id = m.picking_id
                  LEFT JOIN stock_picking_type spt
                         ON spt.id = m.picking_type_id
                  LEFT JOIN res_partner rp
                         ON rp.id = COALESCE(p.partner_id, m.partner_id)
                  %s
                 WHERE m.state = 'done'
                   AND (src.usage = 'internal') <> (dest.usage = 'internal')
            )""" % (document_columns, joins))
