from odoo import api, fields, models


class CrmKbArticleStat(models.Model):
    """Views and hot ranking of an article, kept in a narrow table: counting
    a view must not rewrite the article row and its search vectors."""

    _name = "crm.kb.article.stat"
    _description = "Knowledge Article Popularity"
    _order = "pinned desc, hot_score desc, id"
    _rec_name = "article_id"

    article_id = fields.Many2one("crm.kb.article", required=True, ondelete="cascade",
                                 index=True)
    category_id = fields.Many2one(related="article_id.category_id", readonly=True)
    code = fields.Char(related="article_id.code", readonly=True)
    view_count = fields.Integer("Views", readonly=True)
    hot_adjust = fields.Integer("Adjustment",
                                help="Added to the views to give the hot score.")
    pinned = fields.Boolean(help="Pinned articles head the hot list.")
    hot_score = fields.Integer(compute="_compute_hot_score", store=True)

    _sql_constraints = [
        ("article_uniq", "unique (article_id)", "One popularity row per article."),
    ]

    @api.depends("view_count", "hot_adjust")
    def _compute_hot_score(self):
        for stat in self:
            stat.hot_score = stat.view_count + stat.hot_adjust

    @api.model
    def _add_views(self, article_ids):
        """Count one view of each article (private: a public method let any
        user rewrite the hot list with any count)."""
        return self._bump_views(sorted(set(int(i) for i in article_ids or ())), 1)

    @api.model
    def _seed_views(self, article_ids, count):
        """Set-up only (demo data, tests): add ``count`` views at once."""
        return self._bump_views(list(article_ids or ()), int(count))

    def _bump_views(self, article_ids, count):
        if not article_ids or count <= 0:
            return
        self.env.cr.execute(
            "INSERT INTO crm_kb_article_stat (article_id, view_count, hot_adjust, hot_score, "
            "pinned, create_uid, create_date, write_uid, write_date) "
            "SELECT id, %s, 0, %s, false, %s, now() at time zone 'UTC', %s, "
            "now() at time zone 'UTC' FROM unnest(%s) AS id "
            "ON CONFLICT (article_id) DO UPDATE SET "
            "view_count = crm_kb_article_stat.view_count + EXCLUDED.view_count, "
            "hot_score = crm_kb_article_stat.hot_score + EXCLUDED.view_count",
            (count, count, self.env.uid, self.env.uid, list(article_ids)))
        self.invalidate_cache(["view_count", "hot_score"])

    @api.model
    def _kb_hot_list(self, limit=10):
        """[{id, name, code, views}] of the hottest readable current articles."""
        Article = self.env["crm.kb.article"]
        readable = Article.search(Article._kb_search_domain())
        stats = self.sudo().search([("article_id", "in", readable.ids)], limit=limit)
        return [{"id": stat.article_id.id, "name": stat.article_id.name,
                 "code": stat.article_id.code or "", "views": stat.view_count}
                for stat in stats]
