import ipaddress
import re
import zlib
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, _, api, fields, http
from odoo.http import request

# Public web form limits. The client address is ``remote_addr``: behind the
# shipped nginx, Odoo runs with --proxy-mode and Werkzeug's ProxyFix takes the
# LAST X-Forwarded-For entry, the one nginx adds, so a forged header does not
# change it. With another proxy or a CDN in front of nginx, every visitor
# would share that proxy's address: set nginx's real_ip module to trust only
# that proxy (set_real_ip_from) instead of widening what Odoo trusts.
WEBFORM_LIMIT = 3                       # per network (IPv4 /32, IPv6 /64) ...
WEBFORM_WINDOW = timedelta(minutes=10)  # ... in this window
WEBFORM_GLOBAL_LIMIT = 60               # for everybody together ...
WEBFORM_GLOBAL_WINDOW = timedelta(hours=1)  # ... in this window
WEBFORM_MAX_BYTES = 64 * 1024           # request body
FIELD_LIMITS = {"name": 100, "phone": 40, "email": 200, "subject": 200,
                "description": 10000}
# hidden from people by CSS; bots that fill every input fill it too
HONEYPOT = "website"
# one advisory lock serialises the count-then-create of every web form post
# (two workers could otherwise both pass the count)
WEBFORM_LOCK = zlib.crc32(b"crm_ticket.web_form")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{3,40}$")


def client_network(address):
    """The network a client address stands for: its /64 for IPv6 (one
    customer line), the address itself for IPv4."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return address or ""
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 6:
        return str(ipaddress.ip_network("%s/64" % ip, strict=False))
    return str(ip)


class TicketWebForm(http.Controller):
    """A public form that creates tickets (source: web form), limited per
    client network and globally, with a honeypot field instead of a captcha
    (no external captcha service is reachable)."""

    @http.route("/ticket/submit", type="http", auth="public", website=True,
                methods=["GET", "POST"], csrf=True)
    def ticket_submit(self, **post):
        types = request.env["crm.ticket.type"].sudo().search(
            [("parent_id", "!=", False)])
        values = {"types": types, "post": post, "error": "", "done": False}
        if request.httprequest.method != "POST":
            return request.render("crm_ticket.ticket_web_form", values)
        if (request.httprequest.content_length or 0) > WEBFORM_MAX_BYTES:
            values.update(post={}, error=_("Your request is too long."))
            return request.render("crm_ticket.ticket_web_form", values, status=413)
        if post.get(HONEYPOT):
            # a bot: answer as if accepted, create nothing
            values.update({"done": True, "ticket_name": ""})
            return request.render("crm_ticket.ticket_web_form", values)
        error, vals = self._webform_values(post, types)
        if error:
            values["error"] = error
            return request.render("crm_ticket.ticket_web_form", values, status=400)
        address = request.httprequest.remote_addr or ""
        vals.update({
            "source": "web", "web_address": address,
            "user_id": SUPERUSER_ID, "department_id": False,
        })
        name = self._webform_create(address, vals)
        if name is None:
            values["error"] = _(
                "Too many requests from your address; please try again "
                "in a few minutes or call us.")
            return request.render("crm_ticket.ticket_web_form", values, status=429)
        values.update({"done": True, "ticket_name": name})
        return request.render("crm_ticket.ticket_web_form", values)

    def _webform_values(self, post, types):
        """(error message, ticket values) of a posted form."""
        labels = {"name": _("Your Name"), "phone": _("Phone"), "email": _("Email"),
                  "subject": _("Subject"), "description": _("Your Request")}
        text = {name: (post.get(name) or "").strip() for name in FIELD_LIMITS}
        for name, limit in FIELD_LIMITS.items():
            if len(text[name]) > limit:
                return _("The field \"%s\" is too long (at most %d characters).") % (
                    labels[name], limit), {}
        type_id = (post.get("type_id") or "").strip()
        if not (text["name"] and text["phone"] and text["description"]
                and type_id.isdigit() and int(type_id) in types.ids):
            return _("Fill in your name, phone number, the business type and "
                     "your request."), {}
        if not PHONE_RE.match(text["phone"]) or sum(
                c.isdigit() for c in text["phone"]) < 5:
            return _("Enter a valid phone number."), {}
        if text["email"] and not EMAIL_RE.match(text["email"]):
            return _("Enter a valid email address, or leave it empty."), {}
        return "", {
            "type_id": int(type_id), "contact_name": text["name"],
            "contact_number": text["phone"], "email": text["email"],
            "subject": text["subject"], "description": text["description"],
        }

    def _webform_create(self, address, vals):
        """Create the ticket if the caps allow it; its number, or None.

        Count and create are atomic: they run in a transaction of their own,
        in READ COMMITTED, under an advisory lock. (The request's transaction
        is REPEATABLE READ and its snapshot predates the lock, so a count in
        it would not see a ticket another worker committed meanwhile.)"""
        with request.env.registry.cursor() as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute("SELECT pg_advisory_xact_lock(%s)", (WEBFORM_LOCK,))
            env = api.Environment(cr, SUPERUSER_ID, dict(request.env.context))
            if not self._webform_allowed(env, address):
                return None
            return self._webform_new_ticket(env, vals).name

    def _webform_new_ticket(self, env, vals):
        """The ticket of a web form post: its number in the one display
        format and, when exactly one customer has that number, linked to
        them (the submitter is told nothing of it)."""
        return env["crm.ticket"].create(env["crm.ticket"]._cc_web_contact(vals))

    def _webform_allowed(self, env, address):
        """Whether one more web form ticket may be created now: under the
        per-network and the global caps."""
        now = datetime.utcnow()
        recent = env["crm.ticket"].search_read([
            ("source", "=", "web"), ("web_address", "!=", False),
            ("create_date", ">=", fields.Datetime.to_string(now - WEBFORM_GLOBAL_WINDOW)),
        ], ["web_address", "create_date"])
        if len(recent) >= WEBFORM_GLOBAL_LIMIT:
            return False
        network = client_network(address)
        since = fields.Datetime.to_string(now - WEBFORM_WINDOW)
        same = [row for row in recent if row["create_date"] >= since
                and client_network(row["web_address"]) == network]
        return len(same) < WEBFORM_LIMIT
