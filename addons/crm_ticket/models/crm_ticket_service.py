"""After-sales (TK-11): service records per customer and product, repair and
installation appointments on the ticket, service history on the customer and
in the screen pop."""
from odoo import api, fields, models

SERVICE_KINDS = [
    ("on_site", "On-site Service"),
    ("phone", "Phone Support"),
    ("installation", "Installation"),
]
SERVICE_RESULTS = [
    ("resolved", "Resolved"),
    ("partial", "Partly Resolved"),
    ("unresolved", "Not Resolved"),
]
APPOINTMENT_FIELDS = ("technician_id", "appointment_start", "appointment_stop")


class CrmTicketService(models.Model):
    """One after-sales service given to a customer for a product: an on-site
    repair, an installation or phone support. Repair and installation
    tickets add one when their repair step is completed; agents add the
    others by hand."""

    _name = "crm.ticket.service"
    _description = "After-sales Service Record"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(
        "Number", required=True, readonly=True, copy=False, default="/",
        index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        ondelete="restrict", domain=[("cc_customer", "=", True)])
    product_id = fields.Many2one("product.product", string="Product",
                                 index=True, ondelete="restrict")
    kind = fields.Selection(SERVICE_KINDS, required=True, default="phone",
                            index=True, track_visibility="onchange")
    date = fields.Datetime(required=True, default=fields.Datetime.now,
                           index=True)
    technician_id = fields.Many2one(
        "res.users", string="Technician", index=True,
        default=lambda self: self.env.user, ondelete="restrict")
    ticket_id = fields.Many2one("crm.ticket", string="Ticket", index=True,
                                ondelete="set null")
    result = fields.Selection(SERVICE_RESULTS, required=True,
                              default="resolved", index=True,
                              track_visibility="onchange")
    notes = fields.Text()
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "crm.ticket.service") or "/"
        return super().create(vals)

    @api.onchange("ticket_id")
    def _onchange_ticket_id(self):
        ticket = self.ticket_id
        if ticket:
            self.partner_id = self.partner_id or ticket.partner_id
            self.product_id = self.product_id or ticket.product_id
