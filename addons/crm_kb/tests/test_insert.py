from odoo.exceptions import AccessError, UserError

from .common import KbCase


class InsertCase(KbCase):
    """A published article to suggest and insert, and one restricted to
    another department; no tests here, so that glue add-ons
    (crm_kb_telephony) can build on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.article = cls.new_article(
            name="滚筒洗衣机显示E21不排水", code="KBI-E21", keywords="排水故障,洗衣机",
            body="<p>请清理排水泵过滤器</p><p>再检查排水管</p>")
        cls.hidden = cls.Article.create({
            "name": "投诉组洗衣机赔付口径", "code": "KBI-HID", "keywords": "洗衣机,排水故障",
            "category_id": cls.category.id, "visibility": "department",
            "department_ids": [(6, 0, cls.complaints.ids)]})
        cls.hidden.action_publish()


class TestInsert(InsertCase):
    """KB-6 (server side): suggestions for a record's text and inserting an
    article's answer into one of its fields; a ticket form opens the same
    wizard with its own description and reply field."""

    users = ("agent", "portal")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "KB 插入测试"})
        # the target is a contact: Agents write contacts through crm_customer,
        # which crm_kb does not need; here the right comes from Odoo's group
        cls.agent.write({"groups_id": [(4, cls.env.ref("base.group_partner_manager").id)]})

    def wizard(self, user, **context):
        values = {"active_model": "res.partner", "active_id": self.partner.id,
                  "kb_answer_field": "comment",
                  "kb_text": "客户说洗衣机显示E21，水排不出去",
                  "kb_domain": [("category_id", "child_of", self.root.id)]}
        values.update(context)
        return self.env["crm.kb.article.insert"].sudo(user).with_context(**values).create({})

    def test_suggested_then_inserted(self):
        wizard = self.wizard(self.agent)
        self.assertEqual(wizard.result_ids, self.article,
                         "wrong suggestions (or a restricted article leaked)")
        wizard.article_id = self.article
        self.assertEqual(wizard.answer, "请清理排水泵过滤器\n再检查排水管")
        wizard.action_insert()
        self.assertEqual(self.partner.comment, "请清理排水泵过滤器\n再检查排水管")
        self.assertEqual(self.article.view_count, 1, "inserting should count as a use")

    def test_search_box(self):
        wizard = self.wizard(self.agent)
        wizard.query = "KBI-E21"
        wizard._onchange_query()
        self.assertEqual(wizard.result_ids, self.article)
        self.assertEqual(wizard.article_id, self.article)

    def test_no_insert_of_unreadable_article_or_into_unwritable_record(self):
        wizard = self.wizard(self.agent)
        wizard.article_id = self.hidden
        with self.assertRaises(AccessError):
            wizard.action_insert()
        portal_wizard = self.wizard(self.portal)
        portal_wizard.article_id = self.article
        with self.assertRaises(AccessError):
            portal_wizard.action_insert()

    def test_needs_a_target(self):
        wizard = self.wizard(self.agent, kb_answer_field=False)
        wizard.article_id = self.article
        with self.assertRaises(UserError):
            wizard.action_insert()
