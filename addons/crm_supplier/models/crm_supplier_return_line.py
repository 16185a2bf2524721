from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class CrmSupplierReturnLine(models.Model):
    """A product and quantity going back to the supplier."""

    _name = "crm.supplier.return.line"
    _description = "Return or Exchange Line"

    return_id = fields.Many2one(
        "crm.supplier.return", required=True, ondelete="cascade", index=True)
    purchase_line_id = fields.Many2one(
        "purchase.order.line", string="Purchase Line", required=True,
        ondelete="restrict", index=True)
    product_id = fields.Many2one(
        "product.product", related="purchase_line_id.product_id",
        store=True, readonly=True)
    product_uom_id = fields.Many2one(
        "product.uom", related="purchase_line_id.product_uom",
        readonly=True)
    price_unit = fields.Float(
        related="purchase_line_id.price_unit", readonly=True)
    quantity = fields.Float(required=True, digits=(16, 2))

    @api.constrains("quantity", "purchase_line_id")
    def _check_quantity(self):
        for line in self:
            order_line = line.purchase_line_id
            if order_line.order_id != line.return_id.purchase_id:
                raise ValidationError(
                    _("%s is not a line of %s.")
                    % (order_line.name, line.return_id.purchase_id.name))
            if float_compare(line.quantity, 0.0, precision_digits=2) <= 0:
                raise ValidationError(
                    _("Return a positive quantity of %s.")
                    % order_line.product_id.display_name)
            others = self.search([
                ("purchase_line_id", "=", order_line.id),
                ("return_id.flow_state", "!=", "void"),
                ("return_id.kind", "=", "return"),
                ("id", "!=", line.id)])
            # goods already refunded lowered qty_received; others not yet
            pending = sum(others.filtered(
                lambda o: o.return_id.flow_state in ("draft", "running")
                and not o.return_id.picking_ids).mapped("quantity"))
            available = order_line.qty_received - pending
            if float_compare(line.quantity, available,
                             precision_digits=2) > 0:
                raise ValidationError(
                    _("Only %s %s of %s can still go back to the supplier.")
                    % (available, order_line.product_uom.name,
                       order_line.product_id.display_name))
