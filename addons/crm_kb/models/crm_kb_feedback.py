from odoo import _, api, fields, models


class CrmKbFeedback(models.Model):
    """A reader's rating and comment on an article; the category's editors
    get an activity to look at it."""

    _name = "crm.kb.feedback"
    _description = "Knowledge Feedback"
    _order = "id desc"

    article_id = fields.Many2one("crm.kb.article", required=True, index=True,
                                 ondelete="cascade")
    user_id = fields.Many2one("res.users", required=True, readonly=True,
                              default=lambda self: self.env.user)
    rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")], required=True,
        default="5")
    rating_value = fields.Integer(compute="_compute_rating_value", store=True,
                                  group_operator="avg")
    comment = fields.Text()

    @api.depends("rating")
    def _compute_rating_value(self):
        for feedback in self:
            feedback.rating_value = int(feedback.rating or 0)

    @api.model
    def create(self, vals):
        vals["user_id"] = self.env.uid
        feedback = super().create(vals)
        article = feedback.article_id
        article.check_access_rule("read")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for editor in article.category_id._kb_editors():
            article._activity_schedule_kb(
                editor, activity_type,
                _("Feedback %s/5 from %s") % (feedback.rating, self.env.user.name),
                feedback.comment or "")
        return feedback
