from odoo.exceptions import AccessError, ValidationError

from .common import TicketCase


class TestTicketService(TicketCase):
    """TK-11: after-sales service records, appointments, service history."""

    ticket_users = ("agent", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "海尔 BCD-470 冰箱", "type": "consu"})
        cls.dept_c = cls.env["crm.department"].create(
            {"name": "Field Service C", "code": "TK-C"})
        cls.technician = cls.fixture_env["res.users"].create({
                "name": "Technician", "login": "tk_technician",
                "email": "tk_technician@example.com",
                "crm_department_id": cls.dept_c.id, "cc_ticket_scope": "own",
                "groups_id": [(6, 0, cls.env.ref(
                    "crm_callcenter.group_agent").ids)]})

    def repair(self, ticket):
        ticket.action_dispatch()
        self.act(ticket, self.handler, "arrival",
                 arrival_user_id=self.handler.id,
                 arrival_date="2026-11-25 02:00:00")
        self.act(ticket, self.handler, "repair_done", repair_note="更换温控器")

    def test_repair_completion_adds_service_record(self):
        ticket = self.new_ticket(type_id=self.type_repair.id,
                                 product_id=self.product.id)
        self.assertFalse(ticket.service_ids)
        self.repair(ticket)
        service = ticket.service_ids
        self.assertEqual(len(service), 1, "one record per completed repair")
        self.assertEqual(service.kind, "on_site")
        self.assertEqual(service.partner_id, self.customer)
        self.assertEqual(service.product_id, self.product)
        self.assertEqual(service.technician_id, self.handler)
        self.assertEqual(service.notes, "更换温控器")
        self.assertTrue(service.name.startswith("FW"), service.name)
        # an installation ticket: an installation record
        install = self.new_ticket(type_id=self.type_repair.id,
                                  acceptance_type="installation",
                                  product_id=self.product.id)
        self.repair(install)
        self.assertEqual(install.service_ids.kind, "installation")
        # the customer's service history, as an agent sees it
        partner = self.customer.sudo(self.agent)
        self.assertEqual(partner.cc_service_count, 2)
        self.assertEqual(partner.cc_service_ids,
                         service | install.service_ids)
        action = partner.action_cc_open_services()
        self.assertEqual(
            self.env["crm.ticket.service"].sudo(self.agent).search(
                action["domain"]), service | install.service_ids)
        # a ticket that is not dispatched has no record
        self.assertFalse(self.new_ticket().service_ids)

    def test_phone_support_by_hand_and_rights(self):
        Service = self.env["crm.ticket.service"]
        record = Service.sudo(self.agent).create({
            "partner_id": self.customer.id, "product_id": self.product.id,
            "kind": "phone", "notes": "电话指导清洗滤网"})
        self.assertEqual(record.technician_id, self.agent)
        self.assertEqual(record.result, "resolved")
        record.sudo(self.agent).write({"result": "partial"})
        with self.assertRaises(AccessError):
            record.sudo(self.agent).unlink()
        portal = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Portal", "login": "tk_portal_service",
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)]})
        with self.assertRaises(AccessError):
            Service.sudo(portal).search([])
        # a customer with service records cannot be deleted
        with self.assertRaisesRegex(Exception, "service records"):
            self.customer.sudo(self.manager).unlink()
        record.sudo(self.manager).unlink()
        self.assertFalse(record.exists())

    def test_appointment_on_calendar_notifies_technician(self):
        ticket = self.new_ticket(type_id=self.type_repair.id,
                                 acceptance_type="repair")
        with self.assertRaises(AccessError):
            ticket.sudo(self.technician).read(["name"])
        ticket.sudo(self.agent).write({
            "technician_id": self.technician.id,
            "appointment_start": "2026-11-26 01:00:00",
            "appointment_stop": "2026-11-26 03:00:00"})
        activity = ticket.activity_ids.filtered(
            lambda a: a.user_id == self.technician)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, "2026-11-26")
        self.assertIn(ticket.name, activity.summary)
        # the technician sees the ticket and finds it in the calendar
        self.assertEqual(ticket.sudo(self.technician).name, ticket.name)
        Ticket = self.Ticket.sudo(self.technician)
        self.assertEqual(Ticket.search([
            ("technician_id", "=", self.technician.id),
            ("appointment_start", ">=", "2026-11-23 00:00:00"),
            ("appointment_start", "<", "2026-11-30 00:00:00")]), ticket)
        arch = Ticket.fields_view_get(
            self.env.ref("crm_ticket.crm_ticket_view_calendar").id,
            "calendar")["arch"]
        self.assertIn('date_start="appointment_start"', arch)
        # moving the appointment replaces the to-do
        ticket.sudo(self.agent).write({
            "appointment_start": "2026-11-27 01:00:00",
            "appointment_stop": "2026-11-27 02:00:00"})
        activity = ticket.activity_ids.filtered(
            lambda a: a.user_id == self.technician)
        self.assertEqual(activity.mapped("date_deadline"), ["2026-11-27"])
        with self.assertRaises(ValidationError):
            ticket.sudo(self.agent).appointment_stop = "2026-11-26 00:00:00"
