# size: one wizard whose steps (read, map, validate, convert, create) share the same rows
import base64
import datetime
import hashlib
import html
import json
import re
import zlib

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_callcenter import localtime

from .. import phone as phonelib
from ..spreadsheet import dates
from ..spreadsheet.reader import SheetError, check_size, read_table
from ..spreadsheet.writer import write_xlsx

# header words recognised for each target field (compared in lower case,
# without spaces, '*' or ':'); a field's own label, in English and in the
# user's language, is recognised too (so exported files import back)
HEADER_SYNONYMS = {
    "name": ("name", "customer", "customername", "姓名", "客户名称", "客户姓名", "名称", "客户"),
    "cc_contact_name": ("contact", "contactperson", "联系人"),
    "mobile": ("mobile", "cell", "手机", "手机号", "手机号码", "移动电话"),
    "phone": ("phone", "telephone", "tel", "电话", "固定电话", "座机", "联系电话"),
    "gender": ("gender", "sex", "性别"),
    "email": ("email", "e-mail", "mail", "邮箱", "电子邮件"),
    "website": ("website", "web", "网址", "主页"),
    "function": ("jobposition", "job", "position", "职位", "职务"),
    "street": ("address", "street", "地址", "详细地址"),
    "street2": ("street2", "address2", "地址2", "补充地址"),
    "city": ("city", "城市"),
    "state_id": ("state", "province", "省", "省份"),
    "zip": ("zip", "postcode", "邮编", "邮政编码"),
    "country_id": ("country", "国家"),
    "cc_category_id": ("category", "customercategory", "类别", "客户类别", "客户分类",
                       "客户类型"),
    "cc_source_id": ("source", "来源", "客户来源"),
    "cc_region_id": ("region", "area", "区域", "地区"),
    "cc_industry_id": ("industry", "行业"),
    "cc_value_level_id": ("valuelevel", "level", "价值等级", "客户等级"),
    "first_call_date": ("firstcall", "firstcalldate", "首次来电", "首次来电时间",
                        "首次来电日期", "首次通话"),
    "comment": ("note", "notes", "comment", "备注"),
}
DICTIONARY_FIELDS = {
    "cc_category_id": "customer_category",
    "cc_source_id": "customer_source",
    "cc_region_id": "customer_region",
    "cc_industry_id": "industry",
    "cc_value_level_id": "value_level",
}
# many2one fields read by name or code (lists that the import cannot add to)
PLACE_FIELDS = ("country_id", "state_id")
GENDER_WORDS = {
    "male": "male", "m": "male", "男": "male", "先生": "male",
    "female": "female", "f": "female", "女": "female", "女士": "female",
    "unknown": "unknown", "未知": "unknown",
}
HEADER_NOISE = re.compile(r"[\s*:：]+")
PREVIEW_ROWS = 10
# more new list values than this in one file is a wrong column mapping
MAX_NEW_VALUES = 200
MAX_NEW_VALUE_LENGTH = 64
# bad rows listed in the error message when nothing is imported
LISTED_ERRORS = 20
CREATE_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True,
                  "mail_create_nosubscribe": True, "mail_notrack": True,
                  "cc_no_default_image": True}


