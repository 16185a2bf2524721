# size: numbers, number search, pinyin and duplicates in one extension; issue 17 splits it
import logging
import re

from lxml import etree
from psycopg2 import sql
from pypinyin import lazy_pinyin

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from odoo.addons.crm_security.models.owned_fields import Owner

from .. import phone as phonelib

_logger = logging.getLogger(__name__)

#: set by the bulk import (res_partner_bulk.py), which checked the customer
#: rules of its rows in one query; a private token, never a client's context
CUSTOMER_RULES_CHECKED = Owner("customer_rules_checked_by_sql")

GENDERS = [("male", "Male"), ("female", "Female"), ("unknown", "Unknown")]
PHONE_FIELDS = ("phone", "mobile")
# operators the search boxes use on a phone search field
PHONE_SEARCH_OPERATORS = ("ilike", "like", "=", "=like", "=ilike")
PHONE_SEARCH_NEGATIONS = ("not ilike", "not like", "!=")
ASCII_WORD = re.compile(r"^[A-Za-z]{2,}$")
# above this many matches the pinyin filter is left to the planner
PINYIN_PREFILTER = 20000


def pinyin_key(name):
    """'张三丰' -> 'zhangsanfeng zsf': full pinyin and initials, searched with
    ilike so 'zhangsan' and 'zsf' both find the customer. Latin words stay
    whole in the initials ('ABC公司' -> 'abcgongsi abcgs')."""
    if not name:
        return False
    syllables = [part.strip().lower() for part in lazy_pinyin(name, errors="default")]
    syllables = [part for part in syllables if part]
    full = re.sub(r"\s+", "", "".join(syllables))
    initials = "".join(part if part in name.lower() else part[:1] for part in syllables)
    initials = re.sub(r"\s+", "", initials)
    return full if full == initials else "%s %s" % (full, initials)


