from odoo.exceptions import AccessError

from .common import KbCase


class TestPopularity(KbCase):
    """KB-4: views, the hot list (pinned / adjusted by an Administrator),
    personal favourites, feedback routed to the category's editors."""

    users = ("admin", "agent", "agent_complaints")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls.new_article(name="热门一")
        cls.second = cls.new_article(name="热门二")
        cls.Stat = cls.env["crm.kb.article.stat"]

    def hot(self, user):
        ours = (self.first | self.second).ids
        return [row["id"] for row in self.Stat.sudo(user)._kb_hot_list(limit=100)
                if row["id"] in ours]

    def test_views_counted_without_touching_the_article_row(self):
        before = self.first.write_date
        self.first.sudo(self.agent).kb_register_view()
        self.first.sudo(self.agent).kb_register_view()
        self.first.invalidate_cache()
        self.assertEqual(self.first.view_count, 2)
        self.assertEqual(self.first.write_date, before, "counting a view rewrote the article")

    def test_opening_the_form_counts_a_view(self):
        self.second.sudo(self.agent).read(["name", "body"])
        self.second.sudo(self.agent).read(["name"])
        self.second.invalidate_cache()
        self.assertEqual(self.second.view_count, 1)

    def test_hot_list_by_views_then_pin_and_adjust(self):
        self.Stat._seed_views(self.first.ids, 10)
        self.Stat._seed_views(self.second.ids, 3)
        self.assertEqual(self.hot(self.agent), [self.first.id, self.second.id])
        stat = self.Stat.search([("article_id", "=", self.second.id)])
        stat.sudo(self.admin).write({"pinned": True})
        self.assertEqual(self.hot(self.agent), [self.second.id, self.first.id])
        stat.sudo(self.admin).write({"pinned": False, "hot_adjust": 20})
        self.assertEqual(stat.hot_score, 23)
        self.assertEqual(self.hot(self.agent), [self.second.id, self.first.id])
        with self.assertRaises(AccessError):
            stat.sudo(self.agent).write({"hot_adjust": 100})

    def test_favourites_are_personal(self):
        self.first.sudo(self.agent).action_toggle_favourite()
        mine = self.Article.sudo(self.agent).search([("is_favourite", "=", True)])
        self.assertIn(self.first, mine)
        self.assertFalse(self.Article.sudo(self.editor).search(
            [("is_favourite", "=", True), ("id", "=", self.first.id)]))
        self.first.sudo(self.agent).action_toggle_favourite()
        self.assertNotIn(self.first, self.Article.sudo(self.agent).search(
            [("is_favourite", "=", True)]))

    def test_feedback_creates_activity_for_editors(self):
        feedback = self.env["crm.kb.feedback"].sudo(self.agent).create({
            "article_id": self.first.id, "rating": "2", "comment": "价格已经调整了"})
        activities = self.first.activity_ids
        self.assertEqual(activities.mapped("user_id"), self.editor | self.reviewer)
        self.assertIn("价格已经调整了", activities[0].note)
        self.assertEqual(feedback.user_id, self.agent)
        self.assertEqual(self.first.rating_avg, 2.0)
        # another agent does not read it
        self.assertFalse(self.env["crm.kb.feedback"].sudo(self.agent_complaints).search(
            [("id", "=", feedback.id)]))

    def test_no_feedback_on_unreadable_article(self):
        hidden = self.new_article(visibility="department",
                                  department_ids=[(6, 0, self.inbound.ids)])
        with self.assertRaises(AccessError):
            self.env["crm.kb.feedback"].sudo(self.agent_complaints).create(
                {"article_id": hidden.id, "rating": "1"})
