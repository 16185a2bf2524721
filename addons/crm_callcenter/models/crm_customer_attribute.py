import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

FIELD_PREFIX = "x_cc_"
TYPES = {  # attribute type -> Odoo field type
    "text": "char",
    "number": "float",
    "date": "date",
    "selection": "selection",
    "boolean": "boolean",
}


class CrmCustomerAttribute(models.Model):
    """A customer attribute an Administrator adds without code. It is a real
    (manual) field on res.partner, so it can be searched, grouped, exported
    and imported; which attributes show, and which are required, is decided
    per company."""

    _name = "crm.customer.attribute"
    _description = "Customer Attribute"
    _order = "sequence, id"

    name = fields.Char("Label", required=True, translate=True)
    code = fields.Char(
        required=True, help="Technical name: lower-case letters, digits and _.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id)
    attribute_type = fields.Selection(
        [("text", "Text"), ("number", "Number"), ("date", "Date"),
         ("selection", "Selection"), ("boolean", "Yes / No")],
        string="Type", required=True, default="text")
    selection_values = fields.Text(
        help="For a selection: one choice per line.")
    required = fields.Boolean(help="Customers of this company must fill it in.")
    show_in_form = fields.Boolean("Form", default=True)
    show_in_list = fields.Boolean("List")
    show_in_search = fields.Boolean("Search", default=True)
    show_in_pop = fields.Boolean("Screen Pop", default=True)
    field_id = fields.Many2one("ir.model.fields", readonly=True, ondelete="set null")
    field_name = fields.Char(related="field_id.name", readonly=True)

    _sql_constraints = [
        ("code_uniq", "unique (code)", "Attribute codes must be unique."),
    ]

    @api.constrains("code")
    def _check_code(self):
        for attribute in self:
            if not re.match(r"^[a-z][a-z0-9_]{0,40}$", attribute.code or ""):
                raise ValidationError(
                    _("Code %r: use lower-case letters, digits and _ (start with a "
                      "letter).") % attribute.code)

    @api.constrains("attribute_type", "selection_values")
    def _check_selection(self):
        for attribute in self:
            if attribute.attribute_type == "selection" and not attribute._choices():
                raise ValidationError(
                    _("Attribute %s needs at least one choice.") % attribute.name)

    @api.model
    def create(self, vals):
        attribute = super().create(vals)
        attribute.field_id = self.env["ir.model.fields"].sudo().create(
            attribute._field_values())
        return attribute

    @api.multi
    def write(self, vals):
        if {"code", "attribute_type"} & set(vals):
            raise UserError(_("The code and type of an attribute cannot change; "
                              "create a new attribute instead."))
        result = super().write(vals)
        for attribute in self.filtered("field_id"):
            values = attribute._field_values()
            attribute.field_id.sudo().write({
                key: values[key] for key in ("field_description", "selection")})
        return result

    @api.multi
    def unlink(self):
        fields_to_drop = self.mapped("field_id")
        result = super().unlink()
        fields_to_drop.sudo().unlink()
        return result

    def _choices(self):
        return [line.strip() for line in (self.selection_values or "").splitlines()
                if line.strip()]

    def _field_values(self):
        self.ensure_one()
        values = {
            "name": FIELD_PREFIX + self.code,
            "model_id": self.env.ref("base.model_res_partner").id,
            "ttype": TYPES[self.attribute_type],
            "field_description": self.name,
            "state": "manual",
            "store": True,
            "copy": True,
        }
        values["selection"] = repr([(choice, choice) for choice in self._choices()]) \
            if self.attribute_type == "selection" else False
        return values

    @api.model
    def _for_company(self, company=None, where=None):
        """Active attributes of a company (the user's by default), optionally
        only those shown in ``where`` (form, list, search, pop)."""
        company = company or self.env.user.company_id
        domain = [("company_id", "=", company.id), ("field_id", "!=", False)]
        if where:
            domain.append(("show_in_" + where, "=", True))
        return self.sudo().search(domain)
