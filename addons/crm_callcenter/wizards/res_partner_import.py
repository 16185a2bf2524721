import base64
import datetime
import hashlib
import html
import json
import zlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..spreadsheet.reader import SheetError, check_size, read_table
from ..telephony import phone as phonelib

# header words (lower case) recognised for each target field
HEADER_SYNONYMS = {
    "name": ("name", "customer", "customer name", "姓名", "客户名称", "客户姓名", "名称", "客户"),
    "cc_contact_name": ("contact", "contact person", "联系人"),
    "mobile": ("mobile", "cell", "手机", "手机号", "手机号码", "移动电话"),
    "phone": ("phone", "telephone", "tel", "电话", "固定电话", "座机", "联系电话"),
    "gender": ("gender", "sex", "性别"),
    "email": ("email", "e-mail", "mail", "邮箱", "电子邮件"),
    "street": ("address", "street", "地址", "详细地址"),
    "city": ("city", "城市"),
    "zip": ("zip", "postcode", "邮编", "邮政编码"),
    "cc_source_id": ("source", "来源", "客户来源"),
    "cc_region_id": ("region", "area", "区域", "地区"),
    "cc_industry_id": ("industry", "行业"),
    "cc_value_level_id": ("value level", "level", "价值等级", "客户等级"),
    "comment": ("note", "notes", "comment", "备注"),
}
DICTIONARY_FIELDS = {
    "cc_source_id": "customer_source",
    "cc_region_id": "customer_region",
    "cc_industry_id": "industry",
    "cc_value_level_id": "value_level",
}
GENDER_WORDS = {
    "male": "male", "m": "male", "男": "male", "先生": "male",
    "female": "female", "f": "female", "女": "female", "女士": "female",
    "unknown": "unknown", "未知": "unknown",
}
PREVIEW_ROWS = 10
CREATE_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True,
                  "mail_create_nosubscribe": True, "mail_notrack": True,
                  "cc_no_default_image": True}


