"""KB-6 in the screen pop: an article's answer into the call's notes."""
from odoo.addons.crm_kb.tests.test_insert import InsertCase


class TestCallInsert(InsertCase):

    users = ("agent",)

    def test_answer_into_the_call_notes_from_the_pop(self):
        call = self.env["crm.call"].create({
            "linkedid": "1795577919.77", "number": "13800138000",
            "user_id": self.agent.id, "note": "客户说洗衣机显示E21"})
        action = call.sudo(self.agent).action_cc_knowledge()
        self.assertEqual(action["res_model"], "crm.kb.article.insert")
        wizard = self.env["crm.kb.article.insert"].sudo(self.agent).with_context(
            **action["context"]).create({})
        self.assertIn(self.article, wizard.result_ids, "suggested from the call notes")
        self.assertNotIn(self.hidden, wizard.result_ids)
        wizard.article_id = self.article
        wizard.action_insert()
        self.assertEqual(call.note, "客户说洗衣机显示E21\n请清理排水泵过滤器\n再检查排水管")
