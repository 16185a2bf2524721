import difflib

from odoo import _, api, fields, models

from ..kbtext import extract


class CrmKbArticleVersion(models.Model):
    """A published state of an article: who published what, and when."""

    _name = "crm.kb.article.version"
    _description = "Knowledge Article Version"
    _order = "article_id, version desc"
    _rec_name = "display_label"

    article_id = fields.Many2one("crm.kb.article", required=True, index=True,
                                 ondelete="cascade")
    version = fields.Integer(required=True)
    display_label = fields.Char(compute="_compute_display_label")
    name = fields.Char("Title")
    code = fields.Char()
    keywords = fields.Char()
    body = fields.Html(sanitize=False)
    user_id = fields.Many2one("res.users", "Published By", required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    note = fields.Char("Changes")

    _sql_constraints = [
        ("version_uniq", "unique (article_id, version)", "Version numbers are unique per "
                                                         "article."),
    ]

    @api.depends("version", "date")
    def _compute_display_label(self):
        for version in self:
            version.display_label = _("v%s (%s)") % (version.version, version.date or "")

    @api.multi
    def action_compare_previous(self):
        self.ensure_one()
        previous = self.search([("article_id", "=", self.article_id.id),
                                ("version", "<", self.version)], limit=1)
        compare = self.env["crm.kb.article.version.compare"].create({
            "article_id": self.article_id.id,
            "old_version_id": (previous or self).id, "new_version_id": self.id})
        return compare.action_open()

    def _diff_lines(self):
        self.ensure_one()
        lines = [_("Title: %s") % (self.name or ""), _("Code: %s") % (self.code or ""),
                 _("Keywords: %s") % (self.keywords or "")]
        return lines + extract.html_to_text(self.body).split("\n")


def html_diff(old_lines, new_lines):
    """Side-by-side HTML table of the differences (difflib)."""
    differ = difflib.HtmlDiff(wrapcolumn=70)
    return differ.make_table(old_lines, new_lines, context=False)
