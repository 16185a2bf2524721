from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmSupplierCategory(models.Model):
    """A node of the supplier category tree (原材料 / 电子元器件, 物流服务...)."""

    _name = "crm.supplier.category"
    _description = "Supplier Category"
    _parent_store = True
    _parent_order = "sequence, name"
    _order = "parent_left"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one(
        "crm.supplier.category", string="Parent Category", index=True,
        ondelete="restrict")
    child_ids = fields.One2many(
        "crm.supplier.category", "parent_id", string="Sub-categories")
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    partner_count = fields.Integer(
        "Suppliers", compute="_compute_partner_count")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = "%s / %s" % (
                    category.parent_id.complete_name, category.name)
            else:
                category.complete_name = category.name

    def _compute_partner_count(self):
        groups = self.env["res.partner"].read_group(
            [("supplier_category_id", "child_of", self.ids)],
            ["supplier_category_id"], ["supplier_category_id"])
        direct = {g["supplier_category_id"][0]: g["supplier_category_id_count"]
                  for g in groups}
        for category in self:
            tree = set(self.search([("id", "child_of", category.id)]).ids)
            category.partner_count = sum(
                count for cat_id, count in direct.items() if cat_id in tree)

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(
                _("A supplier category cannot be its own ancestor."))
