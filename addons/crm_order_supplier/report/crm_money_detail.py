from odoo import api, fields, models


class CrmMoneyDetail(models.Model):
    """Vendor bills of purchase orders and the credit notes of returns to
    suppliers join the money in/out detail."""

    _inherit = "crm.money.detail"

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
                     JOIN account_invoice_crm_supplier_return_rel rel
                       ON rel.crm_supplier_return_id = r.id
                    WHERE rel.account_invoice_id = inv.id
                    ORDER BY r.id LIMIT 1) csr ON TRUE""",
            """LEFT JOIN LATERAL (
                   SELECT po.id, po.name
                     FROM account_invoice_line il
                     JOIN purchase_order_line pol
                       ON pol.id = il.purchase_line_id
                     JOIN purchase_order po ON po.id = pol.order_id
                    WHERE il.invoice_id = inv.id
                    ORDER BY po.id LIMIT 1) po ON TRUE""",
        ]

    @api.model
    def _document_cases(self):
        # a supplier credit note's lines keep their purchase line
        return [
            ("csr.id IS NOT NULL", "supplier_return", "csr.name"),
            ("po.id IS NOT NULL", "purchase", "po.name"),
        ] + super()._document_cases()

    @api.model
    def _document_columns(self):
        return super()._document_columns() + [
            ("purchase_order_id", "COALESCE(po.id, csr.purchase_id)"),
            ("supplier_return_id", "csr.id"),
        ]
