from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_security.models.owned_fields import FLOW, Owner

#: Odoo's delivery module adding its cost line (sale.order
#: ``_create_delivery_line``, also on a confirmed order when the cost is
#: invoiced as shipped); a token object no RPC client can send
DELIVERY = Owner("delivery")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # denormalised for the statistics view: one table scan, no join
    cc_date_order = fields.Datetime(
        related="order_id.date_order", store=True, readonly=True, index=True)
    cc_entered_by_id = fields.Many2one(
        related="order_id.cc_entered_by_id", store=True, readonly=True, groups="base.group_user")
    cc_department_id = fields.Many2one(
        related="order_id.cc_department_id", store=True, readonly=True)
    cc_price_scheme_id = fields.Many2one(
        "crm.price.scheme", string="Price Scheme", ondelete="restrict",
        domain="[('product_tmpl_id.product_variant_ids', '=', product_id)]",
        groups="crm_callcenter.group_agent")
    cc_price_floor = fields.Monetary(
        "Floor", compute="_compute_cc_price_bounds", compute_sudo=True,
        groups="crm_callcenter.group_agent")
    cc_price_ceiling = fields.Monetary(
        "Ceiling", compute="_compute_cc_price_bounds", compute_sudo=True,
        groups="crm_callcenter.group_agent")
    cc_price_out_of_bounds = fields.Boolean(
        "Outside Price Bounds", compute="_compute_cc_price_bounds",
        compute_sudo=True, store=True,
        help="The negotiated price lies outside the scheme's floor and "
             "ceiling: only a Manager can pass the review.")

    @api.depends("product_id", "price_unit", "discount",
                 "cc_price_scheme_id.floor_price",
                 "cc_price_scheme_id.ceiling_price")
    def _compute_cc_price_bounds(self):
        for line in self:
            floor, ceiling = line._cc_price_bounds()
            line.cc_price_floor = floor
            line.cc_price_ceiling = ceiling
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            rounding = line.currency_id.rounding or 0.01
            line.cc_price_out_of_bounds = bool(
                floor is not False and (price < floor - rounding / 2
                                        or price > ceiling + rounding / 2))

    def _cc_price_bounds(self):
        """(floor, ceiling) of the line's scheme; without a scheme, the
        widest bounds of the product's schemes; (False, False) if none."""
        scheme = self.cc_price_scheme_id
        if scheme:
            return scheme.floor_price, scheme.ceiling_price
        schemes = self.env["crm.price.scheme"].search(
            [("product_tmpl_id", "=", self.product_id.product_tmpl_id.id)])
        if not schemes or not self.product_id:
            return False, False
        return (min(schemes.mapped("floor_price")),
                max(schemes.mapped("ceiling_price")))

    @api.onchange("product_id")
    def _onchange_cc_product_supplier(self):
        problem = self.product_id and self.product_id._cc_check_sellable()
        if problem:
            return {"warning": {"title": _("No supplier"), "message": problem}}
        return None

    @api.onchange("cc_price_scheme_id")
    def _onchange_cc_price_scheme_id(self):
        if self.cc_price_scheme_id:
            self.price_unit = self.cc_price_scheme_id.price

    def _cc_locked_line_fields(self):
        """Commercial fields of a line frozen once review has passed."""
        return {"product_id", "product_uom_qty", "product_uom", "price_unit",
                "discount", "tax_id", "name", "order_id",
                "cc_price_scheme_id"}

    def _cc_check_lock(self, orders):
        if FLOW.acts(self.env) or DELIVERY.acts(self.env):
            return
        locked = orders.filtered(lambda o: o._cc_is_locked())
        if locked:
            raise UserError(
                _("Order %s has passed review; its lines can no longer be "
                  "changed.") % locked[0].name)

    def _cc_check_product_sellable(self, product_id, is_delivery=False):
        """Products without a supplier cannot be put on an order; a
        delivery line passes only with a carrier's own product."""
        if not product_id or FLOW.acts(self.env) or DELIVERY.acts(self.env):
            return
        if is_delivery and self.env["delivery.carrier"].sudo().search_count(
                [("product_id", "=", product_id)]):
            return
        problem = self.env["product.product"].browse(
            product_id)._cc_check_sellable()
        if problem:
            raise UserError(problem)

    @api.model
    def create(self, vals):
        # is_delivery comes from the client: it never skips the lock
        self._cc_check_product_sellable(
            vals.get("product_id"), is_delivery=vals.get("is_delivery"))
        line = super().create(vals)
        self._cc_check_lock(line.order_id)
        return line

    @api.multi
    def write(self, vals):
        if vals.get("product_id"):
            self._cc_check_product_sellable(
                vals["product_id"],
                is_delivery=vals.get("is_delivery", all(self.mapped("is_delivery"))))
        if set(vals) & self._cc_locked_line_fields():
            orders = self.mapped("order_id")
            if vals.get("order_id"):
                # moving a line onto another order changes that order too
                orders |= self.env["sale.order"].browse(vals["order_id"])
            self._cc_check_lock(orders)
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._cc_check_lock(self.mapped("order_id"))
        return super().unlink()
