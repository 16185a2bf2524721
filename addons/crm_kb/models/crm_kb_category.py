from odoo import _, api, fields, models


class CrmKbCategory(models.Model):
    """A folder of the knowledge tree (产品知识 / 空调 / ...). Product and
    competitor pages are categories whose articles start from the category's
    template body."""

    _name = "crm.kb.category"
    _description = "Knowledge Category"
    _inherit = ["mail.thread", "crm.tree.mixin"]

    name = fields.Char(required=True, translate=True, track_visibility="onchange")
    parent_id = fields.Many2one("crm.kb.category", string="Parent Category", index=True,
                                ondelete="restrict")
    child_ids = fields.One2many("crm.kb.category", "parent_id", string="Sub-categories")
    category_type = fields.Selection(
        "_selection_category_type", string="Page Type", required=True, default="general",
        help="Product and competitor categories hold knowledge pages that start from the "
             "template below.")
    template_body = fields.Html(
        "Article Template", help="Body given to new articles of this category.")
    reviewer_ids = fields.Many2many(
        "res.users", "crm_kb_category_reviewer_rel", "category_id", "user_id",
        string="Reviewers",
        help="Who may publish the articles of this category. Empty: reviewers of the parent "
             "category, or any Supervisor.")
    approver_may_author = fields.Boolean(
        "Authors May Publish",
        help="Let a reviewer publish an article they wrote or submitted themselves. "
             "Off: another reviewer must publish it.")
    editor_ids = fields.Many2many(
        "res.users", "crm_kb_category_editor_rel", "category_id", "user_id",
        string="Editors", help="Receive the readers' feedback on the articles as activities.")
    article_ids = fields.One2many("crm.kb.article", "category_id", string="Articles")
    article_count = fields.Integer(compute="_compute_article_count")
    description = fields.Text()

    def _compute_article_count(self):
        groups = self.env["crm.kb.article"].read_group(
            [("category_id", "in", self.ids)], ["category_id"], ["category_id"])
        counts = {g["category_id"][0]: g["category_id_count"] for g in groups}
        for category in self:
            category.article_count = counts.get(category.id, 0)

    @api.model
    def _selection_category_type(self):
        return [("general", _("General")), ("product", _("Product")),
                ("competitor", _("Competitor")), ("policy", _("Policy")),
                ("faq", _("FAQ"))]

    def _tree_cycle_message(self):
        return _("A category cannot be its own parent or ancestor.")

    def _kb_reviewers(self):
        """Reviewers of this category: its own, else the nearest parent's."""
        self.ensure_one()
        category = self.sudo()
        while category:
            if category.reviewer_ids:
                return category.reviewer_ids
            category = category.parent_id
        return self.env["res.users"]

    def _kb_editors(self):
        self.ensure_one()
        category = self.sudo()
        while category:
            if category.editor_ids or category.reviewer_ids:
                return category.editor_ids | category.reviewer_ids
            category = category.parent_id
        return self.env["res.users"]

    @api.multi
    def action_view_articles(self):
        self.ensure_one()
        action = self.env.ref("crm_kb.crm_kb_article_action_manage").read()[0]
        action["domain"] = [("category_id", "child_of", self.id)]
        action["context"] = {"default_category_id": self.id}
        return action
