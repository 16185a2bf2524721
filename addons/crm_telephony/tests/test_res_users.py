"""The agents' telephony settings on their user: their own number and
extension readable by them, the phone password by Administrators only."""
from odoo.exceptions import AccessError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestAgentSettings(CallCenterCase):

    def test_user_reads_own_agent_settings(self):
        agent = self.users["agent"]
        agent.write({"agent_number": "7788", "extension": "8788"})
        values = agent.sudo(agent).read(["agent_number", "extension"])[0]
        self.assertEqual(values["agent_number"], "7788")
        with self.assertRaises(AccessError):
            agent.sudo(agent).write({"agent_number": "0000"})

    def test_phone_password_only_for_administrators(self):
        agent = self.users["agent"]
        agent.sudo(self.users["admin"]).write({"cc_phone_password": "s3cret"})
        with self.assertRaises(AccessError):
            agent.sudo(agent).read(["cc_phone_password"])
        with self.assertRaises(AccessError):
            agent.sudo(self.users["manager"]).read(["cc_phone_password"])
        values = agent.sudo(self.users["admin"]).read(["cc_phone_password"])[0]
        self.assertEqual(values["cc_phone_password"], "s3cret")
