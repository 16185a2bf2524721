from datetime import timedelta

from odoo import fields

from .common import KbCase


def shifted(hours):
    return fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now()) + timedelta(hours=hours))


class TestDashboard(KbCase):
    """CC-32: the knowledge base adds current announcements and the latest
    articles to the home dashboard, each agent seeing their departments'."""

    users = ("agent", "agent_complaints")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Announcement = cls.env["crm.kb.announcement"].sudo(cls.reviewer)
        cls.inbound_news = Announcement.create({
            "name": "看板呼入组通知", "department_ids": [(6, 0, cls.inbound.ids)],
            "date_start": shifted(-0.01), "date_end": shifted(24)})
        cls.complaints_news = Announcement.create({
            "name": "看板投诉组通知", "department_ids": [(6, 0, cls.complaints.ids)],
            "date_start": shifted(-0.01), "date_end": shifted(24)})
        cls.old_news = Announcement.create({
            "name": "看板过期通知", "date_start": shifted(-48), "date_end": shifted(-24)})
        cls.inbound_article = cls.new_article(
            name="看板呼入组文章", visibility="department",
            department_ids=[(6, 0, cls.inbound.ids)])
        cls.public_article = cls.new_article(name="看板公开文章")
        cls.draft_article = cls.new_article(publish=False, name="看板草稿文章")

    def section(self, user, key):
        data = self.env["crm.dashboard"].sudo(user).cc_dashboard_data()
        found = [s for s in data["sections"] if s["key"] == key]
        self.assertEqual(len(found), 1, "section %s missing" % key)
        return {item["name"] for item in found[0]["items"]}

    def test_announcements_of_the_users_departments(self):
        self.assertIn("看板呼入组通知", self.section(self.agent, "kb_announcements"))
        shown = self.section(self.agent_complaints, "kb_announcements")
        self.assertIn("看板投诉组通知", shown)
        self.assertNotIn("看板呼入组通知", shown, "another department's announcement leaked")
        self.assertNotIn("看板过期通知", shown, "an ended announcement is shown")
        # Supervisors may read every announcement; their home page shows theirs
        self.assertNotIn("看板投诉组通知", self.section(self.reviewer, "kb_announcements"))

    def test_latest_articles_the_user_may_read(self):
        inbound = self.section(self.agent, "kb_articles")
        self.assertTrue({"看板呼入组文章", "看板公开文章"} <= inbound, inbound)
        complaints = self.section(self.agent_complaints, "kb_articles")
        self.assertIn("看板公开文章", complaints)
        self.assertNotIn("看板呼入组文章", complaints, "a department article leaked")
        self.assertNotIn("看板草稿文章", self.section(self.editor, "kb_articles"),
                         "drafts are not news")

    def test_unread_announcements_stand_out(self):
        def highlighted(user):
            data = self.env["crm.dashboard"].sudo(user).cc_dashboard_data()
            items = [i for s in data["sections"] if s["key"] == "kb_announcements"
                     for i in s["items"]]
            return {i["name"]: i["highlight"] for i in items}
        self.assertTrue(highlighted(self.agent)["看板呼入组通知"])
        self.inbound_news.sudo(self.agent).action_mark_read()
        self.assertFalse(highlighted(self.agent)["看板呼入组通知"])
