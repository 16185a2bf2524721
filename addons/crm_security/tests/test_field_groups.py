import base64

from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase


class TestFieldGroups(SavepointCase):
    """A field restricted by ``groups=`` cannot be learnt through a search
    domain, a grouping, a sort or an export by users outside its groups.
    The attacks use ir.attachment.access_token (groups="base.group_user"),
    which a portal user could otherwise guess one character at a time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.portal = Users.create({
            "name": "FG Portal", "login": "fg_portal",
            "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)]})
        cls.employee = Users.create({
            "name": "FG Employee", "login": "fg_employee",
            "groups_id": [(6, 0, cls.env.ref("base.group_user").ids)]})
        cls.attachment = cls.env["ir.attachment"].create({
            "name": "fg.txt", "datas_fname": "fg.txt", "public": True,
            "datas": base64.b64encode(b"x"), "access_token": "fgtoken42"})
        cls.mine = [("id", "=", cls.attachment.id)]

    def as_portal(self):
        return self.env["ir.attachment"].sudo(self.portal)

    def test_portal_reads_the_public_attachment(self):
        self.assertEqual(self.as_portal().search_count(self.mine), 1,
                         "the portal user must still find the public attachment")

    def test_search_oracle_refused(self):
        with self.assertRaises(AccessError, msg="=like on a groups= field must be refused"):
            self.as_portal().search_count(self.mine + [("access_token", "=like", "fg%")])
        with self.assertRaises(AccessError):
            self.as_portal().search(["|", ("access_token", "!=", False), ("id", "=", 0)])
        with self.assertRaises(AccessError):
            self.as_portal().name_search("fg", [("access_token", "=like", "f%")])

    def test_read_group_refused(self):
        with self.assertRaises(AccessError, msg="grouping by a groups= field must be refused"):
            self.as_portal().read_group(self.mine, ["access_token"], ["access_token"],
                                        lazy=False)
        with self.assertRaises(AccessError):
            self.as_portal().read_group(self.mine, ["name"], ["name"],
                                        orderby="access_token")

    def test_read_group_without_fields_leaves_them_out(self):
        groups = self.as_portal().read_group(self.mine, [], ["name"])
        self.assertNotIn("access_token", groups[0])

    def test_order_refused(self):
        with self.assertRaises(AccessError, msg="sorting by a groups= field must be refused"):
            self.as_portal().search(self.mine, order="access_token desc")

    def test_export_refused(self):
        attachment = self.attachment.sudo(self.portal)
        with self.assertRaises(AccessError, msg="exporting a groups= field must be refused"):
            attachment.export_data(["name", "access_token"])
        self.assertEqual(attachment.export_data(["name"])["datas"], [["fg.txt"]])

    def test_members_and_superuser_may(self):
        Attachment = self.env["ir.attachment"]
        domain = self.mine + [("access_token", "=like", "fg%")]
        self.assertEqual(Attachment.sudo(self.employee).search_count(domain), 1,
                         "members of the field's groups keep searching it")
        self.assertEqual(Attachment.sudo().search_count(domain), 1)
        self.assertEqual(self.as_portal().sudo().search_count(domain), 1,
                         "sudo() is not checked")
