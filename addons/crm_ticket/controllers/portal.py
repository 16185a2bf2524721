from datetime import datetime

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# the web form's caps (one definition): field lengths and request size
from .main import FIELD_LIMITS, WEBFORM_MAX_BYTES, WEBFORM_WINDOW

RATINGS = ("1", "2", "3", "4", "5")
PORTAL_TICKET_LIMIT = 5     # new tickets per portal user ...
PORTAL_REPLY_LIMIT = 20     # ... and replies per portal user ...
PORTAL_WINDOW = WEBFORM_WINDOW  # ... in this window (10 minutes)


class TicketPortal(CustomerPortal):
    """My Account > Tickets: a partner's own tickets (record rules decide
    which), a form to submit one, replies and a rating once closed. Every
    ticket id from the URL is checked against the user's access rights and
    rules before anything is done with sudo()."""

    _tickets_per_page = 20

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["ticket_count"] = request.env["crm.ticket"].search_count(
            self._ticket_domain())
        return values

    def _ticket_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", partner.id)]

    def _ticket_check_access(self, ticket_id):
        """The ticket if the user may read it; raises otherwise."""
        ticket = request.env["crm.ticket"].browse(ticket_id)
        ticket.check_access_rights("read")
        ticket.check_access_rule("read")
        if not ticket.exists() or not ticket.search_count(
                [("id", "=", ticket.id)] + self._ticket_domain()):
            raise MissingError(_("This ticket does not exist."))
        return ticket

    @http.route(["/my/tickets", "/my/tickets/page/<int:page>"], type="http",
                auth="user", website=True)
    def portal_my_tickets(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        Ticket = request.env["crm.ticket"]
        domain = self._ticket_domain()
        count = Ticket.search_count(domain)
        pager = portal_pager(url="/my/tickets", total=count, page=page,
                             step=self._tickets_per_page)
        tickets = Ticket.search(domain, limit=self._tickets_per_page,
                                offset=pager["offset"])
        values.update({"tickets": tickets, "pager": pager,
                       "page_name": "ticket", "default_url": "/my/tickets"})
        return request.render("crm_ticket.portal_my_tickets", values)

    def _portal_since(self):
        return fields.Datetime.to_string(datetime.utcnow() - PORTAL_WINDOW)

    def _portal_tickets_allowed(self):
        """Whether the user may open one more ticket now (rate limit)."""
        count = request.env["crm.ticket"].sudo().search_count([
            ("source", "=", "portal"),
            ("partner_id", "=", request.env.user.partner_id.id),
            ("create_date", ">=", self._portal_since())])
        return count < PORTAL_TICKET_LIMIT

    def _portal_replies_allowed(self):
        """Whether the user may post one more reply now (rate limit)."""
        count = request.env["mail.message"].sudo().search_count([
            ("model", "=", "crm.ticket"), ("message_type", "=", "comment"),
            ("author_id", "=", request.env.user.partner_id.id),
            ("create_date", ">=", self._portal_since())])
        return count < PORTAL_REPLY_LIMIT

    def _portal_too_large(self):
        return (request.httprequest.content_length or 0) > WEBFORM_MAX_BYTES

    @http.route("/my/ticket/<int:ticket_id>", type="http", auth="user",
                website=True)
    def portal_my_ticket(self, ticket_id, **kw):
        try:
            ticket = self._ticket_check_access(ticket_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._ticket_render(ticket)

    def _ticket_render(self, ticket, error="", status=200):
        """The ticket's page (``ticket`` already checked), with this
        controller's own error message if any."""
        messages = ticket.sudo().message_ids.filtered(
            lambda m: m.message_type in ("comment", "email")
            and m.subtype_id == request.env.ref("mail.mt_comment"))
        values = self._prepare_portal_layout_values()
        values.update({"ticket": ticket.sudo(), "messages": messages,
                       "page_name": "ticket", "ratings": RATINGS,
                       "can_rate": ticket.sudo().stage in ("archived", "closed")
                       and not ticket.sudo().rating,
                       "error": error})
        return request.render("crm_ticket.portal_my_ticket", values, status=status)

    @http.route("/my/ticket/<int:ticket_id>/reply", type="http", auth="user",
                methods=["POST"], website=True)
    def portal_ticket_reply(self, ticket_id, message="", **kw):
        try:
            ticket = self._ticket_check_access(ticket_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        limit = FIELD_LIMITS["description"]
        if self._portal_too_large() or len(message) > limit:
            return self._ticket_render(ticket, error=_(
                "Your reply is too long (at most %d characters).") % limit, status=413)
        if message.strip() and not self._portal_replies_allowed():
            return self._ticket_render(ticket, error=_(
                "You sent many replies in a short time; please wait a few "
                "minutes."), status=429)
        if message.strip():
            ticket.sudo().message_post(
                body=message, message_type="comment",
                subtype="mail.mt_comment",
                author_id=request.env.user.partner_id.id)
        return request.redirect("/my/ticket/%d" % ticket.id)

    @http.route("/my/ticket/<int:ticket_id>/rate", type="http", auth="user",
                methods=["POST"], website=True)
    def portal_ticket_rate(self, ticket_id, rating="", note="", **kw):
        try:
            ticket = self._ticket_check_access(ticket_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if rating in RATINGS:
            ticket.sudo().action_rate(rating, note)
        return request.redirect("/my/ticket/%d" % ticket.id)

    @http.route("/my/tickets/new", type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_ticket_new(self, **post):
        values = self._prepare_portal_layout_values()
        types = request.env["crm.ticket.type"].sudo().search(
            [("parent_id", "!=", False)])
        error, status = "", 200
        if request.httprequest.method == "POST":
            description = (post.get("description") or "").strip()
            subject = (post.get("subject") or "").strip()
            type_id = post.get("type_id") or ""
            type_id = int(type_id) if type_id.isdigit() else 0
            if self._portal_too_large() or len(description) > FIELD_LIMITS[
                    "description"] or len(subject) > FIELD_LIMITS["subject"]:
                error, status = _(
                    "Your request is too long: at most %d characters for the "
                    "subject and %d for the request.") % (
                        FIELD_LIMITS["subject"], FIELD_LIMITS["description"]), 413
                post = {}
            elif not description or type_id not in types.ids:
                error, status = _("Choose a business type and describe your request."), 400
            elif not self._portal_tickets_allowed():
                error, status = _(
                    "You submitted many tickets in a short time; please wait a "
                    "few minutes or call us."), 429
            else:
                partner = request.env.user.partner_id
                ticket = request.env["crm.ticket"].sudo().create({
                    "partner_id": partner.id, "source": "portal",
                    "type_id": type_id,
                    "subject": subject,
                    "description": description,
                    "email": partner.email,
                    "contact_number": partner.mobile or partner.phone,
                    "user_id": request.env.ref("base.user_root").id,
                    "department_id": False,
                })
                return request.redirect("/my/ticket/%d" % ticket.id)
        values.update({"types": types, "error": error, "post": post,
                       "page_name": "ticket"})
        return request.render("crm_ticket.portal_ticket_new", values, status=status)
