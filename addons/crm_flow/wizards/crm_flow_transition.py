from odoo import api, fields, models

from ..constants import OUTCOMES


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
        # only files the user uploaded in this dialog, linked to no record
        # yet (or already on the first document): AccessError otherwise
        attachments = self.env["ir.attachment"].browse(
            self.sudo().attachment_ids.ids)
        for attachment in attachments:
            attachment._crm_adopt(documents[:1])
        documents.crm_flow_act(self.outcome, note=self.note,
                               attachment_ids=self.attachment_ids.ids)
        return {"type": "ir.actions.act_window_close"}
