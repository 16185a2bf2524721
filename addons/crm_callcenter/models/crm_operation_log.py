from odoo import api, fields, models
from odoo.http import request

OPERATIONS = [
    ("login", "Login"),
    ("export", "Export"),
    ("import", "Import"),
    ("delete", "Deletion"),
    ("flow", "Flow Action"),
    ("call", "Call"),
]


class CrmOperationLog(models.Model):
    """Audit trail of key actions: who did what, when, from which address.
    Written by the system only; read by Administrators."""

    _name = "crm.operation.log"
    _description = "Operation Log"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now,
                           index=True)
    user_id = fields.Many2one("res.users", string="User", readonly=True, index=True,
                              ondelete="set null")
    operation = fields.Selection(OPERATIONS, required=True, readonly=True, index=True)
    res_model = fields.Char("Document Type", readonly=True)
    res_ids = fields.Char("Documents", readonly=True)
    description = fields.Text(readonly=True)
    ip_address = fields.Char("IP Address", readonly=True)

    @api.model
    def _record(self, operation, description, records=None, user=None):
        """Add one line (as superuser: users cannot write the log). Private:
        over RPC anyone could otherwise forge or flood the audit log."""
        ip_address = False
        try:
            if request and request.httprequest:
                ip_address = request.httprequest.remote_addr
        except RuntimeError:  # no request bound (cron, shell, tests)
            ip_address = False
        ids = records.ids if records is not None else []
        return self.sudo().create({
            "operation": operation,
            "description": description,
            "user_id": (user or self.env.user).id,
            "res_model": records._name if records is not None else False,
            "res_ids": ",".join(str(i) for i in ids[:200]) + (" ..." if len(ids) > 200 else ""),
            "ip_address": ip_address,
        })
