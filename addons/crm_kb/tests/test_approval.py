from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import KbCase


def in_days(days):
    return fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=days))


class TestApproval(KbCase):
    """KB-2: draft → in review → published by the category's reviewers;
    expiry, extension, retirement, moves and versions."""

    users = ("admin", "agent", "other_supervisor")

    def test_editor_submits_reviewer_publishes(self):
        article = self.new_article(publish=False)
        article.sudo(self.editor).action_submit()
        self.assertEqual(article.state, "review")
        todo = article.activity_ids.filtered(lambda a: a.user_id == self.reviewer)
        self.assertTrue(todo, "the reviewer got no activity")
        article.sudo(self.reviewer).action_publish()
        self.assertEqual(article.state, "published")
        self.assertEqual(article.published_uid, self.reviewer)
        self.assertTrue(article.date_publish)
        self.assertFalse(article.activity_ids, "the review activity was not closed")

    def test_editor_and_other_supervisor_cannot_publish(self):
        article = self.new_article(publish=False)
        article.sudo(self.editor).action_submit()
        for user in (self.editor, self.other_supervisor):
            with self.assertRaises(AccessError, msg="%s published" % user.login):
                article.sudo(user).action_publish()
        with self.assertRaises(AccessError):
            article.sudo(self.editor).write({"state": "published"})
        with self.assertRaises(AccessError):
            article.sudo(self.agent).action_publish()
        self.assertEqual(article.state, "review")

    def test_editor_cannot_unpublish_or_create_published_by_writing_state(self):
        article = self.new_article()
        with self.assertRaises(AccessError):
            article.sudo(self.editor).write({"state": "draft"})
        with self.assertRaises(AccessError):
            self.Article.sudo(self.editor).create({
                "name": "直接发布", "category_id": self.category.id, "state": "published"})
        self.assertEqual(article.state, "published")

    def test_reviewer_of_parent_category_and_admin_publish(self):
        child = self.Category.create({"name": "子分类", "parent_id": self.category.id})
        article = self.new_article(publish=False, category_id=child.id)
        self.assertTrue(article._kb_user_can_review(self.reviewer))
        self.assertFalse(article._kb_user_can_review(self.other_supervisor))
        self.assertTrue(article._kb_user_can_review(self.admin))

    def test_reviewer_sends_back(self):
        article = self.new_article(publish=False)
        article.sudo(self.editor).action_submit()
        article.sudo(self.reviewer).action_reject()
        self.assertEqual(article.state, "draft")
        with self.assertRaises(UserError):
            article.sudo(self.reviewer).action_reject()

    def test_agents_do_not_see_drafts(self):
        article = self.new_article(publish=False)
        self.assertFalse(self.Article.sudo(self.agent).search([("id", "=", article.id)]))
        article.sudo(self.reviewer).action_publish()
        self.assertTrue(self.Article.sudo(self.agent).search([("id", "=", article.id)]))

    def test_expired_leaves_search_and_lists_but_stays_in_history(self):
        article = self.new_article(name="过期政策", keywords="zqxj2026")
        current = [("is_current", "=", True), ("id", "=", article.id)]
        self.assertTrue(self.Article.sudo(self.agent).search(current))
        article.sudo(self.reviewer).date_expiry = in_days(-1)
        self.assertFalse(self.Article.sudo(self.agent).search(current))
        self.assertFalse(self.Article.sudo(self.agent).kb_search("zqxj2026"))
        self.Article._cron_expire()
        self.assertEqual(article.state, "expired")
        # still there for whoever opens the history
        self.assertEqual(article.sudo(self.agent).read(["name"])[0]["name"], "过期政策")
        self.assertTrue(article.version_ids)

    def test_not_yet_published_date_hides_article(self):
        article = self.new_article(date_publish=in_days(2), keywords="未来WL")
        self.assertEqual(article.state, "published")
        self.assertFalse(article.is_current)
        self.assertFalse(self.Article.sudo(self.agent).kb_search("未来WL"))

    def test_extend_republishes_expired(self):
        article = self.new_article(date_expiry=in_days(1))
        article.sudo(self.reviewer).date_expiry = in_days(-1)
        self.Article._cron_expire()
        article.sudo(self.reviewer).with_context(kb_extend_days=30).action_extend()
        self.assertEqual(article.state, "published")
        self.assertTrue(article.is_current)
        self.assertGreater(article.date_expiry, in_days(29))
        with self.assertRaises(AccessError):
            article.sudo(self.editor).action_extend()

    def test_retire_and_back_to_draft(self):
        article = self.new_article()
        article.sudo(self.reviewer).action_retire()
        self.assertEqual(article.state, "retired")
        self.assertFalse(self.Article.sudo(self.agent).search([("id", "=", article.id)]))
        article.sudo(self.editor).action_draft()
        self.assertEqual(article.state, "draft")

    def test_move_to_another_category(self):
        article = self.new_article(publish=False)
        target = self.Category.create({"name": "目标分类", "parent_id": self.root.id})
        wizard = self.env["crm.kb.article.move"].sudo(self.editor).with_context(
            active_ids=article.ids).create({"category_id": target.id})
        wizard.action_move()
        self.assertEqual(article.category_id, target)

    def test_published_versions_who_what_when_and_diff(self):
        article = self.new_article(name="版本文章", body="<p>旧的答复口径</p>")
        with self.assertRaises(AccessError, msg="an editor changed a published article"):
            article.sudo(self.editor).write({"body": "<p>偷偷修改</p>"})
        article.sudo(self.reviewer).write({"body": "<p>新的答复口径</p>"})
        versions = article.version_ids.sorted("version")
        self.assertEqual(versions.mapped("version"), [1, 2])
        self.assertEqual(versions.mapped("user_id"), self.reviewer)
        self.assertIn("旧的答复口径", versions[0].body)
        self.assertIn("新的答复口径", versions[1].body)
        self.assertIn("Body", versions[1].note)
        action = versions[1].sudo(self.editor).action_compare_previous()
        compare = self.env["crm.kb.article.version.compare"].browse(action["res_id"])
        self.assertIn('<span class="diff_chg">旧</span>的答复口径', compare.diff_html)
        self.assertIn('<span class="diff_chg">新</span>的答复口径', compare.diff_html)
        # agents do not read the version history
        with self.assertRaises(AccessError):
            versions.sudo(self.agent).read(["body"])

    def test_publish_as_announcement(self):
        article = self.new_article(announce=True, name="新套餐上线",
                                   visibility="department",
                                   department_ids=[(6, 0, self.inbound.ids)])
        announcement = self.env["crm.kb.announcement"].search([("article_id", "=", article.id)])
        self.assertEqual(announcement.name, "新套餐上线")
        self.assertEqual(announcement.department_ids, self.inbound)
        self.assertTrue(announcement.is_current)
