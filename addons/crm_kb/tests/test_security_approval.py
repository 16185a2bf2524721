"""Security review 2026-12 H1, as the Expert: the ``kb_transition`` context
key no longer publishes, and who reads a published article (visibility,
departments, dates) is changed by its reviewers only."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .common import KbCase

FORGED = {"kb_transition": True, "crm_owner_approval": "approval"}


class TestApprovalKeys(KbCase):

    users = ("agent",)

    def test_expert_cannot_publish_with_the_context_key(self):
        article = self.new_article(publish=False, visibility="department",
                                   department_ids=[(6, 0, self.inbound.ids)])
        editor = article.sudo(self.editor).with_context(**FORGED)
        for vals in ({"state": "published", "visibility": "public",
                      "published_uid": self.reviewer.id},
                     {"state": "published"}, {"published_uid": self.editor.id}):
            with self.assertRaises(AccessError, msg=vals):
                editor.write(vals)
        with self.assertRaises(AccessError):
            self.Article.sudo(self.editor).with_context(**FORGED).create({
                "name": "自己发布", "category_id": self.category.id,
                "state": "published", "visibility": "public"})
        self.assertEqual(article.state, "draft")
        self.assertFalse(article.published_uid)

    def test_expert_cannot_widen_a_published_article(self):
        article = self.new_article(visibility="department",
                                   department_ids=[(6, 0, self.inbound.ids)])
        self.assertEqual(article.state, "published")
        later = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=400))
        editor = article.sudo(self.editor).with_context(**FORGED)
        for vals in ({"visibility": "public"}, {"department_ids": [(5, 0, 0)]},
                     {"date_expiry": later}, {"date_publish": False}):
            with self.assertRaises(AccessError, msg=vals):
                editor.write(vals)
        self.assertEqual(article.visibility, "department")
        # the category's reviewer may
        article.sudo(self.reviewer).write({"visibility": "internal"})
        self.assertEqual(article.visibility, "internal")
        # drafts stay the editor's to prepare
        draft = self.new_article(publish=False)
        draft.sudo(self.editor).write({"visibility": "public", "date_expiry": later})
