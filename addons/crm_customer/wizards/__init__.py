from . import res_partner_bulk_message, res_partner_import, res_partner_import_column
