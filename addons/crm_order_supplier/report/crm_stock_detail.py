from odoo import api, fields, models


class CrmStockDetail(models.Model):
    """Receipts of purchase orders and the transfers of returns and
    exchanges with suppliers join the warehouse in/out detail."""

    _inherit = "crm.stock.detail"

    purchase_order_id = fields.Many2one(
        "purchase.order", string="Purchase Order", readonly=True)
    supplier_return_id = fields.Many2one(
        "crm.supplier.return", string="Supplier Return/Exchange",
        readonly=True)

    @api.model
    def _document_joins(self):
        return super()._document_joins() + [
            """LEFT JOIN LATERAL (
                   SELECT r.id, r.name, r.kind, r.purchase_id
                     FROM crm_supplier_return r
                     JOIN crm_supplier_return_stock_picking_rel rel
                       ON rel.crm_supplier_return_id = r.id
                    WHERE rel.stock_picking_id = m.picking_id
                    ORDER BY r.id LIMIT 1) csr ON TRUE""",
            "LEFT JOIN purchase_order_line pol"
            " ON pol.id = m.purchase_line_id",
        ]

    @api.model
    def _document_cases(self):
        # a return's moves keep their purchase line: check returns first
        return [
            ("csr.kind = 'return'", "supplier_return", "csr.name"),
            ("csr.kind = 'exchange'", "supplier_exchange", "csr.name"),
            ("pol.order_id IS NOT NULL", "purchase",
             "(SELECT po.name FROM purchase_order po"
             " WHERE po.id = pol.order_id)"),
        ] + super()._document_cases()

    @api.model
    def _document_columns(self):
        return super()._document_columns() + [
            ("purchase_order_id", "COALESCE(pol.order_id, csr.purchase_id)"),
            ("supplier_return_id", "csr.id"),
        ]
