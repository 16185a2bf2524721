from odoo.exceptions import AccessError

from .common import KbCase


class TestApprovalAuthors(KbCase):
    """Who approved is who the chatter names, and it is not who wrote the
    article (unless the category allows it)."""

    users = ("agent",)

    def test_reviewer_cannot_publish_what_they_wrote(self):
        article = self.Article.sudo(self.reviewer).create({
            "name": "自己写的", "category_id": self.category.id, "body": "<p>x</p>"})
        with self.assertRaises(AccessError, msg="the author published their own article"):
            article.sudo(self.reviewer).action_publish()
        article.sudo(self.reviewer).action_submit()
        with self.assertRaises(AccessError, msg="the author approved their own article"):
            article.sudo(self.reviewer).action_publish()
        self.assertEqual(article.state, "review")

    def test_reviewer_cannot_approve_what_they_submitted(self):
        article = self.new_article(publish=False)
        article.sudo(self.reviewer).action_submit()
        self.assertEqual(article.submitted_uid, self.reviewer)
        with self.assertRaises(AccessError, msg="the submitter approved the article"):
            article.sudo(self.reviewer).action_publish()
        with self.assertRaises(AccessError, msg="anyone may rewrite the submitter"):
            article.sudo(self.editor).write({"submitted_uid": self.editor.id})

    def test_category_may_let_authors_publish(self):
        self.category.approver_may_author = True
        article = self.Article.sudo(self.reviewer).create({
            "name": "自己写的", "category_id": self.category.id, "body": "<p>x</p>"})
        article.sudo(self.reviewer).action_publish()
        self.assertEqual(article.state, "published")

    def test_approval_messages_are_posted_as_the_approver(self):
        self.category.message_subscribe(partner_ids=self.agent.partner_id.ids)
        article = self.new_article(publish=False, name="审批消息")
        article.sudo(self.editor).action_submit()
        before = article.message_ids
        article.sudo(self.reviewer).action_publish()
        messages = article.message_ids - before
        self.assertTrue(messages.filtered(lambda m: "审批消息" in (m.body or "")),
                        "no publication message")
        self.assertTrue(len(messages) >= 2, "the review activity left no trace")
        self.assertEqual(messages.mapped("author_id"), self.reviewer.partner_id,
                         "approval messages are not posted as the approver")
        self.assertFalse(article.activity_ids, "the review activity was not closed")
