# size: the article's review life cycle (submit to expiry), versions and favourites, one model
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_security.models.owned_fields import APPROVAL

CONTENT_FIELDS = ("name", "code", "keywords", "body", "attachment_ids")
#: who reads a published article and when: changed by its reviewers only
PUBLICATION_FIELDS = ("visibility", "department_ids", "date_publish", "date_expiry")


class CrmKbArticle(models.Model):
    """A knowledge point: written by editors, published by the category's
    reviewers, read (and searched) by agents, public ones on the portal."""

    _name = "crm.kb.article"
    _description = "Knowledge Article"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, id desc"
    # readers comment on the articles they can read (KB-7)
    _mail_post_access = "read"
    # the state only moves through the approval actions below; a new
    # article starts as a draft (the default)
    _crm_owned_fields = {"state": APPROVAL, "published_uid": APPROVAL,
                         "submitted_uid": APPROVAL}

    name = fields.Char("Title", required=True, track_visibility="onchange")
    code = fields.Char(
        copy=False, index=True, track_visibility="onchange",
        help="Unique code agents can type to open the article at once (e.g. KB-AC-001).")
    keywords = fields.Char(help="Words customers use for this topic, separated by commas.")
    body = fields.Html(translate=False)
    body_text = fields.Text(readonly=True, copy=False)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_id = fields.Many2one("crm.kb.category", required=True, index=True,
                                  ondelete="restrict", track_visibility="onchange")
    category_type = fields.Selection(related="category_id.category_type", readonly=True,
                                     store=True)
    related_article_ids = fields.Many2many(
        "crm.kb.article", "crm_kb_article_related_rel", "article_id", "related_id",
        string="Related Articles")
    related_category_ids = fields.Many2many(
        "crm.kb.category", "crm_kb_article_category_rel", "article_id", "category_id",
        string="Related Categories")
    attachment_ids = fields.Many2many(
        "ir.attachment", "crm_kb_article_attachment_rel", "article_id", "attachment_id",
        string="Attachments", copy=False,
        help="Their text (PDF, DOCX, TXT) is searched with the article.")
    attachment_text = fields.Text(readonly=True, copy=False)
    is_new_business = fields.Boolean("New Business")
    state = fields.Selection(
        "_selection_state", default="draft", required=True, index=True, copy=False,
        track_visibility="onchange")
    visibility = fields.Selection(
        "_selection_visibility", default="internal", required=True,
        track_visibility="onchange",
        help="Internal: every agent. Departments: only the members of the departments below "
             "(and of their sub-departments). Public: also customers on the portal.")
    department_ids = fields.Many2many(
        "crm.department", "crm_kb_article_department_rel", "article_id", "department_id",
        string="Departments")
    date_publish = fields.Datetime("Publish On", copy=False, track_visibility="onchange")
    date_expiry = fields.Datetime("Expires On", copy=False, track_visibility="onchange")
    published_uid = fields.Many2one("res.users", "Published By", readonly=True, copy=False)
    submitted_uid = fields.Many2one("res.users", "Submitted By", readonly=True, copy=False)
    announce = fields.Boolean(
        "Publish as Announcement",
        help="On publication, also announce the article to its departments for a week.")
    is_current = fields.Boolean(
        "Current", compute="_compute_is_current", search="_search_is_current",
        help="Published, its publish date reached and not expired.")
    version_ids = fields.One2many("crm.kb.article.version", "article_id", string="Versions",
                                  readonly=True)
    version_count = fields.Integer(compute="_compute_version_count")
    favourite_user_ids = fields.Many2many(
        "res.users", "crm_kb_article_favourite_rel", "article_id", "user_id",
        string="Favourite of", copy=False)
    is_favourite = fields.Boolean(
        "My Favourite", compute="_compute_is_favourite", search="_search_is_favourite")
    view_count = fields.Integer("Views", compute="_compute_stat")
    hot_score = fields.Integer(compute="_compute_stat")
    feedback_ids = fields.One2many("crm.kb.feedback", "article_id", string="Feedback")
    rating_avg = fields.Float("Average Rating", compute="_compute_rating_avg", digits=(3, 1))

    _sql_constraints = [
        ("code_uniq", "unique (code)", "Article codes must be unique."),
    ]

    def _compute_is_current(self):
        now = fields.Datetime.now()
        for article in self:
            article.is_current = (
                article.state == "published"
                and (not article.date_publish or article.date_publish <= now)
                and (not article.date_expiry or article.date_expiry > now))

    def _search_is_current(self, operator, value):
        now = fields.Datetime.now()
        current = ["&", "&", ("state", "=", "published"),
                   "|", ("date_publish", "=", False), ("date_publish", "<=", now),
                   "|", ("date_expiry", "=", False), ("date_expiry", ">", now)]
        if (operator == "=") == bool(value):
            return current
        return ["!"] + current

    def _compute_version_count(self):
        groups = self.env["crm.kb.article.version"].sudo().read_group(
            [("article_id", "in", self.ids)], ["article_id"], ["article_id"])
        counts = {g["article_id"][0]: g["article_id_count"] for g in groups}
        for article in self:
            article.version_count = counts.get(article.id, 0)

    def _compute_is_favourite(self):
        uid = self.env.uid
        self.env.cr.execute(
            "SELECT article_id FROM crm_kb_article_favourite_rel "
            "WHERE user_id = %s AND article_id IN %s", (uid, tuple(self.ids) or (0,)))
        mine = {row[0] for row in self.env.cr.fetchall()}
        for article in self:
            article.is_favourite = article.id in mine

    def _search_is_favourite(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("favourite_user_ids", "in" if positive else "not in", [self.env.uid])]

    def _compute_stat(self):
        stats = self.env["crm.kb.article.stat"].sudo().search(
            [("article_id", "in", self.ids)])
        by_article = {stat.article_id.id: stat for stat in stats}
        for article in self:
            stat = by_article.get(article.id)
            article.view_count = stat.view_count if stat else 0
            article.hot_score = stat.hot_score if stat else 0

    def _compute_rating_avg(self):
        groups = self.env["crm.kb.feedback"].sudo().read_group(
            [("article_id", "in", self.ids)], ["article_id", "rating_value"], ["article_id"])
        averages = {g["article_id"][0]: g["rating_value"] for g in groups}
        for article in self:
            article.rating_avg = averages.get(article.id, 0.0)

    @api.model
    def _selection_state(self):
        return [("draft", _("Draft")), ("review", _("In Review")),
                ("published", _("Published")), ("expired", _("Expired")),
                ("retired", _("Retired"))]

    @api.model
    def _selection_visibility(self):
        return [("internal", _("Internal")), ("department", _("Departments")),
                ("public", _("Public"))]

    @api.onchange("category_id")
    def _onchange_category_id(self):
        template = self.category_id.template_body
        if template and not self.body:
            self.body = template

    @api.model
    def create(self, vals):
        if vals.get("code"):
            vals["code"] = vals["code"].strip().upper()
        if "body" not in vals and vals.get("category_id"):
            template = self.env["crm.kb.category"].browse(vals["category_id"]).template_body
            if template:
                vals["body"] = template
        article = super().create(vals)
        article._kb_attach()
        article._kb_reindex(attachments=True)
        return article

    @api.multi
    def write(self, vals):
        if vals.get("code"):
            vals["code"] = vals["code"].strip().upper()
        changed = [name for name in CONTENT_FIELDS if name in vals]
        published = self.filtered(lambda a: a.state == "published")
        if published and (changed or set(vals) & set(PUBLICATION_FIELDS)):
            published._kb_check_can_review()
        before = self.env["ir.attachment"]._crm_relation_ids(
            self, "attachment_ids") if "attachment_ids" in vals else None
        result = super().write(vals)
        if changed:
            if "attachment_ids" in vals:
                self._kb_attach(before)
            self._kb_reindex(attachments="attachment_ids" in vals)
            for article in published:
                article._kb_snapshot(_("Edited while published"))
        return result

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        """Opening one article in the web client (its body is read, as the
        form does; the ORM's own prefetching reads with another ``load``)
        counts a view."""
        result = super().read(fields=fields, load=load)
        if (len(self) == 1 and fields and "body" in fields and load == "_classic_read"
                and not self.env.context.get("kb_no_view")):
            self.env["crm.kb.article.stat"].sudo()._add_views(self.ids)
        return result

    def _kb_attach(self, before=None):
        """Link the attachments added to each article (all of them on create,
        those gained since ``before`` on write) to it, so that reading them
        needs the right to read the article. Only files the user uploaded and
        that belong to no record may be added (AccessError otherwise)."""
        self.env["ir.attachment"]._crm_adopt_new(self, "attachment_ids", before)

    # approval -------------------------------------------------------------

    def _kb_user_can_review(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        if user.id == SUPERUSER_ID or user.has_group("crm_callcenter.group_admin"):
            return True
        reviewers = self.category_id._kb_reviewers()
        if reviewers:
            return user in reviewers
        return user.has_group("crm_callcenter.group_supervisor")

    def _kb_check_can_review(self):
        for article in self:
            if not article._kb_user_can_review():
                raise AccessError(_("Only the reviewers of the category \"%s\" may publish or "
                                    "change its published articles.")
                                  % article.category_id.complete_name)

    def _kb_transition(self, vals):
        return APPROVAL.run(self).write(vals)

    def _kb_authors(self):
        """Who wrote the article: its creator and whoever submitted it."""
        self.ensure_one()
        article = self.sudo()
        return article.create_uid | article.submitted_uid

    def _kb_check_not_author(self):
        """Unless its category lets authors approve, an article is published
        by somebody else than who wrote it (the system itself, e.g. demo data
        and scheduled jobs, excepted)."""
        if self.env.uid == SUPERUSER_ID:
            return
        for article in self:
            if article.category_id.sudo().approver_may_author:
                continue
            if self.env.user in article._kb_authors():
                raise AccessError(
                    _("You wrote the article \"%s\": another reviewer of the category "
                      "\"%s\" must publish it.")
                    % (article.name, article.category_id.complete_name))

    def _kb_close_review_activities(self):
        """Mark the review activities done, posted as the approver (the
        activities of other reviewers are theirs: closed as superuser)."""
        summary = _("Review the article")
        done = self.env.ref("mail.mt_activities").id
        author = self.env.user.partner_id.id
        for article in self:
            for activity in article.activity_ids.sudo().filtered(
                    lambda a: a.summary == summary):
                article.sudo().message_post_with_view(
                    "mail.message_activity_done", values={"activity": activity},
                    subtype_id=done, mail_activity_type_id=activity.activity_type_id.id,
                    author_id=author)
                activity.unlink()

    @api.multi
    def action_submit(self):
        for article in self:
            if article.state != "draft":
                raise UserError(_("Only draft articles can be submitted for review."))
            article._kb_transition({"state": "review", "submitted_uid": self.env.uid})
            activity_type = self.env.ref("mail.mail_activity_data_todo")
            for reviewer in article.category_id._kb_reviewers():
                article._activity_schedule_kb(reviewer, activity_type,
                                              _("Review the article"))
        return True

    def _activity_schedule_kb(self, user, activity_type, summary, note=""):
        """Schedule an activity on the article for ``user`` (Odoo 11 has no
        ``activity_schedule``)."""
        self.ensure_one()
        return self.env["mail.activity"].sudo().create({
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id, "user_id": user.id, "summary": summary, "note": note,
            "activity_type_id": activity_type.id,
            "date_deadline": self.env.user.company_id._cc_today()})

    @api.multi
    def action_publish(self):
        """Approve (from review) or publish directly (from draft): reviewers only."""
        self._kb_check_can_review()
        self._kb_check_not_author()
        now = fields.Datetime.now()
        for article in self:
            if article.state not in ("draft", "review", "expired", "retired"):
                raise UserError(_("The article \"%s\" is already published.") % article.name)
            vals = {"state": "published", "published_uid": self.env.uid}
            if not article.date_publish or article.state in ("expired", "retired"):
                vals["date_publish"] = now
            if article.date_expiry and article.date_expiry <= now:
                vals["date_expiry"] = False
            article._kb_transition(vals)
            article._kb_snapshot(_("Published"))
            article._kb_close_review_activities()
            if article.announce:
                article._kb_announce()
            article._kb_notify_followers()
        return True

    @api.multi
    def action_reject(self):
        self._kb_check_can_review()
        for article in self:
            if article.state != "review":
                raise UserError(_("Only articles in review can be sent back."))
            article._kb_transition({"state": "draft"})
            article.message_post(body=_("Sent back to draft by the reviewer."))
        return True

    @api.multi
    def action_retire(self):
        self._kb_check_can_review()
        self._kb_transition({"state": "retired"})
        return True

    @api.multi
    def action_draft(self):
        for article in self:
            if article.state not in ("retired", "review"):
                raise UserError(_("Only retired articles or articles in review go back to "
                                  "draft."))
        self._kb_transition({"state": "draft"})
        return True

    @api.multi
    def action_extend(self, days=90):
        """Push the expiry back (``days`` after the later of now and the
        current expiry); an expired article is published again."""
        self._kb_check_can_review()
        days = self.env.context.get("kb_extend_days", days)
        now = fields.Datetime.from_string(fields.Datetime.now())
        for article in self:
            start = max(now, fields.Datetime.from_string(article.date_expiry or
                                                         fields.Datetime.now()))
            vals = {"date_expiry": fields.Datetime.to_string(start + timedelta(days=days))}
            if article.state == "expired":
                vals["state"] = "published"
            article._kb_transition(vals)
        return True

    @api.model
    def _cron_expire(self):
        """Mark published articles whose expiry has passed as expired."""
        expired = self.sudo().search([("state", "=", "published"),
                                      ("date_expiry", "!=", False),
                                      ("date_expiry", "<=", fields.Datetime.now())])
        expired._kb_transition({"state": "expired"})
        return len(expired)

    # versions -------------------------------------------------------------

    def _kb_snapshot(self, note):
        Version = self.env["crm.kb.article.version"].sudo()
        for article in self:
            last = Version.search([("article_id", "=", article.id)], limit=1,
                                  order="version desc")
            changes = []
            for field, label in (("name", _("Title")), ("code", _("Code")),
                                 ("keywords", _("Keywords")), ("body", _("Body"))):
                if not last or (last[field] or "") != (article[field] or ""):
                    changes.append(label)
            if last and not changes:
                continue
            Version.create({
                "article_id": article.id, "version": (last.version or 0) + 1,
                "name": article.name, "code": article.code, "keywords": article.keywords,
                "body": article.body, "user_id": self.env.uid,
                "note": "%s: %s" % (note, ", ".join(changes))})

    @api.multi
    def action_view_versions(self):
        self.ensure_one()
        action = self.env.ref("crm_kb.crm_kb_article_version_action").read()[0]
        action["domain"] = [("article_id", "=", self.id)]
        return action

    # popularity -----------------------------------------------------------

    @api.multi
    def action_toggle_favourite(self):
        """Add the article to (or remove it from) my favourites."""
        self.check_access_rights("read")
        self.check_access_rule("read")
        self.invalidate_cache(["is_favourite"], self.ids)
        for article in self:
            command = 3 if article.is_favourite else 4
            article.sudo().write({"favourite_user_ids": [(command, self.env.uid)]})
        self.invalidate_cache(["is_favourite"], self.ids)
        return True

    @api.multi
    def kb_register_view(self):
        """Count one view of each article (kept in a narrow table so the big
        search vectors are not rewritten)."""
        self.check_access_rights("read")
        self.check_access_rule("read")
        self.env["crm.kb.article.stat"].sudo()._add_views(self.ids)
        return True

    @api.multi
    def _kb_answer_text(self):
        """Plain text of the article's answer, to insert into a ticket reply."""
        self.ensure_one()
        self.check_access_rule("read")
        return self.body_text or ""

    # announcements and topics ---------------------------------------------

    def _kb_announce(self):
        self.ensure_one()
        start = fields.Datetime.from_string(self.date_publish or fields.Datetime.now())
        return self.env["crm.kb.announcement"].sudo().create({
            "name": self.name, "article_id": self.id, "body": self.body,
            "department_ids": [(6, 0, self.department_ids.ids)],
            "date_start": fields.Datetime.to_string(start),
            "date_end": fields.Datetime.to_string(start + timedelta(days=7))})

    def _kb_notify_followers(self):
        """Tell the followers of the category (and its parents) and the users
        following a matching keyword that a new article is out."""
        self.ensure_one()
        partners = self.env["res.partner"]
        category = self.category_id.sudo()
        while category:
            partners |= category.message_partner_ids
            category = category.parent_id
        partners |= self.env["crm.kb.topic"].sudo()._kb_matching_partners(self)
        readers = partners.filtered(
            lambda p: any(self.sudo(u).search_count([("id", "=", self.id)])
                          for u in p.user_ids))
        readers -= self.env.user.partner_id
        if readers:
            # as superuser (the readers' partners may be beyond the
            # approver's reach), but written by the approver
            self.sudo().message_post(
                author_id=self.env.user.partner_id.id,
                body=_("New article published: %s") % self.name,
                subtype="mail.mt_comment", partner_ids=readers.ids)
