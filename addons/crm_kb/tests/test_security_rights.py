"""Security review, as the attacking role: an internal user without any
call-center group has no read right on the knowledge base; public methods
that checked only the record rules (which give such a user no restriction
at all) let them count views, mark announcements read and list the ids of
articles matching a search."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .common import KbCase


class TestKbRightsChecked(KbCase):

    users = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "KB outsider", "login": "kb_outsider",
            "email": "kb_outsider@example.com",
            "groups_id": [(6, 0, cls.env.ref("base.group_user").ids)]})
        cls.article = cls.new_article(name="内部口径", code="KBA-SECRET",
                                      keywords="外机噪音", visibility="internal")
        now = fields.Datetime.from_string(fields.Datetime.now())
        cls.announcement = cls.env["crm.kb.announcement"].sudo(cls.reviewer).create({
            "name": "全员通知",
            "date_start": fields.Datetime.to_string(now - timedelta(days=1)),
            "date_end": fields.Datetime.to_string(now + timedelta(days=1))})

    def test_outsider_cannot_count_views(self):
        with self.assertRaises(AccessError):
            self.article.sudo(self.outsider).kb_register_view()
        self.article.invalidate_cache()
        self.assertEqual(self.article.view_count, 0)

    def test_outsider_cannot_mark_an_announcement_read(self):
        with self.assertRaises(AccessError):
            self.announcement.sudo(self.outsider).action_mark_read()
        self.assertEqual(self.announcement.read_count, 0)

    def test_outsider_gets_no_search_ids(self):
        Article = self.env["crm.kb.article"].sudo(self.outsider)
        for query in ("KBA-SECRET", "外机噪音"):
            with self.assertRaises(AccessError, msg=query):
                Article._kb_search_ids(query)
        with self.assertRaises(AccessError):
            Article._kb_suggest("客户说外机噪音很大")
        with self.assertRaises(AccessError):
            Article.kb_search("KBA-SECRET")

    def test_search_helpers_are_private(self):
        """Never callable over RPC: Odoo refuses methods starting with _."""
        Article = self.env["crm.kb.article"]
        for name in ("kb_search_ids", "kb_suggest", "kb_answer_text",
                     "activity_schedule_kb"):
            self.assertFalse(hasattr(Article, name), name)
        self.assertFalse(hasattr(self.env["crm.kb.article.stat"], "kb_hot_list"))
        self.assertFalse(hasattr(self.env["crm.kb.announcement"],
                                 "kb_my_announcements"))
