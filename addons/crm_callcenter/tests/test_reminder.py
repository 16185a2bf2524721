import json

from odoo.exceptions import AccessError

from .common import CallCenterCase


class TestReminder(CallCenterCase):

    def bus_messages(self, user):
        channel = json.dumps([self.env.cr.dbname, "res.partner", user.partner_id.id],
                             separators=(",", ":"))
        return self.env["bus.bus"].sudo().search([("channel", "=", channel)])

    def test_supervisor_reminds_an_agent_on_the_agent_channel_only(self):
        agent, manager = self.users["agent"], self.users["manager"]
        agent.sudo(self.users["supervisor"]).cc_remind("回访王先生", title="回访提醒")
        messages = self.bus_messages(agent)
        self.assertEqual(len(messages), 1)
        payload = json.loads(messages.message)
        self.assertEqual((payload["type"], payload["title"], payload["message"]),
                         ("crm_callcenter.reminder", "回访提醒", "回访王先生"))
        self.assertFalse(self.bus_messages(manager), "another user got the reminder")

    def test_agents_remind_only_themselves(self):
        agent = self.users["agent"]
        agent.sudo(agent).cc_remind("下午三点回电")
        self.assertEqual(len(self.bus_messages(agent)), 1)
        with self.assertRaises(AccessError):
            self.users["manager"].sudo(agent).cc_remind("hello")
