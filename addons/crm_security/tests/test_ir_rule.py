"""Each user's rule domains come from rule definitions cached per model
and mode: the same records as Odoo's own computation, and a change of
rules or of a user's groups takes effect at once."""
from unittest.mock import patch

from odoo.tests.common import TransactionCase

from odoo.addons.base.ir.ir_rule import IrRule as OdooRule

from .common import new_user


class TestIrRule(TransactionCase):

    def setUp(self):
        super().setUp()
        self.employee = new_user(self.env, "rule_cache_employee", "base.group_user")
        self.portal = new_user(self.env, "rule_cache_portal", "base.group_portal")
        self.manager = new_user(self.env, "rule_cache_manager", "base.group_erp_manager")

    def _counts(self, models):
        counts = {}
        for user in self.employee | self.portal | self.manager:
            for name in models:
                Model = self.env[name].sudo(user).with_context(active_test=False)
                if Model.check_access_rights("read", raise_exception=False):
                    counts[user.login, name] = Model.search_count([])
        return counts

    def test_users_see_what_odoo_shows_them(self):
        models = sorted({name for name in self.env["ir.rule"].search([]).mapped("model_id.model")
                         if name in self.env and not self.env[name]._abstract
                         and not self.env[name]._transient})
        self.assertGreater(len(models), 5)
        self.env["ir.rule"].clear_caches()
        ours = self._counts(models)
        self.env["ir.rule"].clear_caches()
        with patch.object(type(self.env["ir.rule"]), "_compute_domain", OdooRule._compute_domain):
            odoos = self._counts(models)
        self.env["ir.rule"].clear_caches()
        self.assertTrue(any(count for count in odoos.values()))
        self.assertEqual(ours, odoos)

    def test_rule_and_group_changes_apply_at_once(self):
        group = self.env["res.groups"].create({"name": "Rule cache test"})
        Tag = self.env["res.partner.category"]
        tags = Tag.create({"name": "Rule Cache A"}) | Tag.create({"name": "Rule Cache B"})

        def seen():
            return tags.sudo(self.employee).search([("id", "in", tags.ids)])

        self.assertEqual(seen(), tags)
        rule = self.env["ir.rule"].create({
            "name": "rule cache test",
            "model_id": self.env.ref("base.model_res_partner_category").id,
            "groups": [(6, 0, group.ids)], "domain_force": "[('name', '=', 'Rule Cache A')]"})
        self.assertEqual(seen(), tags, "a rule of a group the employee is not in")
        self.employee.groups_id = [(4, group.id)]
        self.assertEqual(seen(), tags[0], "the employee joined the rule's group")
        rule.domain_force = "[('name', '=', 'Rule Cache B')]"
        self.assertEqual(seen(), tags[1], "the rule's new domain")
        rule.perm_read = False
        self.assertEqual(seen(), tags, "a rule no longer for reading")
        rule.write({"perm_read": True, "groups": [(5,)]})
        self.assertEqual(seen(), tags[1], "a global rule")
        self.employee.groups_id = [(3, group.id)]
        self.assertEqual(seen(), tags[1], "a global rule applies without the group")
        rule.active = False
        self.assertEqual(seen(), tags)
