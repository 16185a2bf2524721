from odoo import api, fields, models


class CrmOrderReturnLine(models.Model):
    _name = "crm.order.return.line"
    _description = "Returned or Exchanged Product"

    return_id = fields.Many2one(
        "crm.order.return", required=True, ondelete="cascade", index=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True,
        ondelete="restrict")
    product_id = fields.Many2one(
        related="sale_line_id.product_id", store=True, readonly=True)
    product_uom_rounding = fields.Float(
        related="sale_line_id.product_uom.rounding", readonly=True)
    quantity = fields.Float(required=True, default=1.0)

    @api.model
    def create(self, vals):
        self.env["crm.order.return"].browse(
            vals.get("return_id"))._cc_check_content_editable()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        returns = self.mapped("return_id")
        if vals.get("return_id"):
            returns |= returns.browse(vals["return_id"])
        returns._cc_check_content_editable()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self.mapped("return_id")._cc_check_content_editable()
        return super().unlink()