class ResPartnerImport(models.TransientModel):
    """Import customers from .xls, .xlsx or TXT/CSV: one category for the
    whole batch, columns mapped to fields, a preview, and bad rows reported
    by row number. With bad rows nothing is written, unless the user asks to
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
        "crm.dictionary", string="Customer Category", required=True,
        domain=[("dict_type", "=", "customer_category")],
        help="Every imported customer gets this category.")
    default_gender = fields.Selection(
        [("male", "Male"), ("female", "Female"), ("unknown", "Unknown")],
        default="unknown", required=True,
        help="Used where the file has no gender.")
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
        _good, errors = self._validate(rows)
        self.write({
            "state": "preview",
            "row_count": len(rows),
            "error_count": len(errors),
            "error_text": "\n".join(errors),
            "preview_html": self._preview_html(headers, rows[:PREVIEW_ROWS]),
        })
        return self._reopen()

    @api.multi
    def action_import(self):
        self.ensure_one()
        _headers, rows = self._read()
        good, errors = self._validate(rows)
        if errors and not self.import_good_rows:
            raise UserError(
                _("%d of %d rows are bad, so nothing was imported. Fix them, "
                  "or tick 'Import Only the Good Rows':\n%s")
                % (len(errors), len(rows), "\n".join(errors[:50])))
        partners = self._create_customers([vals for _row, vals in good])
        self.env["crm.operation.log"]._record(
            "import", "import", partners, file=self.file_name, bad=len(errors))
        self.write({
            "state": "done",
            "created_count": len(partners),
            "created_ids": [(6, 0, partners.ids)],
            "error_count": len(errors),
            "error_text": "\n".join(errors),
        })
        return self._reopen()

    @api.multi
    def action_open_customers(self):
        self.ensure_one()
        action = self.env.ref("crm_callcenter.res_partner_action_customers").read()[0]
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
            raise UserError(_("Cannot read %s: %s") % (self.file_name or _("the file"), exc))
        data = base64.b64decode(self.file_data or b"")
        key = hashlib.sha1(data + (self.encoding or "").encode()).hexdigest()
        if self.table_key == key and self.table_cache:
            return json.loads(zlib.decompress(base64.b64decode(self.table_cache)).decode())
        encoding = None if self.encoding == "auto" else self.encoding
        try:
            headers, rows = read_table(self.file_name, data, encoding)
        except SheetError as exc:
            raise UserError(_("Cannot read %s: %s") % (self.file_name or _("the file"), exc))
        packed = zlib.compress(json.dumps([headers, rows]).encode(), 3)
        self.write({"table_key": key, "table_cache": base64.b64encode(packed)})
        return headers, rows

    @api.model
    def _guess_field(self, header):
        word = (header or "").strip().lower()
        for attribute in self.env["crm.customer.attribute"]._for_company():
            if word in (attribute.name.lower(), attribute.code):
                return attribute.field_name
        for field_name, synonyms in HEADER_SYNONYMS.items():
            if word in synonyms:
                return field_name
        return False

    def _validate(self, rows):
        """([(row_number, vals)], [error sentence by row]) for every row; one
        query per dictionary list and one for the numbers already known."""
        mapping = {col.column_index: col.field_name
                   for col in self.column_ids if col.field_name}
        if "name" not in mapping.values():
            raise UserError(_("Choose which column holds the customer name."))
        if not {"mobile", "phone"} & set(mapping.values()):
            raise UserError(_("Choose which column holds the mobile or phone number."))
        dictionaries = self._dictionary_lookup()
        attributes = {a.field_name: a for a in self.env["crm.customer.attribute"]._for_company()}
        region = self.env.user.company_id.country_id.code
        good, errors, seen_numbers = [], [], {}
        for row_number, values in rows:
            vals = {"cc_customer": True, "customer": True,
                    "cc_category_id": self.cc_category_id.id,
                    "gender": self.default_gender}
            problems = []
            for index, field_name in mapping.items():
                raw = values[index].strip() if index < len(values) else ""
                if not raw:
                    continue
                if field_name == "gender":
                    gender = GENDER_WORDS.get(raw.lower())
                    if not gender:
                        problems.append(_("unknown gender %r") % raw)
                    vals["gender"] = gender or self.default_gender
                elif field_name in attributes:
                    value, ok = self._attribute_value(attributes[field_name], raw)
                    if not ok:
                        problems.append(_("%r is not a valid %s")
                                        % (raw, attributes[field_name].name))
                    vals[field_name] = value
                elif field_name in DICTIONARY_FIELDS:
                    value_id = dictionaries[field_name].get(raw.lower())
                    if not value_id:
                        problems.append(_("%r is not in the list %s")
                                        % (raw, self._field_label(field_name)))
                    vals[field_name] = value_id or False
                else:
                    vals[field_name] = raw
            if not vals.get("name"):
                problems.append(_("no name"))
            numbers = []
            for field_name in ("mobile", "phone"):
                if vals.get(field_name):
                    e164, error = phonelib.check(vals[field_name], region)
                    if error:
                        problems.append(_("%s is not a valid phone number")
                                        % vals[field_name])
                    elif e164 in seen_numbers:
                        problems.append(_("same number as row %d")
                                        % seen_numbers[e164])
                    else:
                        numbers.append(e164)
                        vals[field_name + "_e164"] = e164
            if not numbers and not problems:
                problems.append(_("no mobile or phone number"))
            if problems:
                errors.append((row_number, _("Row %d: %s") % (row_number, "; ".join(problems))))
                continue
            for e164 in numbers:
                seen_numbers[e164] = row_number
            good.append((row_number, vals))
        return self._drop_known_numbers(good, seen_numbers, errors)

    def _drop_known_numbers(self, good, seen_numbers, errors):
        """Rows whose number belongs to an existing customer are reported
        with a link to that customer instead of creating a duplicate."""
        if not seen_numbers:
            return good, [text for _number, text in errors]
        numbers = list(seen_numbers)
        Partner = self.env["res.partner"].with_context(active_test=False)
        known = Partner.search_read(Partner._cc_number_domain(numbers),
                                    ["name", "customer_code", "phone_e164", "mobile_e164"])
        owner_rows = {}
        for partner in known:
            for e164 in (partner["phone_e164"], partner["mobile_e164"]):
                if e164 in seen_numbers:
                    owner_rows.setdefault(seen_numbers[e164], partner)
        if not owner_rows:
            return good, [text for _number, text in errors]
        kept = []
        for row_number, vals in good:
            owner = owner_rows.get(row_number)
            if owner:
                errors.append((row_number, _("Row %d: the number already belongs to %s (%s)")
                               % (row_number, owner["name"],
                                  owner["customer_code"] or owner["id"])))
            else:
                kept.append((row_number, vals))
        return kept, [text for _number, text in sorted(errors)]

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
            for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
                try:
                    day = datetime.datetime.strptime(raw[:11].strip(), pattern).date()
                    return fields.Date.to_string(day), True
                except ValueError:
                    continue
            return False, False
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

    def _dictionary_lookup(self):
        """{field: {lower-case name or code: id}} for the dictionary fields."""
        values = self.env["crm.dictionary"].search_read(
            [("dict_type", "in", list(DICTIONARY_FIELDS.values()))],
            ["dict_type", "name", "code"])
        lookup = {field_name: {} for field_name in DICTIONARY_FIELDS}
        by_type = {dict_type: field_name for field_name, dict_type in DICTIONARY_FIELDS.items()}
        for value in values:
            target = lookup[by_type[value["dict_type"]]]
            target[value["name"].lower()] = value["id"]
            if value["code"]:
                target[value["code"].lower()] = value["id"]
        return lookup

    def _field_label(self, field_name):
        return self.env["res.partner"]._fields[field_name].get_description(
            self.env)["string"]

    def _create_customers(self, vals_list):
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


class ResPartnerImportColumn(models.TransientModel):
    _name = "res.partner.import.column"
    _description = "Import Customers: Column"
    _order = "column_index"

    import_id = fields.Many2one("res.partner.import", required=True, ondelete="cascade")
    column_index = fields.Integer(readonly=True)
    header = fields.Char("Column", readonly=True)
    field_name = fields.Selection("_get_target_fields", string="Import Into")

    @api.model
    def _get_target_fields(self):
        Partner = self.env["res.partner"]
        targets = [(name, Partner._fields[name].get_description(self.env)["string"])
                   for name in HEADER_SYNONYMS]
        return targets + [(a.field_name, a.name)
                          for a in self.env["crm.customer.attribute"]._for_company()]
