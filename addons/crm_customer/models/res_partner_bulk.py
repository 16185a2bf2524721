from psycopg2 import sql
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .. import phone as phonelib
from .res_partner import CUSTOMER_RULES_CHECKED
from .res_partner_phone import PHONE_FIELDS
from .res_partner_pinyin import pinyin_key

# stored computed fields whose value for a new top-level partner is set
# directly by the bulk insert (the others are recomputed by the ORM)
SET_DIRECTLY = {
    "display_name", "partner_share", "commercial_partner_id",
    "commercial_partner_country_id", "commercial_company_name",
    "activity_date_deadline", "phone_e164", "mobile_e164",
    "phone_location", "mobile_location", "name_pinyin", "cc_number_invalid",
}
MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date"}
# a bulk insert of more new rows than this share of the table is analysed
ANALYZE_SHARE = 0.01


class ResPartner(models.Model):
    """Bulk creation of top-level customers for imports: one INSERT per
    thousand rows instead of one ORM create (about 50 ms each: avatar,
    followers, per-field recomputation) per row."""

    _inherit = "res.partner"

    @api.model
    def _cc_bulk_create(self, vals_list, batch_size=1000):
        """Create top-level partners (no parent) from plain values; returns
        the records. Defaults, customer codes, numbers, pinyin and the stored
        computed fields are filled as the ORM would; constraints are
        checked on the result."""
        if not vals_list:
            return self.browse()
        if any(vals.get("parent_id") for vals in vals_list):
            raise ValueError("_cc_bulk_create only creates top-level partners")
        self.check_access_rights("create")
        plain = [name for name, field in self._fields.items()
                 if field.store and field.column_type and not field.compute
                 and not field.related and name not in MAGIC
                 and not field.company_dependent]
        defaults = self.default_get(plain)
        region_default = self.env.user.company_id.country_id.code
        need_codes = [vals for vals in vals_list
                      if vals.get("cc_customer") and not vals.get("customer_code")]
        codes = iter(self._cc_next_customer_codes(len(need_codes)))
        others = [field for field in self._fields.values()
                  if field.store and (field.compute or field.related)
                  and field.name not in SET_DIRECTLY]
        local = [field for field in others if self._cc_bulk_local_compute(field, plain)]
        others = [field for field in others if field not in local]
        local_values = {}
        # ids drawn first: a top-level partner is its own commercial partner,
        # written with the row rather than by a second UPDATE of every row
        self.env.cr.execute(
            "SELECT nextval(pg_get_serial_sequence('res_partner', 'id')) "
            "FROM generate_series(1, %s)", (len(vals_list),))
        ids = [row[0] for row in self.env.cr.fetchall()]
        rows = []
        for new_id, vals in zip(ids, vals_list):
            values = dict(defaults, **vals)
            if values.get("cc_customer") and not values.get("customer_code"):
                values["customer_code"] = next(codes)
            if values.get("cc_customer") and not values.get("cc_contact_name") \
                    and not values.get("is_company"):
                values["cc_contact_name"] = values.get("name")
            row = self._cc_bulk_row(values, region_default)
            row["commercial_partner_id"] = new_id
            for field in local:
                row[field.name] = self._cc_bulk_local_value(field, row, local_values)
            rows.append(row)
        columns = sorted({name for row in rows for name in row
                          if name in self._fields and self._fields[name].column_type})
        now = fields.Datetime.now()
        query = sql.SQL("INSERT INTO res_partner ({}) VALUES %s").format(
            sql.SQL(", ").join(sql.Identifier(c) for c in ["id"] + columns + [
                "create_uid", "write_uid", "create_date", "write_date"]))
        for start in range(0, len(rows), batch_size):
            chunk = rows[start:start + batch_size]
            values = [(new_id,) + tuple(self._fields[c].convert_to_column(row.get(c), self)
                                        if row.get(c) is not None else None for c in columns)
                      + (self.env.uid, self.env.uid, now, now)
                      for new_id, row in zip(ids[start:start + batch_size], chunk)]
            raw = self.env.cr._obj  # execute_values needs psycopg2's own cursor
            execute_values(raw, query.as_string(raw), values, page_size=batch_size)
        records = self.browse(ids)
        # computed without prefetching every column of every new row: a
        # compute reading one field (crm_order_flow's distributor flag reads
        # the category) would otherwise read all of res.partner (~35 s for
        # 20,000 rows)
        lean = records.with_context(prefetch_fields=False)
        for field in others:
            self.env.add_todo(field, lean)
        lean.recompute()
        self._cc_check_bulk_rules(ids)
        # the other constraints read only the fields they use, not every
        # column of every row (prefetching all of res.partner is the cost)
        CUSTOMER_RULES_CHECKED.run(records.with_context(prefetch_fields=False)) \
            ._validate_fields(columns)
        self._cc_analyze_if_grown(len(ids))
        return records

    @api.model
    def _cc_bulk_local_compute(self, field, plain):
        """Whether a stored computed ``field`` depends only on the row's own
        plain columns: then its value is computed once per distinct value
        of those columns and inserted with the row. A recomputation after
        the insert would UPDATE every new row again (a new version of each
        row and of its entries in all of res_partner's ~18 indexes:
        crm_order_flow's distributor flag took 4 s per 20,000 rows)."""
        return bool(field.compute) and not field.related and bool(field.depends) and all(
            "." not in dep and dep in plain for dep in field.depends)

    @api.model
    def _cc_bulk_local_value(self, field, row, cache):
        """The value of ``field`` for a new row, computed by the field's own
        method on a new (unsaved) record holding the row's dependencies."""
        key = (field.name,) + tuple(
            (dep, row.get(dep) if not isinstance(row.get(dep), list) else tuple(row.get(dep)))
            for dep in field.depends)
        if key not in cache:
            record = self.new({dep: row.get(dep) for dep in field.depends})
            cache[key] = field.convert_to_write(record[field.name], record)
        return cache[key]

    @api.model
    def _cc_analyze_if_grown(self, count):
        """ANALYZE res_partner after ``count`` new rows when they are more
        than autovacuum's base threshold plus ANALYZE_SHARE of the table.
        Autovacuum waits for 10 % and comes by later: until then the
        planner does not know the new rows, and a user's first customer
        searches after an import of 100,000 customers were slow (pinyin
        search 657 ms instead of 18 ms). ANALYZE samples at most 30,000
        rows (0.9 s on 1,000,000 customers), little beside an import of
        10,000. It runs in the import's transaction, which ANALYZE allows:
        it samples the transaction's own new rows, and its statistics
        reach the other sessions at commit. Then the GIN indexes' pending
        lists are merged (searches read them whole; only autovacuum's
        ANALYZE merges them, not ours)."""
        cr = self.env.cr
        cr.execute("""
            SELECT reltuples, current_setting('autovacuum_analyze_threshold')::float
              FROM pg_class WHERE oid = 'res_partner'::regclass""")
        rows, base = cr.fetchone()
        if count < base + ANALYZE_SHARE * max(rows, 0):
            return False
        cr.execute("ANALYZE res_partner")
        # the new rows' entries of the GIN indexes (pinyin trigrams) wait in
        # their pending list, which every search through the index reads
        # whole until autovacuum merges it: merged now, in bulk
        cr.execute("""
            SELECT gin_clean_pending_list(i.indexrelid)
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_am a ON a.oid = c.relam
             WHERE i.indrelid = 'res_partner'::regclass AND a.amname = 'gin'""")
        return True

    @api.model
    def _cc_check_bulk_rules(self, ids):
        """The customer rules of _check_cc_customer, for many rows at once."""
        attributes = self.env["crm.customer.attribute"]._for_company().filtered("required")
        missing_attribute = sql.SQL("").join(
            sql.SQL(" OR {} IS NULL").format(sql.Identifier(a.field_name)) for a in attributes)
        query = sql.SQL("""
            SELECT name FROM res_partner
            WHERE id IN %s AND cc_customer AND (
                name IS NULL OR cc_category_id IS NULL OR cc_contact_name IS NULL
                OR gender IS NULL OR (mobile IS NULL AND phone IS NULL)
                OR (phone IS NOT NULL AND phone_e164 IS NULL)
                OR (mobile IS NOT NULL AND mobile_e164 IS NULL){})
            LIMIT 5""").format(missing_attribute)
        self.env.cr.execute(query.as_string(self.env.cr._obj), (tuple(ids),))
        bad = [row[0] for row in self.env.cr.fetchall()]
        if bad:
            raise ValidationError(
                _("These customers miss a category, contact, gender, valid phone number "
                  "or required attribute: %s") % ", ".join(name or "?" for name in bad))

    @api.model
    def _cc_next_customer_codes(self, count):
        """``count`` customer codes from the company's numbering, drawn in one
        query when the sequence is a standard (PostgreSQL) one."""
        if not count:
            return []
        company = self.env.user.company_id
        sequence = self.env["ir.sequence"].sudo().search(
            [("code", "=", "crm.customer.code"), ("company_id", "in", [company.id, False])],
            order="company_id", limit=1)
        if not sequence:
            return [False] * count
        if sequence.implementation != "standard":
            return [sequence._next() for _index in range(count)]
        self.env.cr.execute(
            sql.SQL("SELECT nextval({}) FROM generate_series(1, %s)").format(
                sql.Literal("ir_sequence_%03d" % sequence.id)).as_string(self.env.cr._obj),
            (count,))
        prefix, suffix = sequence._get_prefix_suffix()
        return ["%s%0*d%s" % (prefix, sequence.padding, number, suffix)
                for (number,) in self.env.cr.fetchall()]

    @api.model
    def _cc_bulk_row(self, values, region_default):
        """Add the derived columns a top-level partner gets."""
        region = region_default
        if values.get("country_id"):
            region = self.env["res.country"].browse(values["country_id"]).code
        if "cc_number_invalid" not in values:  # the import checked it already
            values["cc_number_invalid"] = any(
                phonelib.quality(values.get(name), region) not in (None, "valid")
                for name in PHONE_FIELDS)
        for name in PHONE_FIELDS:
            if values.get(name):  # shown as the ORM's create shows it
                values[name] = phonelib.display(
                    values[name], region, region_default) or values[name]
            e164 = values.get(name + "_e164") or phonelib.normalize(values.get(name), region)
            values[name + "_e164"] = e164
            values[name + "_location"] = phonelib.describe(e164)
        values["name_pinyin"] = pinyin_key(values.get("name"))
        values["display_name"] = values.get("name")
        values["partner_share"] = True
        values["commercial_partner_country_id"] = values.get("country_id")
        values["commercial_company_name"] = values.get("name") if values.get("is_company") \
            else False
        return values
