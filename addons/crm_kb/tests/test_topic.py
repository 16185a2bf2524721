from .common import KbCase


class TestTopic(KbCase):
    """KB-7: comments on articles; followers of a category or a keyword
    are told about new articles they may read."""

    users = ("agent", "agent_complaints")

    def notified(self, article, user):
        return article.message_ids.filtered(
            lambda m: user.partner_id in m.partner_ids and "New article" in (m.body or ""))

    def test_agent_comments_on_article(self):
        article = self.new_article()
        article.sudo(self.agent).message_post(body="客户反馈这条口径已过时",
                                              message_type="comment",
                                              subtype="mail.mt_comment")
        self.assertIn("客户反馈这条口径已过时", article.message_ids.mapped("body")[0])

    def test_category_followers_notified(self):
        self.root.sudo(self.agent).message_subscribe_users(user_ids=self.agent.ids)
        article = self.new_article(name="新分类文章")
        self.assertTrue(self.notified(article, self.agent),
                        "the follower of the parent category was not told")

    def test_keyword_followers_notified_if_they_may_read(self):
        Topic = self.env["crm.kb.topic"]
        Topic.sudo(self.agent).create({"keyword": "5G"})
        Topic.sudo(self.agent_complaints).create({"keyword": "5g"})
        article = self.new_article(name="5G 套餐上线", visibility="department",
                                   department_ids=[(6, 0, self.inbound.ids)])
        self.assertTrue(self.notified(article, self.agent))
        self.assertFalse(self.notified(article, self.agent_complaints),
                         "a user who cannot read the article was told about it")
        self.assertFalse(Topic.sudo(self.agent_complaints).search(
            [("user_id", "=", self.agent.id)]), "topics are personal")
