from odoo import _, api, fields, models


class CrmTicket(models.Model):
    _inherit = "crm.ticket"

    kb_draft_answer = fields.Text(
        "Draft Answer", copy=False,
        help="Answers inserted from the knowledge base; the reply step starts from it.")
    kb_suggestion_ids = fields.Many2many(
        "crm.kb.article", compute="_compute_kb_suggestion_ids", string="Suggested Articles")

    @api.depends("description", "subject")
    def _compute_kb_suggestion_ids(self):
        Article = self.env["crm.kb.article"]
        for ticket in self:
            text = " ".join(filter(None, [ticket.subject, ticket.description]))
            found = Article._kb_suggest(text, limit=5) if text else []
            ticket.kb_suggestion_ids = Article.browse([item["id"] for item in found])

    @api.multi
    def action_kb_insert(self):
        self.ensure_one()
        action = self.env.ref("crm_kb.crm_kb_article_insert_action").read()[0]
        action["name"] = _("Knowledge Base")
        action["context"] = {
            "active_model": "crm.ticket", "active_id": self.id,
            "kb_answer_field": "kb_draft_answer",
            "kb_text": " ".join(filter(None, [self.subject, self.description])),
        }
        return action
