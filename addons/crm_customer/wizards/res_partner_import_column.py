from odoo import api, fields, models

from .res_partner_import import HEADER_SYNONYMS


class ResPartnerImportColumn(models.TransientModel):
    _name = "res.partner.import.column"
    _description = "Import Customers: Column"
    _order = "column_index"

    import_id = fields.Many2one("res.partner.import", required=True, ondelete="cascade")
    column_index = fields.Integer(readonly=True)
    header = fields.Char("Column", readonly=True)
    field_name = fields.Selection("_get_target_fields", string="Import Into")

    @api.model
    def _get_target_fields(self):
        Partner = self.env["res.partner"]
        targets = [(name, Partner._fields[name].get_description(self.env)["string"])
                   for name in HEADER_SYNONYMS]
        return targets + [(a.field_name, a.name)
                          for a in self.env["crm.customer.attribute"]._for_company()]
