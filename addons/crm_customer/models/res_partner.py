"""The customer profile on res.partner: the call center's fields, the rules a
customer follows, its custom attributes on the views, who may delete it.
Numbers, pinyin search and duplicates have their own files (res_partner_*.py)."""
from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_security.models.owned_fields import Owner

from .res_partner_phone import PHONE_FIELDS

#: set by the bulk import (res_partner_bulk.py), which checked the customer
#: rules of its rows in one query; a private token, never a client's context
CUSTOMER_RULES_CHECKED = Owner("customer_rules_checked_by_sql")

GENDERS = [("male", "Male"), ("female", "Female"), ("unknown", "Unknown")]


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
    first_call_date = fields.Datetime(
        "First Call", readonly=True, copy=False)

    @api.model_cr
    def init(self):
        """Indexes Odoo does not create: the reversed E.164 columns for
        searches by the last digits of a number, a trigram index for
        'zsf' / 'zhangsan' searches on large customer tables."""
        self._cc_create_suffix_indexes(self._table, ("phone_e164", "mobile_e164"))
        self._cc_create_pinyin_index()

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
    # Hooks
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
