"""The email alias is capped per sender and in all, and matches senders to
customers exactly (M4, L6)."""
from datetime import datetime

from odoo import fields
from odoo.exceptions import UserError

from ..controllers import main
from ..models import crm_ticket as crm_ticket_module
from .common import TicketCase


class TestTicketEmailAlias(TicketCase):

    ticket_users = ()

    def mail(self, sender, subject="求助"):
        result = self.env["crm.ticket"].message_new({
            "email_from": "Visitor <%s>" % sender, "subject": subject,
            "body": "<p>空调不制冷</p>"})
        return self.env["crm.ticket"].browse(getattr(result, "id", result))

    def test_wildcards_in_sender_do_not_match_another_customer(self):
        victim = self.env["res.partner"].create({
            "name": "Victim", "email": "victimxname@example.com"})
        ticket = self.mail("victim_name@example.com")
        self.assertNotEqual(ticket.partner_id, victim,
                            "'_' of the sender was read as a wildcard")
        ticket = self.mail("VictimXName@example.com")
        self.assertEqual(ticket.partner_id, victim, "the exact address matches")

    def test_sender_cap(self):
        for _index in range(5):
            self.mail("flood@example.com")
        with self.assertRaisesRegex(UserError, "Too many tickets from"):
            self.mail("flood@example.com")
        self.mail("other@example.com")   # another sender still gets through

    def test_global_cap(self):
        module = crm_ticket_module
        # the database may hold tickets mailed in the last hour (demo data)
        mailed = self.env["crm.ticket"].search_count([("source", "=", "email")])
        saved, module.EMAIL_GLOBAL_LIMIT = module.EMAIL_GLOBAL_LIMIT, mailed + 3
        try:
            for index in range(3):
                self.mail("sender%d@example.com" % index)
            with self.assertRaisesRegex(UserError, "Too many tickets by email"):
                self.mail("fresh@example.com")
        finally:
            module.EMAIL_GLOBAL_LIMIT = saved


class TestWebFormNetworks(TicketCase):

    ticket_users = ()

    def test_ipv6_counts_by_64_and_ipv4_by_address(self):
        net = main.client_network
        self.assertEqual(net("2001:db8:1:2::1"), net("2001:db8:1:2:ffff::9"))
        self.assertNotEqual(net("2001:db8:1:2::1"), net("2001:db8:1:3::1"))
        self.assertEqual(net("::ffff:192.0.2.7"), "192.0.2.7")
        self.assertNotEqual(net("192.0.2.7"), net("192.0.2.8"))

    def web_ticket(self, address):
        return self.env["crm.ticket"].create({
            "source": "web", "web_address": address, "contact_name": "访客",
            "contact_number": "13800000000", "description": "x",
            "type_id": self.type_consult_product.id, "department_id": False})

    def test_web_form_caps_per_64_and_globally(self):
        form = main.TicketWebForm()
        for host in ("1", "2", "3"):
            self.web_ticket("2001:db8:1:2::%s" % host)
        self.assertFalse(form._webform_allowed(self.env, "2001:db8:1:2::99"),
                         "another address of the same /64 got a fourth ticket")
        self.assertTrue(form._webform_allowed(self.env, "2001:db8:1:3::1"))
        since = fields.Datetime.to_string(datetime.utcnow() - main.WEBFORM_GLOBAL_WINDOW)
        recent = self.env["crm.ticket"].search_count([
            ("source", "=", "web"), ("web_address", "!=", False),
            ("create_date", ">=", since)])
        saved, main.WEBFORM_GLOBAL_LIMIT = main.WEBFORM_GLOBAL_LIMIT, recent
        try:
            self.assertFalse(form._webform_allowed(self.env, "198.51.100.1"),
                             "the global cap did not apply")
        finally:
            main.WEBFORM_GLOBAL_LIMIT = saved


class TestTicketWebFormNumber(TicketCase):
    """A web form ticket's number is shown in the one display format and
    linked to the customer who has it, never to a new one (issue 15, 10b)."""

    ticket_users = ()

    def post(self, phone):
        form = main.TicketWebForm()
        types = self.env["crm.ticket.type"].search([("parent_id", "!=", False)])
        error, vals = form._webform_values({
            "name": "网页访客", "phone": phone, "description": "空调漏水",
            "type_id": str(self.type_consult_product.id)}, types)
        self.assertFalse(error)
        vals.update(source="web", web_address="198.51.100.9", department_id=False)
        return form._webform_new_ticket(self.env, vals)

    def new_customer(self, name, mobile):
        return self.env["res.partner"].create({
            "name": name, "cc_customer": True, "gender": "male", "mobile": mobile,
            "cc_category_id": self.env.ref(
                "crm_callcenter.dict_customer_category_normal").id})

    def test_number_in_any_format_finds_the_customer(self):
        customer = self.new_customer("网页客户", "13912345601")
        partners = self.env["res.partner"].search_count([])
        ticket = self.post("0086 139-1234-5601")
        self.assertEqual(ticket.partner_id, customer, "not linked to the customer")
        self.assertEqual(ticket.contact_number, "139 1234 5601")
        self.assertEqual(ticket.contact_name, "网页访客", "the typed name was replaced")
        self.assertEqual(self.env["res.partner"].search_count([]), partners,
                         "the web form created a partner")

    def test_unknown_or_shared_number_stays_unlinked(self):
        self.assertFalse(self.post("13912345602").partner_id)
        for name in ("甲", "乙"):
            self.new_customer(name, "13912345603")
        self.assertFalse(self.post("139 1234 5603").partner_id,
                         "a number two customers share picked one of them")
