"""Issue 16.8: a phone-bar request may be run again by Odoo after a
serialization failure (the listener wrote the agent's row meanwhile); it
must not have sent anything to the PBX before it failed, or the retry sends
the Redirect/Originate twice."""
import psycopg2.extensions

from odoo.tools import mute_logger

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from .ami_stub import stub_pbx


class TestPbxActionsAfterTheWrites(CallCenterCase):
    """One test per class: after the serialization failure this
    transaction's snapshot cannot write the agent's row any more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stub, cls.pbx = stub_pbx(cls.env, "重试测试交换机")

    @classmethod
    def tearDownClass(cls):
        cls.stub.__exit__(None, None, None)
        super().tearDownClass()

    def test_three_way_call_sends_nothing_before_a_serialization_failure(self):
        # a committed agent (demo data): another transaction can write it
        agent = self.env.ref("crm_callcenter.user_agent_demo", raise_if_not_found=False)
        if not agent or agent.company_id != self.pbx.company_id or agent.extension != "1001":
            self.skipTest("needs the demo agent on extension 1001")
        self.env.cr.execute("SELECT 1")  # this transaction's snapshot is taken
        with self.registry.cursor() as listener:  # the listener stores his state
            listener.execute("UPDATE res_users SET cc_agent_state = cc_agent_state "
                             "WHERE id = %s", (agent.id,))
        before = len(self.stub.actions)
        with self.assertRaises(psycopg2.extensions.TransactionRollbackError), \
                mute_logger("odoo.sql_db"):  # the failure is the point
            with self.env.cr.savepoint():
                self.env["res.users"].sudo(agent).cc_conference("139 1087 0002")
        self.assertEqual(self.stub.sent(before), [],
                         "the PBX got actions from a request Odoo runs again")
