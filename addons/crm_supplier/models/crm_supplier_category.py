from odoo import _, fields, models


class CrmSupplierCategory(models.Model):
    """A node of the supplier category tree (原材料 / 电子元器件, 物流服务...)."""

    _name = "crm.supplier.category"
    _description = "Supplier Category"
    _inherit = ["crm.tree.mixin"]

    parent_id = fields.Many2one(
        "crm.supplier.category", string="Parent Category", index=True,
        ondelete="restrict")
    child_ids = fields.One2many(
        "crm.supplier.category", "parent_id", string="Sub-categories")
    partner_count = fields.Integer(
        "Suppliers", compute="_compute_partner_count")

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

    def _tree_cycle_message(self):
        return _("A supplier category cannot be its own ancestor.")
