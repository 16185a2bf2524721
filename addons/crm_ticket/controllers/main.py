from datetime import datetime, timedelta

from odoo import _, fields, http
from odoo.http import request

# public web form: at most this many tickets per address in the window
WEBFORM_LIMIT = 3
WEBFORM_WINDOW = timedelta(minutes=10)


class TicketWebForm(http.Controller):
    """A public form that creates tickets (source: web form), limited per
    client address instead of a captcha."""

    @http.route("/ticket/submit", type="http", auth="public", website=True,
                methods=["GET", "POST"], csrf=True)
    def ticket_submit(self, **post):
        types = request.env["crm.ticket.type"].sudo().search(
            [("parent_id", "!=", False)])
        values = {"types": types, "post": post, "error": "", "done": False}
        if request.httprequest.method == "POST":
            address = request.httprequest.remote_addr or ""
            name = (post.get("name") or "").strip()
            phone = (post.get("phone") or "").strip()
            description = (post.get("description") or "").strip()
            type_id = int(post.get("type_id") or 0)
            Ticket = request.env["crm.ticket"].sudo()
            since = fields.Datetime.to_string(datetime.utcnow() - WEBFORM_WINDOW)
            recent = Ticket.search_count([
                ("web_address", "=", address), ("create_date", ">=", since)])
            if recent >= WEBFORM_LIMIT:
                values["error"] = _(
                    "Too many requests from your address; please try again "
                    "in a few minutes or call us.")
            elif not (name and phone and description and type_id in types.ids):
                values["error"] = _("Fill in your name, phone number, the "
                                    "business type and your request.")
            else:
                ticket = Ticket.create({
                    "source": "web", "type_id": type_id,
                    "contact_name": name[:100], "contact_number": phone[:40],
                    "email": (post.get("email") or "")[:200],
                    "subject": (post.get("subject") or "")[:200],
                    "description": description, "web_address": address,
                    "user_id": request.env.ref("base.user_root").id,
                    "department_id": False,
                })
                values.update({"done": True, "ticket_name": ticket.name})
        return request.render("crm_ticket.ticket_web_form", values)
