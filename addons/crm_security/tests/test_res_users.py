"""``has_group`` from the user's cached groups: Odoo's answer for every
group, and a change of groups at once."""
from odoo.tests.common import TransactionCase

from odoo.addons.base.res.res_users import Users as OdooUsers

from .common import new_user


class TestResUsers(TransactionCase):

    def test_has_group_is_odoos(self):
        users = (new_user(self.env, "group_employee", "base.group_user")
                 | new_user(self.env, "group_portal", "base.group_portal")
                 | new_user(self.env, "group_settings", "base.group_system"))
        xmlids = self.env["ir.model.data"].search([("model", "=", "res.groups")]).mapped(
            lambda data: "%s.%s" % (data.module, data.name)) + ["base.no_such_group"]
        answers = {}
        for user in users:
            for xmlid in xmlids:
                ours = user.has_group(xmlid)
                odoos = OdooUsers._has_group(self.env["res.users"].sudo(user), xmlid)
                self.assertEqual(ours, odoos, (user.login, xmlid))
                answers[ours] = answers.get(ours, 0) + 1
        self.assertGreater(answers.get(True, 0), 10)
        self.assertGreater(answers.get(False, 0), 10)

    def test_group_changes_apply_at_once(self):
        user = new_user(self.env, "group_changes", "base.group_user")
        self.assertFalse(user.has_group("base.group_system"))
        user.groups_id = [(4, self.env.ref("base.group_system").id)]
        self.assertTrue(user.has_group("base.group_system"))
        self.assertTrue(user.has_group("base.group_erp_manager"), "an implied group")
        user.groups_id = [(3, self.env.ref("base.group_system").id)]
        self.assertFalse(user.has_group("base.group_system"))
