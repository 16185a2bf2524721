from odoo import _, api, fields, models


class CrmKbArticleMove(models.TransientModel):
    """Move the selected articles to another category."""

    _name = "crm.kb.article.move"
    _description = "Move Knowledge Articles"

    category_id = fields.Many2one("crm.kb.category", "Move To", required=True)
    article_ids = fields.Many2many(
        "crm.kb.article", string="Articles",
        default=lambda self: self.env.context.get("active_ids", []))

    @api.multi
    def action_move(self):
        self.ensure_one()
        articles = self.article_ids
        articles.filtered(lambda a: a.state == "published")._kb_check_can_review()
        articles.write({"category_id": self.category_id.id})
        for article in articles:
            article.message_post(body=self.category_id.complete_name,
                                 subject=_("Moved"))
        return {"type": "ir.actions.act_window_close"}
