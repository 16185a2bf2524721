from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..models.crm_flow_log import OUTCOMES


class CrmFlowTransition(models.TransientModel):
    """Dialog shown when a user handles a step: outcome, note, attachments."""

    _name = "crm.flow.transition"
    _description = "Handle a Flow Step"

    res_model = fields.Char(required=True)
    res_ids = fields.Char(required=True, help="Comma-separated document ids.")
    outcome = fields.Selection(
        [o for o in OUTCOMES if o[0] != "start"], required=True)
    note = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

    def _documents(self):
        ids = [int(i) for i in self.res_ids.split(",") if i.strip()]
        return self.env[self.res_model].browse(ids)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        documents = self._documents()
        loose = self.attachment_ids.filtered(lambda a: not a.res_id)
        # a file nobody linked yet (e.g. someone's export) is not the
        # user's to hand to the document's readers: only their own uploads
        if loose.filtered(lambda a: a.create_uid.id != self.env.uid):
            raise AccessError(_("You can only attach files you uploaded yourself."))
        loose.write({
            "res_model": self.res_model,
            "res_id": documents[:1].id,
        })
        documents.crm_flow_act(self.outcome, note=self.note,
                               attachment_ids=self.attachment_ids.ids)
        return {"type": "ir.actions.act_window_close"}
