from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .common import KbCase


def shifted(days):
    return fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=days))


class TestAnnouncement(KbCase):
    """KB-8: announcements for departments, between a start and an end;
    read receipts for Supervisors."""

    users = ("agent", "agent_complaints")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Announcement = cls.env["crm.kb.announcement"].sudo(cls.reviewer)
        cls.everyone = Announcement.create({
            "name": "全员通知", "date_start": shifted(-1), "date_end": shifted(1)})
        cls.inbound_only = Announcement.create({
            "name": "呼入组通知", "department_ids": [(6, 0, cls.inbound.ids)],
            "date_start": shifted(-1), "date_end": shifted(1)})
        cls.center_wide = Announcement.create({
            "name": "中心通知", "department_ids": [(6, 0, cls.center.ids)],
            "date_start": shifted(-1), "date_end": shifted(1)})
        cls.future = Announcement.create({
            "name": "下周通知", "date_start": shifted(6), "date_end": shifted(8)})
        cls.past = Announcement.create({
            "name": "上周通知", "date_start": shifted(-8), "date_end": shifted(-6)})
        cls.ours = (cls.everyone | cls.inbound_only | cls.center_wide | cls.future
                    | cls.past)

    def shown(self, user):
        return {row["id"] for row in
                self.env["crm.kb.announcement"].sudo(user)._kb_my_announcements()} & set(
            self.ours.ids)

    def test_agent_sees_only_in_window_and_scope(self):
        self.assertEqual(self.shown(self.agent), set(
            (self.everyone | self.inbound_only | self.center_wide).ids))
        self.assertEqual(self.shown(self.agent_complaints), set(
            (self.everyone | self.center_wide).ids))
        with self.assertRaises(AccessError):
            self.inbound_only.sudo(self.agent_complaints).read(["name"])

    def test_read_receipts_for_supervisors(self):
        self.inbound_only.sudo(self.agent).action_mark_read()
        self.inbound_only.sudo(self.agent).action_mark_read()
        self.assertTrue(self.inbound_only.sudo(self.agent).is_read)
        self.assertEqual(self.inbound_only.sudo(self.reviewer).read_count, 1)
        receipt = self.inbound_only.sudo(self.reviewer).read_ids
        self.assertEqual(receipt.user_id, self.agent)
        self.assertEqual(receipt.department_id, self.inbound)
        self.assertFalse(self.env["crm.kb.announcement.read"].sudo(self.agent_complaints)
                         .search([("id", "=", receipt.id)]))

    def test_agents_cannot_announce(self):
        with self.assertRaises(AccessError):
            self.env["crm.kb.announcement"].sudo(self.agent).create({
                "name": "坐席发公告", "date_start": shifted(0), "date_end": shifted(1)})
