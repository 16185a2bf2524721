from odoo import api, models


class CrmTicketStep(models.TransientModel):
    _inherit = "crm.ticket.step"

    @api.model
    def default_get(self, fields_list):
        """The reply starts from the answer inserted from the knowledge base."""
        values = super().default_get(fields_list)
        if "reply_note" in fields_list and not values.get("reply_note"):
            ids = []
            for command in values.get("ticket_ids") or []:
                if isinstance(command, (list, tuple)) and command[0] == 6:
                    ids = command[2]
            drafts = self.env["crm.ticket"].browse(ids).mapped("kb_draft_answer")
            if drafts and drafts[0]:
                values["reply_note"] = drafts[0]
        return values
