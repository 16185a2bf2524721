from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger


class TestDepartment(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["crm.department"]
        cls.center = Department.create({"name": "客服中心", "code": "T-KF"})
        cls.inbound = Department.create({"name": "呼入组", "code": "T-HR",
                                         "parent_id": cls.center.id})

    def test_complete_name_follows_parent(self):
        self.assertEqual(self.inbound.complete_name, "客服中心 / 呼入组")
        self.center.name = "服务中心"
        self.assertEqual(self.inbound.complete_name, "服务中心 / 呼入组")

    def test_no_cycles(self):
        with self.assertRaises(ValidationError):
            self.center.parent_id = self.inbound

    def test_child_of(self):
        found = self.env["crm.department"].search([("id", "child_of", self.center.id)])
        self.assertEqual(found, self.center | self.inbound)

    def test_code_unique_per_company(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["crm.department"].create({"name": "dup", "code": "T-KF"})

    def test_member_count(self):
        self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Member", "login": "dept_member",
            "crm_department_id": self.inbound.id})
        self.assertEqual(self.inbound.member_count, 1)
        self.assertEqual(self.center.member_count, 0)
