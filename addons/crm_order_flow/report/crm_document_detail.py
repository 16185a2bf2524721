from odoo import _, api, models


class CrmDocumentDetailMixin(models.AbstractModel):
    """What the stock and money detail reports share: each row belongs to a
    business document (a sale order, a customer return...), found by SQL
    joins that other add-ons extend (crm_order_supplier adds purchase
    orders and returns to suppliers).

    ``_document_joins`` adds joins to the report's query; ``_document_cases``
    lists ``(condition, type, name)`` in priority order, the first true
    condition giving the row's document type and document name;
    ``_document_columns`` adds ``(column, expression)`` pairs."""

    _name = "crm.document.detail.mixin"
    _description = "Stock and Money Detail Documents"

    @api.model
    def _selection_document_type(self):
        return self._get_document_types()

    @api.model
    def _get_document_types(self):
        # a selection from a method is not translated by Odoo: _() here
        return [
            ("sale", _("Sale Order")),
            ("customer_return", _("Customer Return")),
            ("customer_exchange", _("Customer Exchange")),
            ("other", _("Other")),
        ]

    @api.model
    def _document_joins(self):
        return []

    @api.model
    def _document_cases(self):
        return []

    @api.model
    def _document_columns(self):
        return []

    @api.model
    def _document_sql(self, default_name):
        """SELECT expressions of the document type, name and extra
        columns."""
        cases = self._document_cases()
        type_sql = "CASE %s ELSE 'other' END" % " ".join(
            "WHEN %s THEN '%s'" % (condition, doc_type)
            for condition, doc_type, __ in cases) if cases else "'other'"
        name_sql = "CASE %s ELSE %s END" % (" ".join(
            "WHEN %s THEN %s" % (condition, name)
            for condition, __, name in cases), default_name) \
            if cases else default_name
        columns = ["%s AS document_type" % type_sql,
                   "%s AS document" % name_sql]
        columns += ["%s AS %s" % (expression, column)
                    for column, expression in self._document_columns()]
        return ",\n".join(columns), "\n".join(self._document_joins())
