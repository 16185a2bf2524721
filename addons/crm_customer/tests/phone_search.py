"""Helpers for the phone search tests of the call-center add-ons: what the
web client sends when a user types in a search view's box."""
from lxml import etree

from odoo.tools.safe_eval import safe_eval

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

# one customer's numbers, typed the ways issue 15 lists
TYPED_MOBILE = ("13800138000", "0086 138-0013-8000", "１３８００１３８０００",
                "+86 138 0013 8000", "0013 8000")
TYPED_LANDLINE = ("(010)84572000", "（０１０）８４５７２０００", "010-8457-2000", "4572000")


def search_view_domain(model, field_name, text, view_id=None):
    """The domain the search view of ``model`` gives for ``text`` typed in
    its box and searched as ``field_name`` (its filter_domain evaluated
    with ``self``, else the field with its operator, as the web client
    does)."""
    arch = etree.fromstring(model.fields_view_get(view_id=view_id, view_type="search")["arch"])
    node = arch.find(".//field[@name='%s']" % field_name)
    assert node is not None, "the search view has no %s field" % field_name
    if node.get("filter_domain"):
        return safe_eval(node.get("filter_domain"), {"self": text})
    return [(field_name, node.get("operator") or "ilike", text)]


def where_clause(model, domain):
    """(WHERE clause, params) the ORM builds for ``domain`` on ``model``."""
    _from, where, params = model._where_calc(domain).get_sql()
    return where, params


def index_definitions(model):
    """The definitions (pg_indexes.indexdef) of the indexes of ``model``'s
    table. The tests check the WHERE clause against them rather than
    EXPLAIN: on a tiny test table, or while another transaction of the
    cluster is older than a new index, the planner may rightly ignore it."""
    model.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s",
                         (model._table,))
    return [row[0] for row in model.env.cr.fetchall()]


def assert_indexed(case, model, column):
    """``column`` has a btree index and a reversed text_pattern_ops one."""
    definitions = index_definitions(model)
    case.assertTrue([d for d in definitions if d.endswith("USING btree (%s)" % column)],
                    "no btree index on %s: %s" % (column, definitions))
    case.assertTrue([d for d in definitions
                     if "reverse((%s)::text) text_pattern_ops" % column in d],
                    "no reversed prefix index on %s: %s" % (column, definitions))


class PhoneSearchCase(CallCenterCase):
    """A customer with a mobile and a landline, typed the ways users type
    them; the base of the phone search tests (no tests of its own)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.Partner.sudo(cls.users["agent"]).create({
            "name": "号码客户", "cc_customer": True, "gender": "female",
            "cc_category_id": cls.category.id,
            "mobile": "0086 138-0013-8000", "phone": "(010)84572000"})

    def assertFinds(self, model, domain, record, typed):
        found = model.search(domain)
        self.assertIn(record, found, "%r did not find %s" % (typed, record.display_name))
        return found
