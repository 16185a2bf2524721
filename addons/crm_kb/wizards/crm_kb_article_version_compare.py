from odoo import api, fields, models

from ..models.crm_kb_article_version import html_diff


class CrmKbArticleVersionCompare(models.TransientModel):
    """Two versions of an article side by side, differences marked."""

    _name = "crm.kb.article.version.compare"
    _description = "Compare Knowledge Article Versions"

    article_id = fields.Many2one("crm.kb.article", required=True)
    old_version_id = fields.Many2one(
        "crm.kb.article.version", "Older Version", required=True,
        domain="[('article_id', '=', article_id)]")
    new_version_id = fields.Many2one(
        "crm.kb.article.version", "Newer Version", required=True,
        domain="[('article_id', '=', article_id)]")
    diff_html = fields.Html("Differences", compute="_compute_diff_html", sanitize=False)

    @api.depends("old_version_id", "new_version_id")
    def _compute_diff_html(self):
        for compare in self:
            if compare.old_version_id and compare.new_version_id:
                compare.diff_html = html_diff(compare.old_version_id._diff_lines(),
                                              compare.new_version_id._diff_lines())
            else:
                compare.diff_html = False

    @api.multi
    def action_open(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self._name,
                "res_id": self.id, "view_mode": "form", "target": "new",
                "name": self.article_id.name}
