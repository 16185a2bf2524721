from odoo import _, api, models


class CrmDocumentDetailMixin(models.AbstractModel):
    _inherit = "crm.document.detail.mixin"

    @api.model
    def _get_document_types(self):
        types = super()._get_document_types()
        codes = [code for code, __ in types]
        other = codes.index("other") if "other" in codes else len(types)
        return types[:other] + [
            ("purchase", _("Purchase Order")),
            ("supplier_return", _("Return to Supplier")),
            ("supplier_exchange", _("Exchange with Supplier")),
        ] + types[other:]
