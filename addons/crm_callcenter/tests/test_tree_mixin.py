"""The category-tree mixin (crm.tree.mixin), tried through departments: the
path name follows a renamed ancestor, cycles are refused with the tree's own
message, and the nested set answers child_of."""
from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase


class TestTreeMixin(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["crm.department"]
        cls.root = Department.create({"name": "总部", "code": "T-TREE-0"})
        cls.middle = Department.create({
            "name": "客服中心", "code": "T-TREE-1", "parent_id": cls.root.id})
        cls.leaf = Department.create({
            "name": "呼入组", "code": "T-TREE-2", "parent_id": cls.middle.id})

    def test_department_uses_the_mixin(self):
        self.assertIn("crm.tree.mixin", self.env["crm.department"]._inherit,
                      "crm.department should take its tree from crm.tree.mixin")
        self.assertTrue(self.env["crm.department"]._parent_store,
                        "the mixin's nested set was not inherited")

    def test_complete_name_follows_renamed_ancestor(self):
        self.assertEqual(self.leaf.complete_name, "总部 / 客服中心 / 呼入组")
        self.root.name = "集团"
        self.assertEqual(self.leaf.complete_name, "集团 / 客服中心 / 呼入组",
                         "a grandchild's path did not follow its renamed root")
        self.assertEqual(self.leaf.display_name, "集团 / 客服中心 / 呼入组",
                         "the record's name should be its path")

    def test_cycle_refused_with_the_tree_message(self):
        with self.assertRaises(ValidationError) as refused:
            self.root.parent_id = self.leaf
        self.assertIn("department", refused.exception.name,
                      "the cycle message should name the tree's records")

    def test_self_parent_refused(self):
        with self.assertRaises(ValidationError):
            self.middle.parent_id = self.middle

    def test_child_of_after_move(self):
        other = self.env["crm.department"].create({"name": "呼出组", "code": "T-TREE-3"})
        other.parent_id = self.middle
        found = self.env["crm.department"].search([("id", "child_of", self.root.id)])
        self.assertEqual(found, self.root | self.middle | self.leaf | other,
                         "a moved department should join its new ancestor's subtree")
