"""Record rules about a related record, as a subquery.

Odoo 11 answers a domain on a many2one path (``order_id.user_id``) by
searching the related model first and listing every id it found in the
query: a rule such as "the returns of my orders" then carried all of an
agent's orders in each read, and grew with the history.

Every record rule is now compiled with its many2one paths as correlated
subqueries (``IrRule.domain_get``): ``EXISTS (SELECT 1 FROM sale_order
WHERE sale_order.id = crm_order_return.order_id AND user_id = %s)``, the
same records as Odoo's path (the related record looked up as superuser,
archived or not, as Odoo does) without the list. PostgreSQL turns such an
EXISTS into a semi-join where the rule is ANDed, and elsewhere (an OR of
rules) chooses between a lookup by key for each record (the read of a few
records) and hashing the matching related records once (a report over a
whole table). A leaf under NOT keeps ``IN`` (a record without the related
record stays out, as with Odoo's list). A leaf Odoo joins for
(``auto_join``, a parent's field through ``_inherits``) stays Odoo's, and
so does a path whose subquery would name the rule's own table (a
parent's rules are moved onto its alias by name). The related model's
record rules do not apply inside the subquery: they serve the rules of the
model that declares them, which apply on top."""
from odoo import api, models
from odoo.osv import expression

OPERATORS = {expression.AND_OPERATOR: "AND", expression.OR_OPERATOR: "OR"}


def has_path(domain):
    """Whether a leaf of ``domain`` goes through a relation (``a.b``)."""
    return any(isinstance(leaf, (list, tuple)) and len(leaf) == 3 and isinstance(leaf[0], str)
               and "." in leaf[0] for leaf in domain)


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _crm_path_leaf_sql(self, leaf, negated=False):
        """The SQL of a leaf on a many2one path (``(sql, params, related)``:
        ``related`` is (many2one, table, condition) of its EXISTS, for
        merging), or None where Odoo's own compilation must be kept.
        ``negated``: the leaf is under NOT."""
        left, operator, right = leaf
        if not isinstance(left, str) or "." not in left:
            return None
        name, rest = left.split(".", 1)
        field = self._fields.get(name)
        if not field or field.type != "many2one" or not field.store or field.auto_join:
            return None
        comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
        compiled = comodel._crm_rule_sql([(rest, operator, right)])
        if compiled is None:
            return None
        where, params = compiled
        table = '"%s"' % comodel._table
        if comodel._table == self._table or '"%s"' % self._table in where:
            return None
        if negated:
            return '("%s"."%s" IN (SELECT %s.id FROM %s WHERE %s))' % (
                self._table, name, table, table, where), params, None
        return self._crm_exists(name, table, where), params, (name, table, where)

    @api.model
    def _crm_exists(self, many2one, table, where):
        """Whether this record's ``many2one`` points to a row of ``table``
        matching ``where``."""
        return 'EXISTS (SELECT 1 FROM %s WHERE %s.id = "%s"."%s" AND %s)' % (
            table, table, self._table, many2one, where)

    @api.model
    def _crm_rule_sql(self, domain):
        """``domain`` on this model as one SQL condition on its own table
        (``(sql, params)``), its many2one paths as subqueries; None for a
        domain that needs a join (Odoo's own compilation, its lists of ids
        included)."""
        domain = expression.distribute_not(expression.normalize_domain(domain))
        negated = {index + 1 for index, token in enumerate(domain)
                   if isinstance(token, str) and token == expression.NOT_OPERATOR}
        stack = []  # (sql, params, related of an EXISTS or None)
        for index in reversed(range(len(domain))):
            token = domain[index]
            if isinstance(token, str) and token == expression.NOT_OPERATOR:
                sql, params, _related = stack.pop()
                stack.append(("(NOT (%s))" % sql, params, None))
            elif isinstance(token, str) and token in OPERATORS:
                first, second = stack.pop(), stack.pop()
                params = first[1] + second[1]
                if first[2] and second[2] and first[2][:2] == second[2][:2]:
                    # two conditions on the same related record: one EXISTS
                    # (a semi-join even under an OR of such leaves)
                    many2one, table = first[2][:2]
                    where = "(%s %s %s)" % (first[2][2], OPERATORS[token], second[2][2])
                    stack.append((self._crm_exists(many2one, table, where), params,
                                  (many2one, table, where)))
                else:
                    stack.append(("(%s %s %s)" % (first[0], OPERATORS[token], second[0]),
                                  params, None))
            else:
                compiled = self._crm_path_leaf_sql(token, index in negated)
                if compiled is None:
                    compiled = self._crm_leaf_sql(token)
                    if compiled is None:
                        return None
                    compiled += (None,)
                stack.append(compiled)
        return stack[0][:2]

    @api.model
    def _crm_leaf_sql(self, leaf):
        """Odoo's own SQL for ``leaf`` on this model's table, or None when
        it needs another table (a join)."""
        query = self._where_calc([leaf], active_test=False)
        if query.tables != ['"%s"' % self._table]:
            return None
        return " AND ".join(query.where_clause) or "TRUE", query.where_clause_params
