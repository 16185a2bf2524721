from odoo.addons.crm_ticket.tests.common import TicketCase


class TestTicketKnowledge(TicketCase):
    """TK-14 / KB-6: suggestions from a ticket's text, the answer inserted
    into the ticket and carried into the reply step; restricted articles
    never suggested to an agent of another department."""

    ticket_users = ("agent",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Article = cls.env["crm.kb.article"]
        category = cls.env["crm.kb.category"].create({"name": "工单知识测试"})
        cls.article = Article.create({
            "name": "空调遥控器失灵怎么办", "code": "TKB-001", "keywords": "遥控器,空调,失灵",
            "category_id": category.id, "body": "<p>请先更换遥控器电池</p>"})
        cls.article.action_publish()
        cls.hidden = Article.create({
            "name": "空调遥控器失灵赔付口径", "code": "TKB-002", "keywords": "遥控器,空调,失灵",
            "category_id": category.id, "visibility": "department",
            "department_ids": [(6, 0, cls.dept_b.ids)], "body": "<p>内部口径</p>"})
        cls.hidden.action_publish()

    def test_suggest_insert_and_reply(self):
        ticket = self.Ticket.sudo(self.agent).create({
            "partner_id": self.customer.id, "type_id": self.type_consult.id,
            "description": "客户反映空调遥控器失灵，按键没有反应"})
        self.assertIn(self.article, ticket.kb_suggestion_ids)
        self.assertNotIn(self.hidden, ticket.kb_suggestion_ids,
                         "a department article leaked to another department's agent")
        action = ticket.action_kb_insert()
        wizard = self.env["crm.kb.article.insert"].sudo(self.agent).with_context(
            **action["context"]).create({})
        self.assertIn(self.article, wizard.result_ids)
        wizard.article_id = self.article
        wizard.action_insert()
        self.assertEqual(ticket.kb_draft_answer, "请先更换遥控器电池")
        step = self.env["crm.ticket.step"].sudo(self.agent).with_context(
            default_ticket_ids=[(6, 0, ticket.ids)], default_step_code="reply").default_get(
            ["reply_note", "ticket_ids"])
        self.assertEqual(step["reply_note"], "请先更换遥控器电池",
                         "the reply starts from the inserted answer")
