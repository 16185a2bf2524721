from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import KbCase


class TestArticle(KbCase):
    """KB-1 / KB-9: the category tree and the article's content."""

    users = ("admin", "agent")

    def test_category_tree_names_and_order(self):
        child = self.Category.create({"name": "变频", "parent_id": self.category.id,
                                      "sequence": 1})
        self.assertEqual(child.complete_name, "KB测试知识 / KB空调 / 变频")
        self.assertEqual(self.Category.search([("id", "child_of", self.root.id)]),
                         self.root | self.category | child)
        with self.assertRaises(ValidationError):
            self.root.parent_id = child

    def test_only_administrators_edit_the_tree(self):
        with self.assertRaises(AccessError):
            self.Category.sudo(self.editor).create({"name": "不允许"})
        self.Category.sudo(self.admin).create({"name": "管理员分类"})

    def test_code_is_unique_and_upper_case(self):
        article = self.new_article(code=" kb-t-001 ", publish=False)
        self.assertEqual(article.code, "KB-T-001")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.new_article(code="KB-T-001", publish=False)

    def test_product_page_starts_from_category_template(self):
        self.category.template_body = "<h3>主要参数</h3><p>填写</p>"
        article = self.Article.sudo(self.editor).create(
            {"name": "新空调", "category_id": self.category.id})
        self.assertIn("主要参数", article.body)
        self.assertEqual(article.category_type, "product")

    def test_related_articles_categories_and_new_business(self):
        other = self.new_article(name="相关文章")
        article = self.new_article(
            name="主文章", is_new_business=True,
            related_article_ids=[(6, 0, other.ids)],
            related_category_ids=[(6, 0, self.root.ids)])
        self.assertEqual(article.related_article_ids, other)
        self.assertEqual(article.related_category_ids, self.root)
        self.assertIn(article, self.Article.search([("is_new_business", "=", True)]))

    def test_attachments_belong_to_article_and_are_indexed(self):
        attachment = self.attachment("service_bulletin.pdf")
        article = self.new_article(attachment_ids=[(6, 0, [attachment])])
        record = self.env["ir.attachment"].browse(attachment)
        self.assertEqual((record.res_model, record.res_id), ("crm.kb.article", article.id))
        self.assertIn("TIMER button", article.attachment_text)

    def test_answer_text_for_ticket_reply(self):
        article = self.new_article(body="<p>请重启<b>路由器</b></p><p>再试一次</p>")
        self.assertEqual(article.sudo(self.agent)._kb_answer_text(), "请重启路由器\n再试一次")

    def test_reorder_with_sequence(self):
        first = self.new_article(name="甲", sequence=5)
        second = self.new_article(name="乙", sequence=1)
        found = self.Article.search([("id", "in", (first | second).ids)])
        self.assertEqual(found.ids, [second.id, first.id], "the handle order is not used")
