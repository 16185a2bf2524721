from odoo import api, fields, models


class CrmKbTopic(models.Model):
    """A keyword a user follows: new articles whose title or keywords
    contain it are notified to them (categories are followed with the
    usual Follow button)."""

    _name = "crm.kb.topic"
    _description = "Followed Knowledge Topic"
    _order = "user_id, keyword"
    _rec_name = "keyword"

    user_id = fields.Many2one("res.users", required=True, index=True,
                              default=lambda self: self.env.user, ondelete="cascade")
    keyword = fields.Char(required=True)

    _sql_constraints = [
        ("keyword_uniq", "unique (user_id, keyword)", "You already follow this keyword."),
    ]

    @api.model
    def _kb_matching_partners(self, article):
        haystack = " ".join(filter(None, [article.name, article.keywords])).lower()
        topics = self.search([])
        return topics.filtered(lambda t: t.keyword.strip().lower() in haystack).mapped(
            "user_id.partner_id")
