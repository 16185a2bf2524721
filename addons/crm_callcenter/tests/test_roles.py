from odoo.exceptions import AccessError

from .common import CallCenterCase


class TestRoles(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = cls.users

    def test_role_chain(self):
        chain = ["agent", "expert", "supervisor", "manager"]
        for index, role in enumerate(chain):
            user = self.roles[role]
            for lower in chain[:index + 1]:
                self.assertTrue(user.has_group("crm_callcenter.group_%s" % lower),
                                "%s should include %s" % (role, lower))
            for higher in chain[index + 1:]:
                self.assertFalse(user.has_group("crm_callcenter.group_%s" % higher),
                                 "%s must not include %s" % (role, higher))

    def test_flow_design_right(self):
        self.assertFalse(self.roles["expert"].has_group("crm_flow.group_flow_manager"))
        self.assertTrue(self.roles["supervisor"].has_group("crm_flow.group_flow_manager"))
        self.assertTrue(self.roles["admin"].has_group("crm_flow.group_flow_manager"))
        # M10: flows are the approval chains Supervisors are subject to
        self.assertFalse(self.roles["supervisor"].has_group("crm_flow.group_flow_editor"))
        self.assertTrue(self.roles["manager"].has_group("crm_flow.group_flow_editor"))
        self.assertTrue(self.roles["admin"].has_group("crm_flow.group_flow_editor"))
        self.assertFalse(self.roles["admin"].has_group("crm_callcenter.group_manager"),
                         "the Administrator role is not a business Manager")

    def test_only_admin_manages_departments(self):
        Department = self.env["crm.department"]
        with self.assertRaises(AccessError):
            Department.sudo(self.roles["manager"]).create({"name": "x"})
        department = Department.sudo(self.roles["admin"]).create({"name": "质检组"})
        self.assertEqual(department.sudo(self.roles["agent"]).name, "质检组")
