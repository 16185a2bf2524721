from odoo import _, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sale.controllers.portal import CustomerPortal


class OrderFlowPortal(CustomerPortal):
    """Customers also see their orders still in review (draft orders in the
    order flow), with their progress; Odoo lists confirmed orders only."""

    @staticmethod
    def _cc_portal_order_domain(partner):
        commercial = [partner.commercial_partner_id.id]
        return [
            "|", ("message_partner_ids", "child_of", commercial),
            ("partner_id", "child_of", commercial),
            "|", ("state", "in", ["sale", "done"]),
            "&", ("state", "in", ["draft", "sent"]),
            ("flow_state", "=", "running"),
        ]

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["order_count"] = request.env["sale.order"].search_count(
            self._cc_portal_order_domain(request.env.user.partner_id))
        return values

    @http.route(["/my/orders", "/my/orders/page/<int:page>"], type="http",
                auth="user", website=True)
    def portal_my_orders(self, page=1, date_begin=None, date_end=None,
                         sortby=None, **kw):
        values = self._prepare_portal_layout_values()
        SaleOrder = request.env["sale.order"]
        domain = self._cc_portal_order_domain(request.env.user.partner_id)
        sortings = {
            "date": {"label": _("Order Date"), "order": "date_order desc"},
            "name": {"label": _("Reference"), "order": "name"},
            "stage": {"label": _("Stage"), "order": "state"},
        }
        if sortby not in sortings:
            sortby = "date"
        archive_groups = self._get_archive_groups("sale.order", domain)
        if date_begin and date_end:
            domain += [("create_date", ">", date_begin),
                       ("create_date", "<=", date_end)]
        pager = portal_pager(
            url="/my/orders",
            url_args={"date_begin": date_begin, "date_end": date_end,
                      "sortby": sortby},
            total=SaleOrder.search_count(domain), page=page,
            step=self._items_per_page)
        orders = SaleOrder.search(
            domain, order=sortings[sortby]["order"],
            limit=self._items_per_page, offset=pager["offset"])
        request.session["my_orders_history"] = orders.ids[:100]
        values.update({
            "date": date_begin,
            "orders": orders.sudo(),
            "page_name": "order",
            "pager": pager,
            "archive_groups": archive_groups,
            "default_url": "/my/orders",
            "searchbar_sortings": sortings,
            "sortby": sortby,
        })
        return request.render("sale.portal_my_orders", values)
