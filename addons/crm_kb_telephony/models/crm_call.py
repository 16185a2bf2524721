"""The knowledge base in the screen pop (KB-6): the agent searches while the
caller talks and inserts an article's answer into the call's notes."""
from odoo import _, api, models


class CrmCall(models.Model):
    _inherit = "crm.call"

    @api.multi
    def action_cc_knowledge(self):
        self.ensure_one()
        action = self.env.ref("crm_kb.crm_kb_article_insert_action").read()[0]
        action["name"] = _("Knowledge Base")
        action["context"] = {
            "active_model": "crm.call", "active_id": self.id, "kb_answer_field": "note",
            "kb_text": self.note or "",
        }
        return action
