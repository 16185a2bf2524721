"""Upload a PBX's CDR file (Master.csv) to recover the calls the listener
missed (CC-7), for Administrators."""
import base64

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class CrmPbxCdrImport(models.TransientModel):
    _name = "crm.pbx.cdr.import"
    _description = "Reconcile Calls from CDRs"
    _max_upload_bytes = 50 * 1024 * 1024

    pbx_id = fields.Many2one("crm.pbx", "Phone System", required=True,
                             default=lambda self: self.env.context.get("active_id"))
    data = fields.Binary("Master.csv", required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    @api.multi
    def action_reconcile(self):
        self.ensure_one()
        if not (self.env.user._is_superuser()
                or self.env.user.has_group("crm_callcenter.group_admin")):
            raise AccessError(_("Only Administrators reconcile CDRs."))
        # the file is decoded and parsed in memory: refuse it before that
        if len(self.data or b"") * 3 // 4 > self._max_upload_bytes:
            raise UserError(_("The file is too large (at most %d MB): upload the "
                              "part since the last reconciliation.")
                            % (self._max_upload_bytes // 1048576))
        try:
            data = base64.b64decode(self.data or b"")
        except ValueError:
            raise UserError(_("The file could not be read."))
        outcome = self.pbx_id._cc_reconcile_cdr_data(data)
        lines = [outcome["message"]] + [
            _("Line %d: %s") % (number, reason) for number, reason in outcome["errors"][:50]]
        self.result = "\n".join(lines)
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}
