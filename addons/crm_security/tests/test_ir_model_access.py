"""Access rights answered from grants cached per model and mode: Odoo's
answer for every model and mode, and a change of groups at once."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from odoo.addons.base.ir.ir_model import IrModelAccess as OdooAccess

MODES = ("read", "write", "create", "unlink")


class TestIrModelAccess(TransactionCase):

    def _user(self, login, *groups):
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": login, "login": login,
            "groups_id": [(6, 0, [self.env.ref(group).id for group in groups])]})

    def test_every_answer_is_odoos(self):
        users = (self._user("access_employee", "base.group_user")
                 | self._user("access_portal", "base.group_portal")
                 | self._user("access_public", "base.group_public")
                 | self._user("access_settings", "base.group_system"))
        models = sorted(self.env.registry)
        differences, granted = [], 0
        for user in users:
            Access = self.env["ir.model.access"].sudo(user)
            for model in models:
                for mode in MODES:
                    ours = Access.check(model, mode, raise_exception=False)
                    odoos = OdooAccess.check(Access, model, mode, raise_exception=False)
                    granted += bool(ours)
                    if ours != odoos:
                        differences.append((user.login, model, mode, ours, odoos))
        self.assertGreater(granted, len(models))
        self.assertFalse(differences)

    def test_group_changes_apply_at_once(self):
        user = self._user("access_changes", "base.group_user")
        Access = self.env["ir.model.access"].sudo(user)
        self.assertFalse(Access.check("res.partner", "unlink", raise_exception=False))
        with self.assertRaises(AccessError):
            Access.check("res.partner", "unlink")
        user.groups_id = [(4, self.env.ref("base.group_partner_manager").id)]
        self.assertTrue(Access.check("res.partner", "unlink"))
        user.groups_id = [(3, self.env.ref("base.group_partner_manager").id)]
        self.assertFalse(Access.check("res.partner", "unlink", raise_exception=False))
