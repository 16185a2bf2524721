from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.crm_ticket.controllers.portal import TicketPortal


class RepairShopTicketPortal(TicketPortal):
    """Users of a repair shop also see, in My Account > Tickets, the tickets
    assigned to their shop (the record rules decide which); rating stays
    with the customer."""

    def _ticket_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return ["|", ("partner_id", "child_of", partner.id),
                ("repair_shop_id", "child_of", partner.id)]

    @http.route()
    def portal_ticket_rate(self, ticket_id, rating="", note="", **kw):
        try:
            ticket = self._ticket_check_access(ticket_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        partner = request.env.user.partner_id.commercial_partner_id
        if ticket.sudo().partner_id.commercial_partner_id != partner:
            return request.redirect("/my/ticket/%d" % ticket.id)
        return super().portal_ticket_rate(ticket_id, rating=rating,
                                          note=note, **kw)
