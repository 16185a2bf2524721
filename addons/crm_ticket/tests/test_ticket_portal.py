from email.header import Header
from email.mime.text import MIMEText
from email.utils import formataddr

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import TicketCase


def make_email():
    message = MIMEText("热水器底部一直滴水，请尽快安排师傅上门。", "plain", "utf-8")
    message["From"] = formataddr((str(Header("李四", "utf-8")), "lisi@example.com"))
    message["To"] = "ticket@example.com"
    message["Subject"] = Header("热水器漏水", "utf-8")
    message["Message-ID"] = "<tk-alias-1@example.com>"
    return message.as_bytes()


class TestTicketPortal(TicketCase):
    """Portal partners see only their own tickets; email creates tickets."""

    ticket_users = ("agent",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.fixture_env["res.users"]
        portal = cls.env.ref("base.group_portal")
        cls.other = cls.env["res.partner"].create({
            "name": "李四", "cc_customer": True, "gender": "female",
            "cc_category_id": cls.customer.cc_category_id.id,
            "email": "lisi@example.com", "mobile": "+86 139 1087 0002"})
        cls.portal_a = Users.create({
            "login": "tk_portal_a", "partner_id": cls.customer.id,
            "groups_id": [(6, 0, portal.ids)]})
        cls.portal_b = Users.create({
            "login": "tk_portal_b", "partner_id": cls.other.id,
            "groups_id": [(6, 0, portal.ids)]})
        cls.ticket_a = cls.env["crm.ticket"].create({
            "partner_id": cls.customer.id, "type_id": cls.type_consult.id})
        cls.ticket_b = cls.env["crm.ticket"].create({
            "partner_id": cls.other.id, "type_id": cls.type_consult.id})

    def test_partner_reads_only_own_tickets(self):
        Ticket = self.env["crm.ticket"].sudo(self.portal_a)
        self.assertEqual(Ticket.search([("id", "in", (self.ticket_a | self.ticket_b).ids)]),
                         self.ticket_a)
        self.ticket_a.sudo(self.portal_a).read(["name", "stage"])
        with self.assertRaises(AccessError):
            self.ticket_b.sudo(self.portal_a).read(["name"])

    def test_partner_cannot_read_internal_fields(self):
        """Review M11: the notes and the SLA are for staff, also through
        searches and groupings (the portal page renders them as superuser)."""
        self.ticket_a.write({"result": "internal result", "web_address": "10.0.0.1"})
        own = self.ticket_a.sudo(self.portal_a)
        for name in ("result", "reply_note", "callback_note", "archive_suggestion",
                     "repair_note", "escalation_reason", "handler_id", "web_address",
                     "sla_id", "sla_deadline", "sla_overdue"):
            with self.assertRaises(AccessError, msg=name):
                own.read([name])
        Ticket = self.env["crm.ticket"].sudo(self.portal_a)
        with self.assertRaises(AccessError):
            Ticket.search_count([("result", "like", "internal")])
        with self.assertRaises(AccessError):
            Ticket.read_group([], ["web_address"], ["web_address"])
        self.assertEqual(own.read(["name"])[0]["name"], self.ticket_a.name)

    def test_partner_cannot_write_or_create_directly(self):
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.portal_a).write({"subject": "x"})
        with self.assertRaises(AccessError):
            self.env["crm.ticket"].sudo(self.portal_a).create(
                {"partner_id": self.other.id, "type_id": self.type_consult.id})

    def test_rating_only_once_and_after_closing(self):
        with self.assertRaisesRegex(UserError, "closed"):
            self.ticket_a.action_rate("5")
        self.ticket_a.action_resolve()
        self.ticket_a.action_rate("4", "很快")
        self.assertEqual(self.ticket_a.rating, "4")
        with self.assertRaisesRegex(UserError, "already"):
            self.ticket_a.action_rate("1")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_mail_alias_creates_ticket(self):
        self.env["crm.ticket.type"].search([]).write({"is_default": False})
        self.type_consult_product.is_default = True
        ticket_id = self.env["mail.thread"].message_process(
            "crm.ticket", make_email())
        ticket = self.env["crm.ticket"].browse(ticket_id)
        self.assertEqual(ticket.source, "email")
        self.assertEqual(ticket.partner_id, self.other,
                         "the sender's email finds the customer")
        self.assertEqual(ticket.subject, "热水器漏水")
        self.assertIn("滴水", ticket.description)
        self.assertEqual(ticket.type_id, self.type_consult_product)
        self.assertTrue(ticket.name.startswith("GD"))
