from odoo import api, models


class CrmDocumentDetailMixin(models.AbstractModel):
    _inherit = "crm.document.detail.mixin"

    @api.model
    def _get_document_types(self):
        types = super()._get_document_types()
        other = types.index(("other", "Other"))
        return types[:other] + [
            ("purchase", "Purchase Order"),
            ("supplier_return", "Return to Supplier"),
            ("supplier_exchange", "Exchange with Supplier"),
        ] + types[other:]
