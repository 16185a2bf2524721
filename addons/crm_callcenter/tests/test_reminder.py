import json

from odoo.exceptions import AccessError

from ..constants import BUS_REMINDER
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
                         (BUS_REMINDER, "回访提醒", "回访王先生"))
        self.assertFalse(self.bus_messages(manager), "another user got the reminder")

    def test_agents_remind_only_themselves(self):
        agent = self.users["agent"]
        agent.sudo(agent).cc_remind("下午三点回电")
        self.assertEqual(len(self.bus_messages(agent)), 1)
        with self.assertRaises(AccessError):
            self.users["manager"].sudo(agent).cc_remind("hello")

    def test_reminder_text_is_sent_as_plain_text(self):
        """H4: the payload carries the text as typed (the web client escapes
        it, once); markup is not turned into anything on the way."""
        agent = self.users["agent"]
        text = "<img src=x onerror=alert(1)> & 回访"
        agent.sudo(self.users["supervisor"]).cc_remind(text, title="<b>t</b>")
        payload = json.loads(self.bus_messages(agent).message)
        self.assertEqual((payload["title"], payload["message"]), ("<b>t</b>", text))

    def test_bus_refused_over_xml_rpc(self):
        """C2: XML-RPC execute(_kw) ends in execute_cr, which refuses bus.bus
        (sendone/sendmany/poll) for everybody; Python code keeps sending."""
        import odoo.service.model
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Portal", "login": "cc_bus_portal2",
            "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)]})
        admin_channel = [self.env.cr.dbname, "res.partner", self.env.user.partner_id.id]
        for method, args in (("sendone", (admin_channel, {"type": BUS_REMINDER,
                                                          "title": "<img src=x>"})),
                             ("sendmany", ([[admin_channel, "x"]],)),
                             ("poll", ([admin_channel], 0))):
            for uid in (portal.id, self.users["agent"].id):
                with self.assertRaises(AccessError, msg=method):
                    odoo.service.model.execute_cr(self.env.cr, uid, "bus.bus", method, *args)
        self.users["agent"].sudo(self.users["agent"]).cc_remind("still works")
        self.assertTrue(self.bus_messages(self.users["agent"]))
