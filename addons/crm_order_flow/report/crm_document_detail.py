from odoo import _, api, models

# SQL fragments of the documents declared below; the stock report's rows are
# stock moves (alias m), the money report's rows invoices (alias inv)
STOCK_ORDER_RETURN_JOIN = """LEFT JOIN LATERAL (
                   SELECT r.id, r.name, r.kind, r.order_id
                     FROM crm_order_return r
                    WHERE m.picking_id IN (r.return_picking_id,
                                           r.replacement_picking_id)
                    ORDER BY r.id LIMIT 1) ocr ON TRUE"""
MONEY_ORDER_RETURN_JOIN = """LEFT JOIN LATERAL (
                   SELECT r.id, r.name, r.kind, r.order_id
                     FROM crm_order_return r
                    WHERE r.refund_invoice_id = inv.id
                    ORDER BY r.id LIMIT 1) ocr ON TRUE"""
ORDER_RETURN_COLUMNS = {"sale_order_id": "ocr.order_id", "order_return_id": "ocr.id"}


class CrmDocumentDetailMixin(models.AbstractModel):
    """What the stock and money detail reports share: each row belongs to a
    business document (a sale order, a customer return...).

    Each document type is declared once, in ``_get_documents``: its key and
    label (the reports' ``document_type`` selection), the priority of its
    condition, and for each report (``"stock"``, ``"money"``; a report the
    type does not appear in is left out) the joins it needs, the condition
    a row is of this type (``when``), the document's name (``name``) and
    the columns it fills (``{column: expression}``; several types filling
    one column are COALESCEd in declaration order). A new document type is
    one entry: crm_order_supplier adds purchase orders and returns to
    suppliers by extending ``_get_documents`` once. Rows no condition
    matches are of type ``other``, named by the report's default name."""

    _name = "crm.document.detail.mixin"
    _description = "Stock and Money Detail Documents"
    #: which part of each document declaration this report reads
    _document_report = None

    @api.model
    def _get_documents(self):
        """The document types, in the order of the selection (see the
        class)."""
        # the labels are _() here: a selection from a method is not
        # translated by Odoo
        return [
            {"type": "sale", "label": _("Sale Order"), "priority": 60,
             "stock": {
                 "joins": ["LEFT JOIN sale_order_line sol ON sol.id = m.sale_line_id"],
                 "when": "sol.order_id IS NOT NULL",
                 "name": "(SELECT so.name FROM sale_order so WHERE so.id = sol.order_id)",
                 "columns": {"sale_order_id": "sol.order_id"}},
             "money": {
                 "joins": ["""LEFT JOIN LATERAL (
                   SELECT so.id, so.name
                     FROM account_invoice_line il
                     JOIN sale_order_line_invoice_rel rel
                       ON rel.invoice_line_id = il.id
                     JOIN sale_order_line sol ON sol.id = rel.order_line_id
                     JOIN sale_order so ON so.id = sol.order_id
                    WHERE il.invoice_id = inv.id
                    ORDER BY so.id LIMIT 1) so ON TRUE"""],
                 "when": "so.id IS NOT NULL",
                 "name": "so.name",
                 "columns": {"sale_order_id": "so.id"}}},
            {"type": "customer_return", "label": _("Customer Return"), "priority": 40,
             "stock": {
                 "joins": [STOCK_ORDER_RETURN_JOIN],
                 "when": "ocr.kind = 'return'", "name": "ocr.name",
                 "columns": ORDER_RETURN_COLUMNS},
             "money": {
                 "joins": [MONEY_ORDER_RETURN_JOIN],
                 "when": "ocr.kind = 'return'", "name": "ocr.name",
                 "columns": ORDER_RETURN_COLUMNS}},
            {"type": "customer_exchange", "label": _("Customer Exchange"), "priority": 50,
             # no money part: the money report does not tell exchanges apart
             "stock": {
                 "joins": [STOCK_ORDER_RETURN_JOIN],
                 "when": "ocr.kind = 'exchange'", "name": "ocr.name",
                 "columns": ORDER_RETURN_COLUMNS}},
        ]

    @api.model
    def _selection_document_type(self):
        return self._get_document_types()

    @api.model
    def _get_document_types(self):
        return [(document["type"], document["label"]) for document in self._get_documents()] \
            + [("other", _("Other"))]

    @api.model
    def _document_sql(self, default_name):
        """SELECT expressions of the document type, name and columns of
        this report (``_document_report``), and its joins."""
        parts = [(document["priority"], document["type"], document[self._document_report])
                 for document in self._get_documents() if document.get(self._document_report)]
        joins, columns = [], {}
        for __, __, part in parts:
            joins += [join for join in part.get("joins", ()) if join not in joins]
            for column, expression in part.get("columns", {}).items():
                expressions = columns.setdefault(column, [])
                if expression not in expressions:
                    expressions.append(expression)
        cases = sorted(parts, key=lambda item: item[0])
        type_sql = "CASE %s ELSE 'other' END" % " ".join(
            "WHEN %s THEN '%s'" % (part["when"], doc_type)
            for __, doc_type, part in cases) if cases else "'other'"
        name_sql = "CASE %s ELSE %s END" % (" ".join(
            "WHEN %s THEN %s" % (part["when"], part["name"])
            for __, __, part in cases), default_name) if cases else default_name
        selects = ["%s AS document_type" % type_sql, "%s AS document" % name_sql]
        selects += ["%s AS %s" % (expressions[0] if len(expressions) == 1
                                  else "COALESCE(%s)" % ", ".join(expressions), column)
                    for column, expressions in columns.items()]
        return ",\n".join(selects), "\n".join(joins)
