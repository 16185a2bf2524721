"""The migration helpers: a rule whose shipped domain changes gets the new
one, a rule an administrator changed keeps theirs."""
from odoo.tests.common import TransactionCase

from ..upgrade import replace_rule_domains

OLD = "[('create_uid', '=', user.id)]"
NEW = "[('write_uid', '=', user.id)]"


class TestUpgrade(TransactionCase):

    def _rule(self, name, domain):
        rule = self.env["ir.rule"].create({
            "name": name, "model_id": self.env.ref("base.model_res_partner_category").id,
            "domain_force": domain})
        self.env["ir.model.data"].create({
            "module": "crm_security", "name": name, "model": "ir.rule", "res_id": rule.id,
            "noupdate": True})
        return rule

    def test_replace_rule_domains(self):
        shipped = self._rule("test_upgrade_shipped", OLD)
        changed = self._rule("test_upgrade_changed", "[(1, '=', 1)]")
        untouched = self._rule("test_upgrade_untouched", OLD)
        replace_rule_domains(self.env.cr, "crm_security", {
            "test_upgrade_shipped": (OLD, NEW), "test_upgrade_changed": (OLD, NEW)})
        (shipped | changed | untouched).invalidate_cache()
        self.assertEqual(shipped.domain_force, NEW)
        self.assertEqual(changed.domain_force, "[(1, '=', 1)]", "an administrator's domain")
        self.assertEqual(untouched.domain_force, OLD, "a rule not named")
