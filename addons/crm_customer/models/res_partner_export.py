from datetime import datetime

from odoo import _, api, fields, models

from ..spreadsheet.writer import write_text, write_xlsx

EXPORT_FIELDS = [
    "customer_code", "name", "cc_contact_name", "gender", "mobile", "phone",
    "mobile_location", "phone_location", "email", "cc_category_id", "cc_source_id",
    "cc_region_id", "cc_industry_id", "cc_value_level_id", "street", "city",
]


class ResPartner(models.Model):
    """Export the customers of the current list (its selection or its whole
    filter) to .xlsx or tab-separated text."""

    _inherit = "res.partner"

    @api.multi
    def action_cc_export_xlsx(self):
        return self._cc_export("xlsx")

    @api.multi
    def action_cc_export_txt(self):
        return self._cc_export("txt")

    def _cc_export_records(self):
        domain = self.env.context.get("active_domain")
        if domain and self.env.context.get("cc_export_whole_domain"):
            return self.search(domain)
        return self

    def _cc_export_table(self):
        descriptions = self.fields_get(EXPORT_FIELDS)
        headers = [descriptions[name]["string"] for name in EXPORT_FIELDS]
        selections = {name: dict(descriptions[name].get("selection") or [])
                      for name in EXPORT_FIELDS}
        rows = []
        for record in self.read(EXPORT_FIELDS):
            row = []
            for name in EXPORT_FIELDS:
                value = record[name]
                if isinstance(value, (list, tuple)):
                    value = value[1] if value else ""
                elif selections[name]:
                    value = selections[name].get(value, "")
                row.append(value or "")
            rows.append(row)
        return headers, rows

    def _cc_export(self, fmt):
        records = self._cc_export_records()
        headers, rows = records._cc_export_table()
        stamp = fields.Datetime.context_timestamp(self, datetime.now()).strftime("%Y%m%d-%H%M%S")
        if fmt == "xlsx":
            data, name = write_xlsx(headers, rows, _("Customers")), "customers-%s.xlsx" % stamp
        else:
            data, name = write_text(headers, rows), "customers-%s.txt" % stamp
        self.env["crm.operation.log"]._record("export", "export_file", records, file=name)
        # for the exporter only (an unlinked attachment is readable by all)
        return self.env["crm.export.file"]._crm_download(name, data)
