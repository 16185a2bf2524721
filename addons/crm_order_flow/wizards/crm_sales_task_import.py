import base64

from odoo import _, api, fields, models


class CrmSalesTaskImport(models.TransientModel):
    _name = "crm.sales.task.import"
    _description = "Import Target Customers"

    task_id = fields.Many2one("crm.sales.task", required=True)
    file = fields.Binary(required=True)
    filename = fields.Char()

    @api.multi
    def action_import(self):
        self.ensure_one()
        missing = self.task_id._cc_import_customers(
            self.filename, base64.b64decode(self.file))
        if missing:
            self.task_id.message_post(
                body=_("Rows not matched to a customer: %s")
                % ", ".join(str(r) for r in missing))
        return {"type": "ir.actions.act_window_close"}
