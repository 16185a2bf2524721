"""The first page of a list that may hold millions of rows (calls, agent
states, tickets): the rows and a pager count that stops at a limit, as later
Odoo versions do ("1-80 / 10000+"). Counting every record a user may see
cost seconds on ten million calls (docs/PERFORMANCE.md "Ten million calls");
the page itself costs milliseconds. The web client's side is the list view
``js_class="crm_capped_list"`` (static/src/js/crm_capped_list.js)."""
from psycopg2 import sql

from odoo import api, models

from ..constants import PARAM_LIST_COUNT_LIMIT

#: per-column statistics target that keeps up to 2,000 agents as "most
#: common values" (PostgreSQL keeps them all when it saw every one)
STATISTICS_TARGET = 2000


class CrmListPageMixin(models.AbstractModel):
    _name = "crm.list.page.mixin"
    _description = "List with a Capped Pager Count"
    # the pager counts up to this many records ("1-80 / 10000+"); the system
    # parameter crm_callcenter.list_count_limit changes it for every list
    _cc_count_limit = 10000

    @api.model
    def cc_search_read_page(self, domain=None, fields=None, offset=0,
                            limit=None, order=None, count_limit=None):
        """A page of the list, as ``/web/dataset/search_read`` returns it,
        except that the pager's count stops at ``count_limit`` (or at the end
        of the page asked for). ``capped`` says that there are more than
        ``length``. Rows and count are read as the calling user: access
        rights and record rules apply to both."""
        domain = domain or []
        offset = offset or 0
        records = self.search_read(domain, fields, offset=offset,
                                   limit=limit or None, order=order or None)
        if not records:
            return {"length": 0, "records": [], "capped": False}
        if not limit or len(records) < limit:
            return {"length": len(records) + offset, "records": records, "capped": False}
        bound = max(count_limit or self._cc_list_count_limit(), offset + limit)
        length = self._cc_count_capped(domain, bound + 1)
        return {"length": min(length, bound), "records": records, "capped": length > bound}

    @api.model
    def _cc_list_count_limit(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_LIST_COUNT_LIMIT)
        try:
            return max(int(value), 1) if value else self._cc_count_limit
        except ValueError:
            return self._cc_count_limit

    @api.model_cr
    def _cc_track_every_value(self, columns):
        """Let PostgreSQL's statistics keep every value of ``columns`` (the
        agents of a record rule ``user_id = user``) among the most common
        ones. With its default sample it knows ~100 of 500 agents and
        estimates any other, even one with no calls at all, at the average:
        it then walked the whole date index for the first page of an agent
        without calls (11 s on 10 million calls). Only changes and analyses
        when the target differs (init() runs at every update)."""
        cr = self.env.cr
        for column in columns:
            cr.execute("""
                SELECT attstattarget FROM pg_attribute
                 WHERE attrelid = %s::regclass AND attname = %s""", (self._table, column))
            row = cr.fetchone()
            if not row or row[0] == STATISTICS_TARGET:
                continue
            cr.execute(sql.SQL("ALTER TABLE {} ALTER COLUMN {} SET STATISTICS {}").format(
                sql.Identifier(self._table), sql.Identifier(column),
                sql.Literal(STATISTICS_TARGET)))
            cr.execute(sql.SQL("ANALYZE {} ({})").format(
                sql.Identifier(self._table), sql.Identifier(column)))

    @api.model
    def _cc_count_capped(self, domain, limit):
        """``search_count(domain)``, but counting no further than ``limit``
        (same access rights and record rules; PostgreSQL stops after
        ``limit`` rows)."""
        self.check_access_rights("read")
        query = self._where_calc(domain)
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        where = " WHERE %s" % where_clause if where_clause else ""
        self.env.cr.execute(
            "SELECT count(1) FROM (SELECT 1 FROM %s%s LIMIT %%s) AS page"
            % (from_clause, where), params + [limit])
        return self.env.cr.fetchone()[0]
