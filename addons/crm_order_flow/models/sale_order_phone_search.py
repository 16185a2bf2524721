from odoo import fields, models


class SaleOrder(models.Model):
    """Orders found by the customer's number typed in any format (issue
    15), through the customers' E.164 indexes."""

    _inherit = "sale.order"

    cc_phone_search = fields.Char(
        "Customer Phone Number", compute="_compute_cc_phone_search",
        search="_search_cc_phone_search",
        help="Orders of the customer (or delivery address) whose phone or "
             "mobile is the number typed in any format, or ends in the digits typed.")

    def _compute_cc_phone_search(self):
        for order in self:
            order.cc_phone_search = order.partner_id.mobile or order.partner_id.phone

    def _search_cc_phone_search(self, operator, value):
        Partner = self.env["res.partner"]
        columns = ("phone_e164", "mobile_e164")
        customer = Partner._cc_phone_search_domain(
            operator, value, Partner._table, columns, field="partner_id")
        delivery = Partner._cc_phone_search_domain(
            operator, value, Partner._table, columns, field="partner_shipping_id")
        if operator in ("not ilike", "not like", "!="):
            return ["&"] + customer + delivery
        return ["|"] + customer + delivery
