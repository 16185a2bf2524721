from odoo import _, api, models

STOCK_SUPPLIER_RETURN_JOIN = """LEFT JOIN LATERAL (
                   SELECT r.id, r.name, r.kind, r.purchase_id
                     FROM crm_supplier_return r
                     JOIN crm_supplier_return_stock_picking_rel rel
                       ON rel.crm_supplier_return_id = r.id
                    WHERE rel.stock_picking_id = m.picking_id
                    ORDER BY r.id LIMIT 1) csr ON TRUE"""
SUPPLIER_RETURN_COLUMNS = {"purchase_order_id": "csr.purchase_id", "supplier_return_id": "csr.id"}


class CrmDocumentDetailMixin(models.AbstractModel):
    """Purchase orders and returns/exchanges with suppliers in the stock and
    money detail reports (their fields: report/crm_stock_detail.py and
    report/crm_money_detail.py)."""

    _inherit = "crm.document.detail.mixin"

    @api.model
    def _get_documents(self):
        # priorities: a return's moves and credit notes keep their purchase
        # line, so returns are told before purchases, and both before the
        # customer documents
        return super()._get_documents() + [
            {"type": "purchase", "label": _("Purchase Order"), "priority": 30,
             "stock": {
                 "joins": ["LEFT JOIN purchase_order_line pol ON pol.id = m.purchase_line_id"],
                 "when": "pol.order_id IS NOT NULL",
                 "name": "(SELECT po.name FROM purchase_order po WHERE po.id = pol.order_id)",
                 "columns": {"purchase_order_id": "pol.order_id"}},
             "money": {
                 "joins": ["""LEFT JOIN LATERAL (
                   SELECT po.id, po.name
                     FROM account_invoice_line il
                     JOIN purchase_order_line pol
                       ON pol.id = il.purchase_line_id
                     JOIN purchase_order po ON po.id = pol.order_id
                    WHERE il.invoice_id = inv.id
                    ORDER BY po.id LIMIT 1) po ON TRUE"""],
                 "when": "po.id IS NOT NULL", "name": "po.name",
                 "columns": {"purchase_order_id": "po.id"}}},
            {"type": "supplier_return", "label": _("Return to Supplier"), "priority": 10,
             "stock": {
                 "joins": [STOCK_SUPPLIER_RETURN_JOIN],
                 "when": "csr.kind = 'return'", "name": "csr.name",
                 "columns": SUPPLIER_RETURN_COLUMNS},
             "money": {
                 "joins": ["""LEFT JOIN LATERAL (
                   SELECT r.id, r.name, r.kind, r.purchase_id
                     FROM crm_supplier_return r
                     JOIN account_invoice_crm_supplier_return_rel rel
                       ON rel.crm_supplier_return_id = r.id
                    WHERE rel.account_invoice_id = inv.id
                    ORDER BY r.id LIMIT 1) csr ON TRUE"""],
                 # any credit note of a return or an exchange
                 "when": "csr.id IS NOT NULL", "name": "csr.name",
                 "columns": SUPPLIER_RETURN_COLUMNS}},
            {"type": "supplier_exchange", "label": _("Exchange with Supplier"), "priority": 20,
             "stock": {
                 "joins": [STOCK_SUPPLIER_RETURN_JOIN],
                 "when": "csr.kind = 'exchange'", "name": "csr.name",
                 "columns": SUPPLIER_RETURN_COLUMNS}},
        ]
