import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import OrderCase


class TestSalesManagement(OrderCase):

    roles = ("agent", "agent2", "supervisor", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.customer | cls.new_customer(
            "李娜", "+86 139 1087 0002") | cls.new_customer(
                "欧阳修远", "+86 139 1087 0003")
        cls.task = cls.env["crm.sales.task"].sudo(
            cls.users["supervisor"]).create({
                "name": "空调以旧换新", "date_start": "2026-11-01",
                "date_end": "2026-11-30", "goal": "回访老客户推荐换新",
                "partner_ids": [(6, 0, cls.customers.ids)],
                "user_ids": [(6, 0, (cls.users["agent"]
                                     | cls.users["agent2"]).ids)]})

    def test_task_creates_one_opportunity_per_customer(self):
        with self.assertRaises(AccessError):
            self.task.sudo(self.users["agent"]).action_start()
        self.task.sudo(self.users["supervisor"]).action_start()
        leads = self.task.lead_ids
        self.assertEqual(leads.mapped("partner_id"), self.customers)
        self.assertEqual(set(leads.mapped("type")), {"opportunity"})
        self.assertEqual(leads.mapped("user_id"),
                         self.users["agent"] | self.users["agent2"])
        self.task.sudo(self.users["supervisor"]).action_start()
        self.assertEqual(len(self.task.lead_ids), 3, "no duplicates")
        mine = self.env["crm.lead"].sudo(self.users["agent"]).search(
            [("cc_task_id", "=", self.task.id)])
        self.assertEqual(mine.mapped("user_id"), self.users["agent"])
        self.assertEqual(self.env["crm.sales.task"].sudo(
            self.users["agent"]).search([]), self.task, "my tasks")

    def test_reassign_moves_open_opportunities(self):
        self.task.action_start()
        agent_leads = self.task.lead_ids.filtered(
            lambda l: l.user_id == self.users["agent"])
        won = agent_leads[0]
        won.action_set_won()
        self.task.action_reassign(self.users["agent"], self.users["agent2"])
        self.assertEqual(won.user_id, self.users["agent"], "won stays")
        self.assertEqual(len(agent_leads), 2)
        self.assertEqual((agent_leads - won).user_id, self.users["agent2"])
        self.assertFalse(self.task.lead_ids.filtered(
            lambda l: l.user_id == self.users["agent"] and l.active
            and l.probability < 100))

    def test_import_target_customers(self):
        task = self.task.copy({"partner_ids": [(5, 0, 0)]})
        data = "电话\n13910870002\n欧阳修远\n13700000009\n".encode("utf-8")
        missing = task._cc_import_customers("targets.txt", data)
        self.assertEqual(task.partner_ids, self.customers[1:])
        self.assertEqual(missing, [4])

    def test_hand_over(self):
        lead = self.env["crm.lead"].create({
            "name": "立式空调采购", "type": "opportunity",
            "source_id": self.hotline.id,
            "partner_id": self.customer.id, "user_id": self.users["agent"].id})
        with self.assertRaises(AccessError):
            lead.sudo(self.users["agent2"]).action_cc_hand_over(
                self.users["agent2"])
        lead.sudo(self.users["agent"]).action_cc_hand_over(
            self.users["agent2"], "客户在二组区域")
        self.assertEqual(lead.user_id, self.users["agent2"])

    def test_urge_notifies_salesperson(self):
        lead = self.env["crm.lead"].create({
            "name": "豆浆机团购", "type": "opportunity",
            "source_id": self.hotline.id, "partner_id": self.customer.id,
            "user_id": self.users["agent"].id})
        with self.assertRaises(AccessError):
            lead.sudo(self.users["agent2"]).action_cc_urge()
        lead.sudo(self.users["manager"]).action_cc_urge("请今天回电")
        self.assertEqual(lead.cc_urge_count, 1)
        activity = lead.activity_ids
        self.assertEqual(activity.user_id, self.users["agent"])
        self.assertIn(self.users["agent"].partner_id,
                      lead.message_ids[:1].partner_ids)

    def test_lost_reason_from_dictionary(self):
        lead = self.env["crm.lead"].create({
            "name": "电饭煲", "type": "opportunity",
            "source_id": self.hotline.id, "partner_id": self.customer.id,
            "user_id": self.users["agent"].id})
        reason = self.env["crm.dictionary"].create(
            {"dict_type": "lost_reason", "name": "价格太高"})
        other = self.env["crm.dictionary"].create(
            {"dict_type": "industry", "name": "制造业"})
        with self.assertRaises(UserError):
            lead._action_cc_mark_lost(other)
        lead.sudo(self.users["agent"])._action_cc_mark_lost(reason)
        self.assertFalse(lead.active)
        self.assertEqual(lead.cc_lost_reason_id, reason)

    def test_stage_expected_days_and_next_contact(self):
        stage = self.env["crm.stage"].create(
            {"name": "方案报价", "probability": 40, "cc_expected_days": 5})
        lead = self.env["crm.lead"].create({
            "name": "空调", "type": "opportunity", "stage_id": stage.id,
            "source_id": self.hotline.id, "partner_id": self.customer.id,
            "user_id": self.users["agent"].id})
        lead.date_last_stage_update = "2026-11-02 09:00:00"
        self.assertEqual(lead.cc_stage_deadline, "2026-11-07")
        lead.sudo(self.users["agent"])._action_cc_log_contact(
            "客户考虑中", next_contact="2026-11-05 10:00:00")
        self.assertEqual(lead.cc_next_contact_date, "2026-11-05 10:00:00")
        self.assertEqual(lead.activity_ids.date_deadline, "2026-11-05")

    def test_appointment_reminder(self):
        Lead = self.env["crm.lead"]
        now = fields.Datetime.from_string(fields.Datetime.now())
        soon = Lead.create({
            "name": "回访空调换新", "type": "opportunity",
            "source_id": self.hotline.id,
            "partner_id": self.customer.id,
            "user_id": self.users["agent"].id})
        soon.sudo(self.users["agent"])._action_cc_log_contact(
            "客户约下午再联系", fields.Datetime.to_string(
                now + datetime.timedelta(minutes=10)))
        later = Lead.create({
            "name": "洗衣机意向", "type": "opportunity",
            "source_id": self.hotline.id,
            "partner_id": self.customer.id,
            "user_id": self.users["agent2"].id,
            "cc_next_contact_date": fields.Datetime.to_string(
                now + datetime.timedelta(days=1))})
        partner = self.users["agent"].partner_id

        def reminders(lead):
            return lead.message_ids.filtered(
                lambda m: partner in m.partner_ids
                and "Appointment reminder" in (m.body or ""))

        Lead._cc_send_appointment_reminders()
        self.assertEqual(len(reminders(soon)), 1)
        self.assertIn("王建国", reminders(soon).body)
        self.assertTrue(soon.cc_reminder_sent)
        self.assertFalse(later.cc_reminder_sent)
        # the agent finds it in the inbox (a notification to be handled)
        self.assertIn(partner, reminders(soon).needaction_partner_ids)
        Lead._cc_send_appointment_reminders()
        self.assertEqual(len(reminders(soon)), 1, "reminded once")
        # a new appointment is reminded again
        soon.sudo(self.users["agent"]).write({
            "cc_next_contact_date": fields.Datetime.to_string(
                now + datetime.timedelta(minutes=5))})
        self.assertFalse(soon.cc_reminder_sent)
        Lead._cc_send_appointment_reminders()
        self.assertEqual(len(reminders(soon)), 2)

    def test_opportunity_needs_customer_and_source(self):
        """OR-11: a lead may be incomplete; an opportunity names its customer
        and source, and records the products the customer wants."""
        Lead = self.env["crm.lead"].sudo(self.users["agent"])
        lead = Lead.create({"name": "来电咨询空调", "type": "lead"})
        with self.assertRaises(ValidationError):
            Lead.create({"name": "空调换新", "type": "opportunity",
                         "partner_id": self.customer.id})
        with self.assertRaises(ValidationError):
            Lead.create({"name": "空调换新", "type": "opportunity",
                         "source_id": self.hotline.id})
        with self.assertRaises(ValidationError):
            lead.write({"type": "opportunity"})
        lead.write({"type": "opportunity", "partner_id": self.customer.id,
                    "source_id": self.hotline.id,
                    "cc_product_ids": [(6, 0, self.product.ids)]})
        self.assertEqual(lead.cc_product_ids, self.product)
        self.task.sudo(self.users["supervisor"]).action_start()
        self.assertTrue(self.task.lead_ids)
        self.assertEqual(set(self.task.lead_ids.mapped("source_id.id")),
                         {self.env.ref("crm_order_flow.utm_source_sales_task").id})
