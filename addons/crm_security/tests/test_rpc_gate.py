"""The RPC gate (issue 14, C2/H3 and the install hooks): what no client may
call over XML-RPC, whoever it is; Python code keeps calling it. The JSON-RPC
path is attacked over HTTP in tests/test_rpc_gate_http.py."""
import odoo.service.model
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase


class TestRpcGate(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Gate Portal", "login": "gate_portal", "email": "gate@example.com",
            "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)]})

    def execute(self, uid, model, method, *args):
        # what object.execute_kw calls for XML-RPC, on this test's cursor
        return odoo.service.model.execute_cr(self.env.cr, uid, model, method, *args)

    def test_bus_refused_to_everyone(self):
        for uid in (self.portal.id, self.env.ref("base.user_root").id):
            with self.assertRaises(AccessError):
                self.execute(uid, "bus.bus", "sendone",
                             ["x", "res.partner", 3], {"type": "crm_callcenter.reminder"})
            with self.assertRaises(AccessError):
                self.execute(uid, "bus.bus", "poll", [["x", "res.partner", 3]], 0)

    def test_install_hooks_and_caches_refused(self):
        for method in ("init", "clear_caches", "recompute", "modified"):
            with self.assertRaises(AccessError, msg=method):
                self.execute(self.portal.id, "res.partner", method)

    def test_ordinary_calls_pass(self):
        self.assertEqual(self.execute(self.portal.id, "res.users", "search_count",
                                      [("id", "=", self.portal.id)]), 1)

    def test_python_code_still_uses_the_bus(self):
        self.env["bus.bus"].sendone((self.env.cr.dbname, "res.partner", 3),
                                    {"type": "crm_test"})
        self.assertTrue(self.env["bus.bus"].search([("message", "like", "crm_test")]))
