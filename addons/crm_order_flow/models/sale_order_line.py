from odoo import _, api, models
from odoo.exceptions import UserError

TRANSITION = "crm_flow_transition"


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _cc_locked_line_fields(self):
        """Commercial fields of a line frozen once review has passed."""
        return {"product_id", "product_uom_qty", "product_uom", "price_unit",
                "discount", "tax_id", "name", "order_id"}

    def _cc_check_lock(self, orders):
        if self.env.context.get(TRANSITION):
            return
        locked = orders.filtered(lambda o: o._cc_is_locked())
        if locked:
            raise UserError(
                _("Order %s has passed review; its lines can no longer be "
                  "changed.") % locked[0].name)

    @api.model
    def create(self, vals):
        line = super().create(vals)
        if not vals.get("is_delivery"):
            self._cc_check_lock(line.order_id)
        return line

    @api.multi
    def write(self, vals):
        if set(vals) & self._cc_locked_line_fields():
            self._cc_check_lock(self.mapped("order_id"))
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._cc_check_lock(self.mapped("order_id"))
        return super().unlink()