class ResPartner(models.Model):
    _inherit = "res.partner"

    cc_customer = fields.Boolean(
        "Call Center Customer", index=True, copy=False,
        help="Customers managed by the call center follow its creation rules "
             "(category, contact, gender and a phone number are required).")
    customer_code = fields.Char(copy=False, readonly=True, index=True)
    cc_category_id = fields.Many2one(
        "crm.dictionary", string="Customer Category", ondelete="restrict",
        domain=[("dict_type", "=", "customer_category")], groups="base.group_user")
    cc_source_id = fields.Many2one(
        "crm.dictionary", string="Customer Source", ondelete="restrict",
        domain=[("dict_type", "=", "customer_source")])
    cc_region_id = fields.Many2one(
        "crm.dictionary", string="Region", ondelete="restrict",
        domain=[("dict_type", "=", "customer_region")])
    cc_industry_id = fields.Many2one(
        "crm.dictionary", string="Industry", ondelete="restrict",
        domain=[("dict_type", "=", "industry")])
    cc_value_level_id = fields.Many2one(
        "crm.dictionary", string="Value Level", ondelete="restrict",
        domain=[("dict_type", "=", "value_level")], groups="base.group_user")
    gender = fields.Selection(GENDERS)
    # internal notes on the customer: not for the customer's own portal login
    comment = fields.Text(groups="base.group_user")
    cc_contact_name = fields.Char("Contact Person")
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
    name_pinyin = fields.Char(
        compute="_compute_name_pinyin", store=True,
        help="Full pinyin and initials of the name, for searching.")
    first_call_date = fields.Datetime(
        "First Call", readonly=True, copy=False)
    cc_duplicate_ids = fields.Many2many(
        "res.partner", string="Same Number As",
        compute="_compute_cc_duplicate_ids")

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

    @api.depends("name")
    def _compute_name_pinyin(self):
        for partner in self:
            partner.name_pinyin = pinyin_key(partner.name)

    def _compute_cc_duplicate_ids(self):
        for partner in self:
            partner.cc_duplicate_ids = partner._cc_find_duplicates()

    @api.model_cr
    def init(self):
        """A trigram index makes 'zsf' / 'zhangsan' searches fast on large
        customer tables (Odoo itself only creates btree indexes)."""
        cr = self.env.cr
        self._cc_create_suffix_indexes(self._table, ("phone_e164", "mobile_e164"))
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as exc:  # no right to create extensions: slower search
            _logger.warning("pg_trgm unavailable, pinyin search unindexed: %s", exc)
            return
        cr.execute(
            "CREATE INDEX IF NOT EXISTS res_partner_name_pinyin_trgm_idx "
            "ON res_partner USING gin (name_pinyin gin_trgm_ops)")

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

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.constrains("cc_customer", "name", "cc_category_id", "cc_contact_name",
                    "gender", "phone", "mobile")
    def _check_cc_customer(self):
        if CUSTOMER_RULES_CHECKED.acts(self.env):
            return  # _cc_bulk_create checked the same rules in one query
        required_by_company = {}
        for partner in self.filtered("cc_customer"):
            missing = [label for label, value in (
                (_("name"), partner.name),
                (_("category"), partner.cc_category_id),
                (_("contact person"), partner.cc_contact_name),
                (_("gender"), partner.gender),
                (_("mobile or phone"), partner.mobile or partner.phone),
            ) if not value]
            if missing:
                raise ValidationError(
                    _("Customer %s needs: %s.")
                    % (partner.name or _("(no name)"), ", ".join(missing)))
            company = partner.company_id or self.env.user.company_id
            if company not in required_by_company:
                required_by_company[company] = self.env["crm.customer.attribute"]._for_company(
                    company).filtered("required")
            for attribute in required_by_company[company]:
                if partner[attribute.field_name] in (False, None, ""):
                    raise ValidationError(
                        _("Customer %s needs: %s.") % (partner.name, attribute.name))
            for name in PHONE_FIELDS:
                if partner[name] and not partner[name + "_e164"]:
                    raise ValidationError(
                        _("%s is not a valid phone number (customer %s).")
                        % (partner[name], partner.name))

    @api.onchange("phone", "mobile", "country_id")
    def _onchange_cc_phone_duplicates(self):
        if not self.cc_customer:
            return None
        self._compute_phone_numbers()
        duplicates = self._cc_find_duplicates()
        if not duplicates:
            return None
        return {"warning": {
            "title": _("Number already known"),
            "message": _("This number belongs to: %s. Open that customer "
                         "instead, or merge them after saving.")
            % ", ".join("%s (%s)" % (d.name, d.customer_code or d.id)
                        for d in duplicates[:5]),
        }}

    # ------------------------------------------------------------------
    # Views: the company's custom attributes appear without code
    # ------------------------------------------------------------------
    @api.model
    def _fields_view_get(self, view_id=None, view_type="form", toolbar=False,
                         submenu=False):
        result = super()._fields_view_get(view_id=view_id, view_type=view_type,
                                          toolbar=toolbar, submenu=submenu)
        where = {"form": "form", "tree": "list", "search": "search"}.get(view_type)
        if not where or not result.get("arch"):
            return result
        arch = etree.fromstring(result["arch"])
        if view_type == "form":
            parent = arch.find(".//group[@name='cc_custom_attributes']")
        elif view_type == "tree":
            tree_id = self.env.ref("crm_customer.res_partner_view_tree").id
            parent = arch if result.get("view_id") == tree_id else None
        else:
            parent = arch
        if parent is None:
            return result
        for attribute in self.env["crm.customer.attribute"]._for_company(where=where):
            node = etree.SubElement(parent, "field", name=attribute.field_name)
            if view_type == "form" and attribute.required:
                node.set("attrs", "{'required': [('cc_customer', '=', True)]}")
        result["arch"] = etree.tostring(arch, encoding="unicode")
        return result

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get("cc_customer", self.env.context.get("default_cc_customer")):
            if not vals.get("customer_code"):
                vals["customer_code"] = self.env["ir.sequence"].next_by_code(
                    "crm.customer.code")
            if not vals.get("cc_contact_name") and not vals.get("is_company"):
                vals["cc_contact_name"] = vals.get("name")
        vals = self._cc_display_numbers(vals, vals.get("country_id"))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if vals.get("cc_customer"):
            for partner in self.filtered(lambda p: not p.customer_code):
                partner.customer_code = self.env["ir.sequence"].next_by_code(
                    "crm.customer.code")
        if any(vals.get(name) for name in PHONE_FIELDS):
            countries = {vals["country_id"]} if "country_id" in vals else set(
                self.mapped("country_id").ids or [False])
            if len(countries) == 1:  # else each keeps what was typed
                vals = self._cc_display_numbers(vals, countries.pop())
        return super().write(vals)

    @api.model
    def _get_default_image(self, partner_type, is_company, parent_id):
        """Bulk imports skip the generated avatar: drawing and resizing it is
        most of the cost of creating a partner (the web client shows its
        placeholder instead)."""
        if self.env.context.get("cc_no_default_image"):
            return False
        return super()._get_default_image(partner_type, is_company, parent_id)

    @api.multi
    def unlink(self):
        customers = self.filtered("cc_customer")
        if customers:
            user = self.env.user
            if not (user._is_superuser()
                    or user.has_group("crm_callcenter.group_manager")
                    or user.has_group("crm_callcenter.group_admin")):
                raise AccessError(
                    _("Only Managers may delete customers; archive them "
                      "instead."))
            customers._cc_check_unused()
            self.env["crm.operation.log"]._record("delete", "delete", customers)
        return super().unlink()

    # ------------------------------------------------------------------
    # Hooks and business methods
    # ------------------------------------------------------------------
    @api.model
    def _cc_get_usage_fields(self):
        """(model, partner field, label) triples: records that keep a customer
        from being deleted (tickets, orders, calls...). Add-ons extend this
        list by overriding the method and calling super()."""
        return []

    def _cc_check_unused(self):
        for model_name, field_name, label in self._cc_get_usage_fields():
            if model_name not in self.env:
                continue
            Model = self.env[model_name].sudo().with_context(active_test=False)
            used = Model.search([(field_name, "in", self.ids)], limit=1)
            if used:
                owner = used[field_name][:1]
                raise UserError(
                    _("%s has %s (%s); a customer with history cannot be "
                      "deleted. Archive it instead.")
                    % (owner.display_name, label, used.display_name))

    def _cc_find_duplicates(self):
        """Other partners sharing one of this partner's numbers."""
        self.ensure_one()
        numbers = [n for n in (self.phone_e164, self.mobile_e164) if n]
        if not numbers:
            return self.browse()
        domain = self._cc_number_domain(numbers)
        if isinstance(self.id, int):
            domain.append(("id", "!=", self.id))
        return self.search(domain, limit=10)

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

    @api.multi
    def action_cc_merge_duplicates(self):
        """Open Odoo's partner merge with this customer and its duplicates:
        the merge moves every linked record (history) to the one kept."""
        self.ensure_one()
        partners = self | self.cc_duplicate_ids
        return {
            "type": "ir.actions.act_window",
            "res_model": "base.partner.merge.automatic.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "res.partner",
                        "active_ids": partners.ids,
                        "default_dst_partner_id": self.id},
        }

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """Also find customers by pinyin ('zsf', 'zhangsan') and by phone
        number in any format."""
        result = super().name_search(name=name, args=args, operator=operator,
                                     limit=limit)
        if not name or operator not in ("ilike", "like", "=ilike") or (
                limit and len(result) >= limit):
            return result
        extra = self._cc_search_terms_domain(name)
        if not extra:
            return result
        seen = {row[0] for row in result}
        more = self.search(extra + list(args or []) + [("id", "not in", list(seen))],
                           limit=(limit - len(result)) if limit else None)
        return result + more.name_get()

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        return super()._search(self._cc_resolve_pinyin(args), offset=offset, limit=limit,
                               order=order, count=count, access_rights_uid=access_rights_uid)

    @api.model
    def _cc_resolve_pinyin(self, domain):
        """Turn a short (initials) pinyin leaf such as ('name_pinyin', 'ilike',
        'zsf') into ('id', 'in', ids) found through the trigram index first.
        PostgreSQL overestimates how many rows a short pattern matches and
        would otherwise walk the whole display_name index to fill a sorted
        first page (~1 s among a million customers)."""
        resolved = []
        for leaf in domain:
            if (isinstance(leaf, (list, tuple)) and len(leaf) == 3
                    and leaf[0] == "name_pinyin" and leaf[1] == "ilike"
                    and isinstance(leaf[2], str) and 3 <= len(leaf[2]) <= 5):
                self.env.cr.execute(
                    "SELECT id FROM res_partner WHERE name_pinyin ILIKE %s LIMIT %s",
                    ("%" + leaf[2].replace("%", r"\%").replace("_", r"\_") + "%",
                     PINYIN_PREFILTER + 1))
                ids = [row[0] for row in self.env.cr.fetchall()]
                if len(ids) <= PINYIN_PREFILTER:
                    resolved.append(("id", "in", ids))
                    continue
            resolved.append(leaf)
        return resolved

    @api.model
    def _cc_search_terms_domain(self, text):
        text = (text or "").strip()
        if ASCII_WORD.match(text):
            return [("name_pinyin", "ilike", text.lower())]
        region = self.env.user.company_id.country_id.code
        if phonelib.search_key(text, region) != (None, None):
            return [("cc_phone_search", "ilike", text)]
        return []
