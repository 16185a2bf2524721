"""Seats (CC-2): a desk whose phone has a fixed extension on the PBX.
Whoever sits there uses that extension: chosen in the phone bar, or taken
automatically when the user logs in from the desk's computer (its address).
While seated, the seat's extension is the user's extension, so the screen
pop, the phone bar and the statistics follow the person, not the desk."""
from odoo import fields, models


class CrmSeat(models.Model):
    _name = "crm.seat"
    _description = "Seat"
    _order = "company_id, name"

    name = fields.Char(required=True, help="Where the desk is, e.g. A区-01.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id)
    department_id = fields.Many2one("crm.department", ondelete="set null")
    extension = fields.Char(required=True, help="Extension of the desk's phone.")
    ip_address = fields.Char(
        "Computer Address",
        help="IP address of the desk's computer as the Odoo server sees it: a user "
             "logging in from there takes the seat automatically. Empty: seats are "
             "taken from the phone bar only.")
    user_id = fields.Many2one("res.users", "Seated User", readonly=True, copy=False)
    seated_since = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("extension_company_uniq", "unique (extension, company_id)",
         "Each extension belongs to one seat per company."),
        ("ip_company_uniq", "unique (ip_address, company_id)",
         "Each computer address belongs to one seat per company."),
    ]
