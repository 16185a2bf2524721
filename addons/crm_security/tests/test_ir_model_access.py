"""Access rights answered from grants cached per model and mode: Odoo's
answer for every model and mode, and a change of groups at once."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from odoo.addons.base.ir.ir_model import IrModelAccess as OdooAccess

from .common import new_user


class TestIrModelAccess(TransactionCase):

    def test_every_answer_is_odoos(self):
        users = (new_user(self.env, "access_employee", "base.group_user")
                 | new_user(self.env, "access_portal", "base.group_portal")
                 | new_user(self.env, "access_public", "base.group_public")
                 | new_user(self.env, "access_settings", "base.group_system"))
        models = sorted(self.env.registry)
        differences, granted = [], 0
        for user in users:
            Access = self.env["ir.model.access"].sudo(user)
            for model in models:
                for mode in self.env["ir.rule"]._MODES:
                    ours = Access.check(model, mode, raise_exception=False)
                    odoos = OdooAccess.check(Access, model, mode, raise_exception=False)
                    granted += bool(ours)
                    if ours != odoos:
                        differences.append((user.login, model, mode, ours, odoos))
        self.assertGreater(granted, len(models))
        self.assertFalse(differences)

    def test_group_changes_apply_at_once(self):
        user = new_user(self.env, "access_changes", "base.group_user")
        Access = self.env["ir.model.access"].sudo(user)
        self.assertFalse(Access.check("res.partner", "unlink", raise_exception=False))
        with self.assertRaises(AccessError):
            Access.check("res.partner", "unlink")
        user.groups_id = [(4, self.env.ref("base.group_partner_manager").id)]
        self.assertTrue(Access.check("res.partner", "unlink"))
        user.groups_id = [(3, self.env.ref("base.group_partner_manager").id)]
        self.assertFalse(Access.check("res.partner", "unlink", raise_exception=False))
