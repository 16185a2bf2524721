import socket

from odoo.exceptions import UserError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestBulkMessage(CallCenterCase):

    def setUp(self):
        super().setUp()
        self.first = self.new_customer(name="短信甲", mobile="13500001111",
                                       email="jia@example.com")
        self.second = self.new_customer(name="短信乙", phone="010 6588 1234", mobile=False)
        self.customers = self.first | self.second

    def wizard(self, **vals):
        return self.env["res.partner.bulk.message"].sudo(self.users["supervisor"]).with_context(
            active_model="res.partner", active_ids=self.customers.ids).create(
                dict({"body": "您的工单已处理完毕"}, **vals))

    def test_sms_through_the_logging_gateway_is_logged_per_customer(self):
        wizard = self.wizard(channel="sms",
                             gateway_id=self.env.ref("crm_customer.crm_sms_gateway_log").id)
        wizard.action_send()
        self.assertIn("1 sent", wizard.result)
        self.assertIn("1 customers without a mobile", wizard.result)
        messages = self.env["crm.sms.message"].search([("partner_id", "in", self.customers.ids)])
        self.assertEqual(messages.partner_id, self.first)
        self.assertEqual((messages.number, messages.state), ("+8613500001111", "sent"))
        self.assertEqual(messages.user_id, self.users["supervisor"])

    def test_http_gateway_failure_is_recorded(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        gateway = self.env["crm.sms.gateway"].create({
            "name": "down", "provider": "http", "timeout": 2,
            "url_template": "http://127.0.0.1:%d/send?to={number}&text={message}" % port})
        wizard = self.wizard(channel="sms", gateway_id=gateway.id)
        wizard.action_send()
        message = self.env["crm.sms.message"].search([("partner_id", "=", self.first.id)])
        self.assertEqual(message.state, "failed")
        self.assertIn("unreachable", message.detail)

    def test_email_goes_to_the_customer_chatter(self):
        wizard = self.wizard(channel="email", subject="回访")
        wizard.action_send()
        self.assertIn("1 sent", wizard.result)
        posted = self.first.message_ids.filtered(lambda m: m.subject == "回访")
        self.assertEqual(len(posted), 1)
        self.assertIn(self.first, posted.partner_ids)

    def test_no_customer_no_send(self):
        wizard = self.env["res.partner.bulk.message"].sudo(self.users["supervisor"]).create(
            {"body": "x", "channel": "email"})
        with self.assertRaises(UserError):
            wizard.action_send()
