from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from ..models.res_partner_bulk import ANALYZE_SHARE
from .test_customer_import import xlsx_bytes


class TestCustomerImportAnalyze(CallCenterCase):
    """A large import leaves res_partner analysed: the planner knows the
    new rows at once, not when autovacuum comes by (issue 18)."""

    def table_facts(self):
        cr = self.env.cr
        cr.execute("SELECT pg_stat_clear_snapshot()")  # stats are cached per transaction
        cr.execute("""
            SELECT c.reltuples, s.last_analyze, s.n_mod_since_analyze,
                   current_setting('autovacuum_analyze_threshold')::float
              FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
             WHERE c.oid = 'res_partner'::regclass""")
        return cr.fetchone()

    def test_large_import_analyses_the_customers(self):
        reltuples, _last, _mod, base = self.table_facts()
        size = int(base + ANALYZE_SHARE * max(reltuples, 0)) + 1
        self.assertLess(size, 5000, "the test database is too large for this test")
        rows = [["导入分析%04d" % n, "1391234%04d" % n, "", "男", "", ""] for n in range(size)]
        self.env.cr.execute("SELECT count(*) FROM res_partner")
        before = self.env.cr.fetchone()[0]
        wizard = self.import_wizard("many.xlsx", xlsx_bytes(rows))
        wizard.action_import()
        self.assertEqual(wizard.created_count, size, wizard.error_text)
        reltuples, last_analyze, mod_since, _base = self.table_facts()
        self.env.cr.execute("SELECT now()")
        started = self.env.cr.fetchone()[0]
        self.assertTrue(last_analyze and last_analyze >= started,
                        "the import did not analyse res_partner in its transaction")
        self.assertGreaterEqual(reltuples, before + size,
                                "the statistics do not count the imported customers")
        self.assertLess(mod_since, size, "rows changed since the analysis include the import")
        created = wizard.created_ids
        self.assertEqual(created.mapped("commercial_partner_id"), created,
                         "an imported customer is its own commercial partner")

    def test_small_import_leaves_it_to_autovacuum(self):
        reltuples, _last, _mod, base = self.table_facts()
        Partner = self.env["res.partner"]
        self.assertFalse(Partner._cc_analyze_if_grown(1),
                         "one new customer must not cost an ANALYZE")
        self.assertTrue(Partner._cc_analyze_if_grown(int(base + ANALYZE_SHARE * max(reltuples, 0))
                                                     + 1),
                        "a bulk insert past the threshold is analysed")
