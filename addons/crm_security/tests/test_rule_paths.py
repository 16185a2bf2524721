"""Record rules on a many2one path (``partner_id.user_id``) compile to a
subquery: no list of the related ids in the query, the same records as
Odoo's own path."""
from odoo.tests.common import TransactionCase

from .common import new_user


def flatten(params):
    for param in params:
        if isinstance(param, (list, tuple)):
            yield from flatten(param)
        else:
            yield param


class TestRulePaths(TransactionCase):

    def setUp(self):
        super().setUp()
        self.group = self.env["res.groups"].create({"name": "Rule path test"})
        self.agent = new_user(self.env, "rule_path_agent", "base.group_user", self.group)
        self.other = new_user(self.env, "rule_path_other", "base.group_user")
        china, france = self.env.ref("base.cn"), self.env.ref("base.fr")
        Partner = self.env["res.partner"]
        parent = Partner.create({"name": "Rule Path Parent Co", "user_id": self.agent.id,
                                 "is_company": True})
        self.partners = Partner.browse()
        for index in range(30):
            self.partners |= Partner.create({
                "name": "Rule Path Customer %d" % index,
                "user_id": [self.agent.id, self.other.id, False][index % 3],
                "country_id": [china.id, france.id][index % 2],
                "parent_id": parent.id if index % 5 == 0 else False,
                "active": index % 7 != 0})
        self.accounts = self.env["res.partner.bank"]
        for index, partner in enumerate(self.partners):
            self.accounts |= self.env["res.partner.bank"].create({
                "acc_number": "RP%04d" % index, "partner_id": partner.id})

    def _rule(self, model, domain, groups=True):
        """A rule for the test group, or for everyone (``groups=False``:
        ANDed with the other rules instead of ORed)."""
        return self.env["ir.rule"].create({
            "name": "rule path test", "model_id": self.env.ref("base.model_%s" % model).id,
            "groups": [(6, 0, self.group.ids if groups else [])], "domain_force": domain})

    def _seen(self, records):
        return records.sudo(self.agent).with_context(active_test=False).search(
            [("id", "in", records.ids)])

    def test_rule_on_a_related_record_lists_no_ids(self):
        self._rule("res_partner_bank", "[('partner_id.user_id', '=', user.id)]")
        where, params, tables = self.env["ir.rule"].sudo(self.agent).domain_get(
            "res.partner.bank")
        mine = self.partners.filtered(lambda partner: partner.user_id == self.agent)
        self.assertEqual(len(mine), 10)
        self.assertFalse(set(mine.ids) & set(flatten(params)),
                         "the agent's customers listed in the rule's query")
        self.assertIn("SELECT", " ".join(where))
        self.assertEqual(tables, ['"res_partner_bank"'])
        self.assertEqual(self._seen(self.accounts).mapped("partner_id"), mine,
                         "the accounts of the agent's customers, archived ones included")

    def test_rules_keep_odoo_semantics(self):
        """Each domain gives the agent the records Odoo's own path gives
        (a superuser search of the same domain)."""
        Bank = self.env["res.partner.bank"]
        agent, parent = self.agent.id, self.partners[0].parent_id.id
        rule = self._rule("res_partner_bank", "[(1, '=', 1)]")
        for domain in [
                [("partner_id.user_id", "!=", agent)],
                [("partner_id.user_id", "=", False)],
                ["!", ("partner_id.user_id", "=", agent)],
                [("partner_id.country_id.code", "=", "CN")],
                ["|", ("partner_id.user_id", "=", agent), ("acc_number", "like", "RP001")],
                ["&", ("partner_id.active", "=", False), ("partner_id.user_id", "in", [agent])],
                [("partner_id.parent_id.user_id", "=", agent)],
                ["|", ("partner_id", "child_of", parent),
                 ("partner_id.country_id.code", "=", "FR")],
                ["!", ("partner_id.parent_id", "child_of", parent)],
                ["|", ("partner_id.user_id", "=", agent), ("partner_id.user_id", "=", False)],
                ["&", ("partner_id.country_id.code", "=", "CN"),
                 ("partner_id.user_id", "!=", agent)]]:
            rule.domain_force = repr(domain)
            expected = Bank.search(domain + [("id", "in", self.accounts.ids)])
            self.assertTrue(expected and expected != self.accounts, domain)
            self.assertEqual(self._seen(self.accounts), expected, domain)

    def test_conditions_on_one_related_record_share_a_subquery(self):
        """Odoo's "Personal Order Lines" shape: an OR of two conditions on
        the order is one EXISTS (PostgreSQL can join it), not two ORed."""
        self._rule("res_partner_bank", "['|', ('partner_id.user_id', '=', user.id), "
                                       "('partner_id.user_id', '=', False)]")
        where = self.env["ir.rule"].sudo(self.agent).domain_get("res.partner.bank")[0]
        self.assertEqual(" ".join(where).count('FROM "res_partner" WHERE'), 1, where)
        nobody = self.env["res.users"]
        self.assertEqual(
            self._seen(self.accounts).mapped("partner_id"),
            self.partners.filtered(lambda partner: partner.user_id in (self.agent, nobody)))

    def test_parent_rules_on_an_inherited_model(self):
        """A rule of res.partner applies to the users (``_inherits``) on
        their partner's alias."""
        self._rule("res_partner", "[('country_id.code', '=', 'CN')]", groups=False)
        self.agent.partner_id.country_id = self.env.ref("base.cn")
        self.other.partner_id.country_id = self.env.ref("base.fr")
        users = self.agent | self.other
        self.assertEqual(users.sudo(self.agent).search([("id", "in", users.ids)]), self.agent)
        self.assertEqual(
            self._seen(self.partners),
            self.partners.filtered(lambda partner: partner.country_id.code == "CN"))
