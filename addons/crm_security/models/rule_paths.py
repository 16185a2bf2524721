"""Record rules about a related record, as a subquery.

Odoo 11 answers a domain on a many2one path (``call_id.user_id``) by
searching the related model first and listing every id it found in the
query: a rule such as "the IVR steps of my calls" then carried all of an
agent's calls in each read, and grew with the history. A model declares a
non-stored search field whose method returns
``self._crm_related_subquery(many2one, domain)``: the records whose
``many2one`` points to a record matching ``domain``, looked up by its key
for each record (cheap for the reads of a few records, which rules serve
most; a report over a whole table checks every row). The related model's
record rules do not apply inside it: the field serves the rules of the
model that declares it, which apply on top."""
from odoo import api, models


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _crm_related_subquery(self, many2one, domain):
        """A domain: the records of this model whose ``many2one`` field
        points to a record matching ``domain`` (on its comodel)."""
        comodel = self.env[self._fields[many2one].comodel_name]
        query = comodel.sudo().with_context(active_test=False)._where_calc(domain)
        from_clause, where_clause, params = query.get_sql()
        subquery = 'SELECT "%s".id FROM %s WHERE "%s".id = "%s"."%s" AND (%s)' % (
            comodel._table, from_clause, comodel._table, self._table, many2one,
            where_clause or "TRUE")
        return [(many2one, "inselect", (subquery, params))]
