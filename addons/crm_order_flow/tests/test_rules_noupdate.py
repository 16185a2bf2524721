"""The add-on's record rules are noupdate: an administrator's change to a
rule survives the next update of the add-on."""
from odoo.tests.common import TransactionCase


class TestRulesNoupdate(TransactionCase):

    def test_every_rule_is_noupdate(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "crm_order_flow"), ("model", "=", "ir.rule")])
        self.assertGreaterEqual(len(data), 24, "the add-on's rules were not found")
        self.assertEqual(data.filtered(lambda row: not row.noupdate).mapped("name"), [],
                         "these rules would be rewritten by every update")
