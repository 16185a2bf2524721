from odoo import api, fields, models


class CrmCustomerAttribute(models.Model):
    """A customer attribute an Administrator adds without code. It is a real
    (manual) field on res.partner, so it can be searched, grouped, exported
    and imported; which attributes show, and which are required, is decided
    per company."""

    _name = "crm.customer.attribute"
    _inherit = "crm.dynamic.field.mixin"
    _description = "Customer Attribute"
    _cc_field_prefix = "x_cc_"
    _cc_field_model = "base.model_res_partner"
    _cc_type_field = "attribute_type"
    _cc_locked_fields = ("code", "attribute_type")
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

    @api.constrains("attribute_type", "selection_values")
    def _check_selection(self):
        self._cc_check_selection()

    @api.model
    def _for_company(self, company=None, where=None):
        """Active attributes of a company (the user's by default), optionally
        only those shown in ``where`` (form, list, search, pop)."""
        company = company or self.env.user.company_id
        domain = [("company_id", "=", company.id), ("field_id", "!=", False)]
        if where:
            domain.append(("show_in_" + where, "=", True))
        return self.sudo().search(domain)