class ResPartnerImport(models.TransientModel):
    """Import customers from .xls, .xlsx or TXT/CSV: columns mapped to any
    field of the customer profile, a preview, and bad rows reported by row
    number (and as a file to fix and import again). A value in the file
    wins over the wizard's defaults; a value missing from a data
    dictionary list is added, left empty or rejects its row, as the user
    chooses. With bad rows nothing is written, unless the user asks to
    import only the good ones."""

    _name = "res.partner.import"
    _description = "Import Customers"

    file_data = fields.Binary("File", required=True, attachment=False)
    file_name = fields.Char()
    encoding = fields.Selection(
        [("auto", "Detect (UTF-8 or GB18030)"), ("utf-8", "UTF-8"),
         ("gb18030", "GB18030 (GBK)")], default="auto", required=True,
        help="For TXT and CSV files only.")
    cc_category_id = fields.Many2one(
        "crm.dictionary", string="Default Category",
        domain=[("dict_type", "=", "customer_category")],
        help="For the rows that have no category of their own in the file.")
    default_gender = fields.Selection(
        [("male", "Male"), ("female", "Female"), ("unknown", "Unknown")],
        default="unknown", required=True,
        help="Used where the file has no gender.")
    unknown_values = fields.Selection(
        [("reject", "Reject the Row"), ("add", "Add It to the List"),
         ("empty", "Leave the Field Empty")],
        string="Values Not in a List", default="reject", required=True,
        help="What to do with a value that is not in its data dictionary list "
             "(category, source, region, industry, value level) or among a "
             "choice attribute's choices: add it to the list (choices of "
             "attributes cannot be added: those are left empty), import the "
             "customer without it (with a warning), or reject the row.")
    import_good_rows = fields.Boolean(
        "Import Only the Good Rows",
        help="Without this, a file with any bad row imports nothing.")
    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
        default="upload")
    column_ids = fields.One2many("res.partner.import.column", "import_id",
                                 string="Columns")
    preview_html = fields.Html(readonly=True, sanitize=False)
    row_count = fields.Integer(readonly=True)
    error_count = fields.Integer(readonly=True)
    error_text = fields.Text("Bad Rows", readonly=True)
    warning_count = fields.Integer(readonly=True)
    warning_text = fields.Text("Warnings", readonly=True)
    rejected_file = fields.Binary("Bad Rows File", readonly=True, attachment=False)
    rejected_file_name = fields.Char(readonly=True)
    result_summary = fields.Char(readonly=True)
    created_count = fields.Integer(readonly=True)
    created_ids = fields.Many2many("res.partner", string="Imported Customers")
    table_key = fields.Char()
    table_cache = fields.Binary(attachment=False)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_preview(self):
        self.ensure_one()
        headers, rows = self._read()
        if not self.column_ids:
            self.column_ids = [(0, 0, {
                "column_index": index, "header": header,
                "field_name": self._guess_field(header)})
                for index, header in enumerate(headers)]
        result = self._validate(rows)
        self.write(dict(self._result_values(headers, rows, result), **{
            "state": "preview",
            "row_count": len(rows),
            "preview_html": self._preview_html(headers, rows[:PREVIEW_ROWS]),
        }))
        return self._reopen()

    @api.multi
    def action_import(self):
        self.ensure_one()
        headers, rows = self._read()
        result = self._validate(rows)
        errors = result["errors"]
        if errors and not self.import_good_rows:
            listed = [text for _number, text in errors[:LISTED_ERRORS]]
            if len(errors) > LISTED_ERRORS:
                listed.append("...")
            raise UserError(
                _("%d of %d rows are bad, so nothing was imported. Fix them (preview "
                  "again to download them as a file), or tick 'Import Only the Good "
                  "Rows':\n%s") % (len(errors), len(rows), "\n".join(listed)))
        self._add_new_values(result)
        partners = self._create_customers([vals for _row, vals in result["good"]])
        self.env["crm.operation.log"]._record(
            "import", "import", partners, file=self.file_name, bad=len(errors))
        warned = len({number for number, _text in result["warnings"]})
        self.write(dict(self._result_values(headers, rows, result), **{
            "state": "done",
            "created_count": len(partners),
            "created_ids": [(6, 0, partners.ids)],
            "result_summary": _("%d customers imported (%d with warnings).")
            % (len(partners), warned),
        }))
        return self._reopen()

    @api.multi
    def action_open_customers(self):
        self.ensure_one()
        action = self.env.ref("crm_customer.res_partner_action_customers").read()[0]
        action["domain"] = [("id", "in", self.created_ids.ids)]
        return action

    # ------------------------------------------------------------------
    # Reading and validating
    # ------------------------------------------------------------------
    def _read(self):
        """The file's table; parsed once, kept (compressed) between preview
        and import as long as the file and encoding stay the same."""
        # refuse an oversized upload before decoding it (base64: 4 chars per 3 bytes)
        try:
            check_size(len(self.file_data or b"") * 3 // 4)
        except SheetError as exc:
            raise UserError(_("Cannot read %s: %s") % (
                self.file_name or _("the file"), _(exc.template) % exc.params))
        try:
            data = base64.b64decode(self.file_data or b"")
        except ValueError:
            raise UserError(_("Cannot read %s: the upload is damaged; upload it again.")
                            % (self.file_name or _("the file")))
        key = hashlib.sha1(data + (self.encoding or "").encode()).hexdigest()
        if self.table_key == key and self.table_cache:
            return json.loads(zlib.decompress(base64.b64decode(self.table_cache)).decode())
        encoding = None if self.encoding == "auto" else self.encoding
        try:
            headers, rows = read_table(self.file_name, data, encoding)
        except SheetError as exc:
            raise UserError(_("Cannot read %s: %s") % (
                self.file_name or _("the file"), _(exc.template) % exc.params))
        packed = zlib.compress(json.dumps([headers, rows]).encode(), 3)
        self.write({"table_key": key, "table_cache": base64.b64encode(packed)})
        return headers, rows

    @api.model
    def _guess_field(self, header):
        word = HEADER_NOISE.sub("", (header or "").lower())
        if not word:
            return False
        for attribute in self.env["crm.customer.attribute"]._for_company():
            if word in (HEADER_NOISE.sub("", attribute.name.lower()), attribute.code):
                return attribute.field_name
        for field_name, synonyms in HEADER_SYNONYMS.items():
            if word in synonyms:
                return field_name
        Partner = self.env["res.partner"]
        for lang in {self.env.lang, "en_US"}:
            described = Partner.with_context(lang=lang).fields_get(list(HEADER_SYNONYMS),
                                                                   ["string"])
            for field_name, description in described.items():
                if word == HEADER_NOISE.sub("", description["string"].lower()):
                    return field_name
        return False

    def _validate(self, rows):
        """Check and convert every row, with one query per list (not per
        row) and one for the numbers already known. Returns a dict:
        good [(row number, vals)], errors and warnings [(row number,
        sentence)], new {(field, lower-case value): value} of the values
        to add to the lists."""
        mapping = {col.column_index: col.field_name
                   for col in self.column_ids if col.field_name}
        if "name" not in mapping.values():
            raise UserError(_("Choose which column holds the customer name."))
        if not {"mobile", "phone"} & set(mapping.values()):
            raise UserError(_("Choose which column holds the mobile or phone number."))
        lists = self._list_lookup(set(mapping.values()))
        attributes = {a.field_name: a for a in self.env["crm.customer.attribute"]._for_company()}
        region = self.env.user.company_id.country_id.code
        tz_name = self.env.user.company_id._cc_tz_name()
        result = {"good": [], "errors": [], "warnings": [], "new": {}}
        seen_numbers = {}
        for row_number, values in rows:
            vals = {"cc_customer": True, "customer": True,
                    "cc_category_id": self.cc_category_id.id,
                    "gender": self.default_gender}
            problems, warnings = [], []
            for index, field_name in mapping.items():
                raw = values[index].strip() if index < len(values) else ""
                if not raw:
                    continue
                if field_name == "gender":
                    gender = GENDER_WORDS.get(raw.lower())
                    if gender:
                        vals["gender"] = gender
                    elif self.unknown_values == "reject":
                        problems.append(_("unknown gender %r") % raw)
                    else:  # a fixed list: nothing to add to
                        warnings.append(_("unknown gender %r: the default gender is used")
                                        % raw)
                elif field_name in attributes:
                    self._convert_attribute(attributes[field_name], raw, vals,
                                            problems, warnings)
                elif field_name in lists:
                    self._convert_list_value(field_name, raw, lists[field_name], vals,
                                             problems, warnings, result["new"])
                elif field_name == "first_call_date":
                    moment = dates.parse(raw)
                    if moment is None:
                        problems.append(_("%r is not a date (write it as 2026-03-05 or "
                                          "2026-03-05 14:30)") % raw)
                        continue
                    if not isinstance(moment, datetime.datetime):
                        moment = datetime.datetime.combine(moment, datetime.time())
                    vals[field_name] = fields.Datetime.to_string(
                        localtime.to_utc(tz_name, moment))
                else:
                    vals[field_name] = raw
            if not vals.get("name"):
                problems.append(_("no name"))
            if not vals.get("cc_category_id") and "cc_category_id" not in vals.get(
                    "_new", {}):
                problems.append(_("no category (choose a default category)"))
            numbers = self._check_numbers(vals, region, seen_numbers, problems, warnings)
            if problems:
                result["errors"].append(
                    (row_number, _("Row %d: %s") % (row_number, "; ".join(problems))))
                continue
            for e164 in numbers:
                seen_numbers[e164] = row_number
            result["warnings"] += [(row_number, _("Row %d: %s") % (row_number, warning))
                                   for warning in warnings]
            result["good"].append((row_number, vals))
        self._drop_known_numbers(result, seen_numbers)
        return result

    def _check_numbers(self, vals, region, seen_numbers, problems, warnings):
        """The row's E.164 numbers: an impossible number (12345) is a
        problem, a possible one that no real range holds (a 10-digit
        mobile) is imported with a warning and flagged as invalid."""
        numbers = []
        for field_name in ("mobile", "phone"):
            number = vals.get(field_name)
            if not number:
                continue
            kind = phonelib.quality(number, region)
            e164 = phonelib.normalize(number, region)
            if kind == "impossible" or not e164:
                problems.append(_("%s is not a possible phone number") % number)
            elif e164 in seen_numbers:
                problems.append(_("same number as row %d") % seen_numbers[e164])
            else:
                if kind == "invalid":
                    warnings.append(_("%s is not a valid number of its country (imported; "
                                      "find it with the Invalid Number filter)") % number)
                    vals["cc_number_invalid"] = True
                numbers.append(e164)
                vals[field_name + "_e164"] = e164
        if numbers and "cc_number_invalid" not in vals:
            vals["cc_number_invalid"] = False
        if not numbers and not problems:
            problems.append(_("no mobile or phone number"))
        return numbers

    def _convert_list_value(self, field_name, raw, lookup, vals, problems, warnings, new):
        """Set the id of a list value (dictionary, country, state); an
        unknown value is added, left empty or a problem, as chosen."""
        key = raw.lower()
        value_id = lookup.get(key)
        if value_id:
            vals[field_name] = value_id
            return
        label = self._field_label(field_name)
        if self.unknown_values == "reject":
            problems.append(_("%r is not in the list %s") % (raw, label))
        elif self.unknown_values == "add" and field_name in DICTIONARY_FIELDS:
            if len(raw) > MAX_NEW_VALUE_LENGTH:
                problems.append(_("%r is too long for the list %s") % (raw, label))
                return
            new.setdefault((field_name, key), raw)
            vals.setdefault("_new", {})[field_name] = key
            vals[field_name] = False
        else:  # left empty: the wizard's default, if any (the category)
            warnings.append(_("%r is not in the list %s: left empty") % (raw, label))

    def _convert_attribute(self, attribute, raw, vals, problems, warnings):
        value, ok = self._attribute_value(attribute, raw)
        if ok:
            vals[attribute.field_name] = value
        elif attribute.attribute_type == "selection" and self.unknown_values != "reject":
            warnings.append(_("%r is not a choice of %s: left empty") % (raw, attribute.name))
        else:
            problems.append(_("%r is not a valid %s") % (raw, attribute.name))

    def _drop_known_numbers(self, result, seen_numbers):
        """Rows whose number belongs to an existing customer are reported
        with a link to that customer instead of creating a duplicate."""
        if seen_numbers:
            Partner = self.env["res.partner"].with_context(active_test=False)
            known = Partner.search_read(Partner._cc_number_domain(list(seen_numbers)),
                                        ["name", "customer_code", "phone_e164", "mobile_e164"])
            owner_rows = {}
            for partner in known:
                for e164 in (partner["phone_e164"], partner["mobile_e164"]):
                    if e164 in seen_numbers:
                        owner_rows.setdefault(seen_numbers[e164], partner)
            if owner_rows:
                kept = []
                for row_number, vals in result["good"]:
                    owner = owner_rows.get(row_number)
                    if owner:
                        result["errors"].append((row_number, _(
                            "Row %d: the number already belongs to %s (%s)") % (
                                row_number, owner["name"],
                                owner["customer_code"] or owner["id"])))
                    else:
                        kept.append((row_number, vals))
                result["good"] = kept
                result["warnings"] = [(number, text) for number, text in result["warnings"]
                                      if number not in owner_rows]
        result["errors"].sort()
        used = {(field_name, key) for _row, vals in result["good"]
                for field_name, key in vals.get("_new", {}).items()}
        result["new"] = {key: raw for key, raw in result["new"].items() if key in used}

    @api.model
    def _attribute_value(self, attribute, raw):
        """(value, ok) for a custom attribute cell."""
        kind = attribute.attribute_type
        if kind == "number":
            try:
                return float(raw.replace(",", "")), True
            except ValueError:
                return False, False
        if kind == "date":
            day = dates.parse(raw)
            if day is None:
                return False, False
            if isinstance(day, datetime.datetime):
                day = day.date()
            return fields.Date.to_string(day), True
        if kind == "boolean":
            word = raw.strip().lower()
            if word in ("1", "yes", "y", "true", "是", "有"):
                return True, True
            if word in ("0", "no", "n", "false", "否", "无"):
                return False, True
            return False, False
        if kind == "selection":
            return (raw, True) if raw in attribute._choices() else (False, False)
        return raw, True

    def _list_lookup(self, field_names):
        """{field: {lower-case name or code: id}} for the mapped list fields
        (and the category, which the file may hold): one query per kind of
        list, names in the user's language and as entered."""
        lookup = {}
        wanted = [f for f in DICTIONARY_FIELDS if f in field_names or f == "cc_category_id"]
        by_type = {DICTIONARY_FIELDS[f]: f for f in wanted}
        for lang in self._lookup_langs():
            for value in self.env["crm.dictionary"].with_context(lang=lang).search_read(
                    [("dict_type", "in", list(by_type))], ["dict_type", "name", "code"]):
                target = lookup.setdefault(by_type[value["dict_type"]], {})
                target.setdefault(value["name"].lower(), value["id"])
                if value["code"]:
                    target.setdefault(value["code"].lower(), value["id"])
        for field_name in PLACE_FIELDS:
            if field_name not in field_names:
                continue
            model = self.env["res.partner"]._fields[field_name].comodel_name
            target = lookup.setdefault(field_name, {})
            home = self.env.user.company_id.country_id.id
            for lang in self._lookup_langs():
                values = self.env[model].with_context(lang=lang).search_read(
                    [], ["name", "code"] + (["country_id"] if model != "res.country" else []))
                # a state name or code of the company's country first
                values.sort(key=lambda v: (v.get("country_id") or [home])[0] != home)
                for value in values:
                    target.setdefault(value["name"].lower(), value["id"])
                    target.setdefault((value["code"] or "").lower(), value["id"])
            target.pop("", None)
        for field_name in wanted:
            lookup.setdefault(field_name, {})
        return lookup

    def _lookup_langs(self):
        """The user's language, then the names as entered (source terms)."""
        return [self.env.lang, None] if self.env.lang not in (None, "en_US") else [None]

    def _add_new_values(self, result):
        """Add the unknown values the user chose to add to their lists (the
        importer may: Agents have no other right on the data dictionary),
        then point the rows at them."""
        new = result["new"]
        if not new:
            return
        if len(new) > MAX_NEW_VALUES:
            raise UserError(
                _("The file would add %d new values to the lists (at most %d): check "
                  "which column goes into which field.") % (len(new), MAX_NEW_VALUES))
        # the importer's own rights, before adding as superuser: a call
        # center user (Agent and up) who may create customers, and only to
        # the customer lists of the columns mapped
        self.env["res.partner"].check_access_rights("create")
        if not self.env.user.has_group("crm_callcenter.group_agent"):
            raise AccessError(_("Only call center users may add values to the lists "
                                "through an import."))
        company = self.env.user.company_id
        Dictionary = self.env["crm.dictionary"].sudo()
        ids = {}
        for (field_name, key), raw in sorted(new.items()):
            ids[(field_name, key)] = Dictionary.create({
                "dict_type": DICTIONARY_FIELDS[field_name], "name": raw,
                "company_id": company.id}).id
        self.env["crm.operation.log"]._record(
            "import", "added to the lists: %s" % ", ".join(
                "%s: %s" % (DICTIONARY_FIELDS[f], raw) for (f, _k), raw in sorted(new.items())))
        for _row, vals in result["good"]:
            for field_name, key in vals.pop("_new", {}).items():
                vals[field_name] = ids[(field_name, key)]

    def _result_values(self, headers, rows, result):
        """The wizard's counts, texts and bad-rows file for ``result``."""
        errors, warnings = result["errors"], result["warnings"]
        values = {
            "error_count": len(errors),
            "error_text": "\n".join(text for _number, text in errors),
            "warning_count": len({number for number, _text in warnings}),
            "warning_text": "\n".join(text for _number, text in warnings),
            "rejected_file": False, "rejected_file_name": False,
        }
        if errors:
            by_number = dict(rows)
            reasons = {}
            for number, text in errors:
                reasons.setdefault(number, []).append(text)
            table = [[number] + list(by_number.get(number, [])) + ["; ".join(reasons[number])]
                     for number in sorted(reasons)]
            data = write_xlsx([_("Row")] + list(headers) + [_("Reason")], table, _("Bad Rows"))
            stem = (self.file_name or "customers").rsplit(".", 1)[0]
            values.update({
                "rejected_file": base64.b64encode(data),
                "rejected_file_name": _("%s - bad rows.xlsx") % stem,
            })
        return values

    def _field_label(self, field_name):
        return self.env["res.partner"]._fields[field_name].get_description(
            self.env)["string"]

    def _create_customers(self, vals_list):
        for vals in vals_list:
            vals.pop("_new", None)
        return self.env["res.partner"].with_context(**CREATE_CONTEXT)._cc_bulk_create(vals_list)

    def _preview_html(self, headers, rows):
        mapping = {col.column_index: col.field_name for col in self.column_ids}
        labels = dict(self.env["res.partner.import.column"]._fields[
            "field_name"]._description_selection(self.env))
        head = "".join(
            "<th>%s<br/><small>%s</small></th>" % (
                html.escape(header), html.escape(labels.get(mapping.get(i), "-")))
            for i, header in enumerate(headers))
        body = "".join(
            "<tr><td>%d</td>%s</tr>" % (number, "".join(
                "<td>%s</td>" % html.escape(value) for value in values))
            for number, values in rows)
        return ('<table class="table table-condensed o_cc_import_preview">'
                "<thead><tr><th>#</th>%s</tr></thead><tbody>%s</tbody></table>"
                % (head, body))

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Import Customers"),
        }
