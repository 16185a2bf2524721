from odoo.exceptions import AccessError

from .common import CallCenterCase


class TestOperationLog(CallCenterCase):

    def lines(self, operation):
        return self.env["crm.operation.log"].search(
            [("operation", "=", operation)], order="id desc")

    def test_login_is_logged(self):
        self.env["res.users"].sudo(self.users["agent"])._update_last_login()
        line = self.lines("login")[:1]
        self.assertEqual(line.user_id, self.users["agent"])
        self.assertIn("cc_agent", line.description)

    def test_export_and_deletion_are_logged(self):
        customer = self.new_customer(name="审计客户", mobile="13712340099")
        customer.sudo(self.users["agent"]).action_cc_export_txt()
        export = self.lines("export")[:1]
        self.assertEqual(export.user_id, self.users["agent"])
        self.assertEqual(export.res_ids, str(customer.id))
        customer.sudo(self.users["manager"]).unlink()
        deletion = self.lines("delete")[:1]
        self.assertEqual(deletion.user_id, self.users["manager"])
        self.assertIn("审计客户", deletion.description)

    def test_only_administrators_read_the_log(self):
        self.env["crm.operation.log"]._record("export", "something")
        with self.assertRaises(AccessError):
            self.env["crm.operation.log"].sudo(self.users["manager"]).search([])
        self.assertTrue(self.env["crm.operation.log"].sudo(self.users["admin"]).search([]))
        with self.assertRaises(AccessError):
            self.env["crm.operation.log"].sudo(self.users["admin"]).create(
                {"operation": "login", "description": "forged"})
