from odoo.exceptions import AccessError

from .common import KbCase


class TestAccess(KbCase):
    """KB-5: internal / department / public articles. A portal user and an
    agent of another department never see a restricted article: not in
    lists, search, suggestions, attachments or related-article links."""

    users = ("admin", "agent", "agent_complaints", "portal")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.public = cls.new_article(
            name="公开的退货说明", code="KBA-PUB", keywords="退货流程,密保卡",
            visibility="public")
        cls.internal = cls.new_article(
            name="内部的退货审批", code="KBA-INT", keywords="退货流程,密保卡",
            visibility="internal")
        cls.restricted_attachment = cls.attachment("courier_notice.txt")
        cls.restricted = cls.new_article(
            name="呼入组专用退货口径", code="KBA-DEP", keywords="退货流程,密保卡",
            visibility="department", department_ids=[(6, 0, cls.inbound.ids)],
            attachment_ids=[(6, 0, [cls.restricted_attachment])])
        cls.public.sudo(cls.reviewer).write({
            "related_article_ids": [(6, 0, (cls.internal | cls.restricted).ids)]})
        cls.all = cls.public | cls.internal | cls.restricted

    def visible(self, user):
        return self.Article.sudo(user).search([("id", "in", self.all.ids)])

    def searched(self, user, query="密保卡"):
        return {r["id"] for r in self.Article.sudo(user).kb_search(query)} & set(self.all.ids)

    def suggested(self, user):
        return {r["id"] for r in self.Article.sudo(user)._kb_suggest(
            "客户问密保卡丢失以后退货流程怎么走")} & set(self.all.ids)

    def test_lists(self):
        self.assertEqual(self.visible(self.agent), self.all)
        self.assertEqual(self.visible(self.agent_complaints), self.public | self.internal)
        self.assertEqual(self.visible(self.portal), self.public)
        self.assertEqual(self.visible(self.admin), self.all)

    def test_members_of_parent_department_do_not_see_child_restricted(self):
        # the center is the parent of the inbound group: its members are not
        # inbound members, so they do not see the inbound-only article
        center_agent = self.agent_complaints.copy({"login": "kb_center_agent"})
        center_agent.crm_department_id = self.center
        self.assertNotIn(self.restricted, self.visible(center_agent))
        # an article for the whole center is seen in its sub-departments
        self.restricted.sudo(self.reviewer).department_ids = self.center
        self.assertIn(self.restricted, self.visible(self.agent_complaints))

    def test_search_and_suggestions(self):
        self.assertEqual(self.searched(self.agent), set(self.all.ids))
        self.assertEqual(self.searched(self.agent_complaints),
                         set((self.public | self.internal).ids))
        self.assertEqual(self.searched(self.portal), set(self.public.ids))
        self.assertEqual(self.searched(self.portal, "KBA-DEP"), set())
        self.assertEqual(self.searched(self.agent_complaints, "KBA-DEP"), set())
        self.assertEqual(self.suggested(self.agent), set(self.all.ids))
        self.assertEqual(self.suggested(self.agent_complaints),
                         set((self.public | self.internal).ids))
        self.assertEqual(self.suggested(self.portal), set(self.public.ids))

    def test_direct_read_by_id(self):
        for user in (self.portal, self.agent_complaints):
            with self.assertRaises(AccessError, msg="%s read it" % user.login):
                self.restricted.sudo(user).read(["name", "body"])
            with self.assertRaises(AccessError):
                self.restricted.sudo(user)._kb_answer_text()
            with self.assertRaises(AccessError):
                self.restricted.sudo(user).action_toggle_favourite()
        with self.assertRaises(AccessError):
            self.internal.sudo(self.portal).read(["name"])
        self.assertEqual(self.public.sudo(self.portal).read(["name", "body"])[0]["body"],
                         self.public.body, "a portal user reads a public article")

    def test_attachments(self):
        Attachment = self.env["ir.attachment"]
        for user in (self.portal, self.agent_complaints):
            with self.assertRaises(AccessError, msg="%s read the file" % user.login):
                Attachment.sudo(user).browse(self.restricted_attachment).read(["datas"])
            self.assertFalse(Attachment.sudo(user).search(
                [("id", "=", self.restricted_attachment)]))
        datas = Attachment.sudo(self.agent).browse(self.restricted_attachment).read(
            ["datas"])[0]["datas"]
        self.assertTrue(datas, "an agent of the department reads the file")
        self.assertEqual(datas, Attachment.browse(self.restricted_attachment).datas)

    def test_related_article_links(self):
        self.assertEqual(self.public.sudo(self.agent).related_article_ids,
                         self.internal | self.restricted)
        self.assertEqual(self.public.sudo(self.agent_complaints).related_article_ids,
                         self.internal)
        self.assertFalse(self.public.sudo(self.portal).related_article_ids)

    def test_portal_sees_only_current_public(self):
        self.public.sudo(self.reviewer).action_retire()
        self.assertFalse(self.visible(self.portal))
        self.assertFalse(self.searched(self.portal))

    def test_agents_cannot_edit(self):
        with self.assertRaises(AccessError):
            self.public.sudo(self.agent).write({"name": "改标题"})
        with self.assertRaises(AccessError):
            self.Article.sudo(self.agent).create(
                {"name": "坐席新建", "category_id": self.category.id})
