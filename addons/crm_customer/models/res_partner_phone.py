"""Customers' numbers: one display format, the E.164 columns with region
and carrier, the search by a number typed in any format or by its last
digits (through indexes), and the caller lookup of the screen pop."""
from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .. import phone as phonelib

PHONE_FIELDS = ("phone", "mobile")
# operators the search boxes use on a phone search field
PHONE_SEARCH_OPERATORS = ("ilike", "like", "=", "=like", "=ilike")
PHONE_SEARCH_NEGATIONS = ("not ilike", "not like", "!=")


class ResPartner(models.Model):
    _inherit = "res.partner"

    phone_e164 = fields.Char(
        "Phone (E.164)", compute="_compute_phone_numbers", store=True,
        index=True)
    mobile_e164 = fields.Char(
        "Mobile (E.164)", compute="_compute_phone_numbers", store=True,
        index=True)
    phone_location = fields.Char(
        "Phone Region", compute="_compute_phone_numbers", store=True,
        help="Region and carrier of the phone number (号码归属地).")
    mobile_location = fields.Char(
        "Mobile Region", compute="_compute_phone_numbers", store=True,
        help="Region and carrier of the mobile number (号码归属地).")
    cc_number_invalid = fields.Boolean(
        "Invalid Number", compute="_compute_phone_numbers", store=True,
        help="The phone or mobile number is not a valid number of its country "
             "(e.g. a mobile with a digit missing): check it with the customer.")
    cc_phone_search = fields.Char(
        "Phone or Mobile Number", compute="_compute_cc_phone_search",
        search="_search_cc_phone_search",
        help="Search by phone or mobile number typed in any format (full-width "
             "digits, 0086/+86, brackets, separators) or by its last digits.")

    @api.depends("phone", "mobile", "country_id")
    def _compute_phone_numbers(self):
        default_country = self.env.user.company_id.country_id.code
        for partner in self:
            region = partner.country_id.code or default_country
            invalid = False
            for name in PHONE_FIELDS:
                e164 = phonelib.normalize(partner[name], region)
                partner[name + "_e164"] = e164
                partner[name + "_location"] = phonelib.describe(e164)
                invalid = invalid or phonelib.quality(partner[name], region) not in (
                    None, "valid")
            partner.cc_number_invalid = invalid

    def _compute_cc_phone_search(self):
        for partner in self:
            partner.cc_phone_search = partner.mobile or partner.phone

    def _search_cc_phone_search(self, operator, value):
        return self._cc_phone_search_domain(
            operator, value, self._table, ("phone_e164", "mobile_e164"))

    @api.model_cr
    def _cc_create_suffix_indexes(self, table, columns):
        """Btree indexes on the reversed E.164 columns: 'numbers ending in
        8000' is then the indexed prefix search reverse(column) LIKE '0008%'
        (text_pattern_ops: whatever the database collation)."""
        for column in columns:
            self.env.cr.execute(sql.SQL(
                "CREATE INDEX IF NOT EXISTS {} ON {} (reverse({}) text_pattern_ops)").format(
                    sql.Identifier("%s_%s_reversed_idx" % (table, column)),
                    sql.Identifier(table), sql.Identifier(column)))

    @api.model
    def _cc_display_numbers(self, vals, country_id=False):
        """``vals`` with its phone and mobile in the one display format
        (phone.display: 138 0013 8000, 010 6234 5678); a number that is not
        valid stays as typed (its E.164 column is empty when it is not even
        a possible number)."""
        if not any(vals.get(name) for name in PHONE_FIELDS):
            return vals
        home = self.env.user.company_id.country_id.code
        region = self.env["res.country"].browse(country_id).code if country_id else home
        vals = dict(vals)
        for name in PHONE_FIELDS:
            if vals.get(name):
                vals[name] = phonelib.display(vals[name], region, home) or vals[name]
        return vals

    @api.model
    def _cc_phone_search_domain(self, operator, value, table, columns, field="id"):
        """Domain on ``field`` for a phone search box: the records of
        ``table`` whose E.164 ``columns`` hold the number typed in any
        format (exact match), or end in the digits typed (prefix of the
        reversed column), both through indexes - never a scan of the
        display column. Other add-ons use it for their own numbers."""
        if operator not in PHONE_SEARCH_OPERATORS + PHONE_SEARCH_NEGATIONS:
            raise UserError(_("Phone numbers can only be searched with "
                              "\"contains\" or \"is equal to\"."))
        negative = operator in PHONE_SEARCH_NEGATIONS
        subquery = self._cc_phone_subquery(value, table, columns)
        if subquery is None:
            return expression.TRUE_DOMAIN if negative else expression.FALSE_DOMAIN
        return [(field, "not inselect" if negative else "inselect", subquery)]

    @api.model
    def _cc_phone_subquery(self, text, table, columns):
        """(query, params) selecting the ids of ``table`` whose E.164
        ``columns`` match the number typed as ``text``; None when the text
        is not a number."""
        if not isinstance(text, str):
            return None
        region = self.env.user.company_id.country_id.code
        e164, suffix = phonelib.search_key(text, region)
        conditions, params = [], []
        for column in columns:
            if e164:
                conditions.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
                params.append(e164)
            if suffix:
                conditions.append(sql.SQL("reverse({}) LIKE %s").format(sql.Identifier(column)))
                params.append(suffix + "%")
        if not conditions:
            return None
        query = sql.SQL("SELECT id FROM {} WHERE {}").format(
            sql.Identifier(table), sql.SQL(" OR ").join(conditions))
        return query.as_string(self.env.cr._obj), params

    @api.model
    def _cc_number_domain(self, e164_numbers):
        """Partners having one of these E.164 numbers as phone or mobile: the
        one definition of the caller lookup (exact match, btree indexes)."""
        return ["|", ("phone_e164", "in", list(e164_numbers)),
                ("mobile_e164", "in", list(e164_numbers))]

    @api.model
    def _cc_rows_by_number(self, e164_numbers):
        """(id, phone_e164, mobile_e164) of the partners the caller lookup
        finds for these numbers (the domain above, with the record rules
        and active filter of the caller), customers first: one query for a
        whole batch of calls, as the AMI listener needs."""
        numbers = sorted(set(filter(None, e164_numbers)))
        if not numbers:
            return []
        self.check_access_rights("read")
        query = self._where_calc(self._cc_number_domain(numbers))
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        self.env.cr.execute(
            "SELECT res_partner.id, res_partner.phone_e164, res_partner.mobile_e164 "
            "FROM %s WHERE %s ORDER BY res_partner.cc_customer DESC NULLS LAST, res_partner.id"
            % (from_clause, where_clause), params)
        return self.env.cr.fetchall()

    @api.model
    def _cc_callers(self, e164_numbers):
        """{E.164 number: partner id} of the first partner found for each."""
        found = {}
        for partner_id, phone, mobile in self._cc_rows_by_number(e164_numbers):
            for number in (phone, mobile):
                if number:
                    found.setdefault(number, partner_id)
        return {number: found[number] for number in e164_numbers if number in found}

    @api.model
    def _cc_find_by_number(self, number):
        """Partners whose phone or mobile is ``number`` (any format), by exact
        match on the indexed E.164 columns: the caller lookup of the screen
        pop. Customers come first."""
        region = self.env.user.company_id.country_id.code
        e164 = phonelib.normalize(number, region)
        if not e164:
            return self.browse()
        return self.browse([row[0] for row in self._cc_rows_by_number([e164])])
