"""crm_telephony's side of users: the agent's number and extension on the
phone system, their phone password, and seats (CC-2, ``crm.seat``): taking
one from the phone bar or by logging in from its computer."""
from odoo import SUPERUSER_ID, _, api, fields, http, models
from odoo.exceptions import AccessError, UserError


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "crm.secret.mixin"]

    agent_number = fields.Char(
        copy=False,
        help="The agent's number (工号) on the phone system.", groups="base.group_user")
    extension = fields.Char(
        copy=False, help="Default phone extension of the agent.", groups="base.group_user")
    cc_phone_password = fields.Char(
        "Phone System Password", compute="_compute_cc_secret", inverse="_inverse_cc_secret",
        groups="crm_callcenter.group_admin",
        help="Password of the agent's extension on the PBX (SIP/PJSIP). Only "
             "Administrators can read it.")
    # the seat the user sits at (crm.seat), and the extension given back after
    cc_seat_id = fields.Many2one("crm.seat", "Seat", readonly=True, copy=False,
                                 groups="base.group_user")
    cc_home_extension = fields.Char(
        "Own Extension", readonly=True, copy=False,
        help="The extension the user had before taking a seat; given back when "
             "they leave it.", groups="base.group_user")

    _sql_constraints = [
        ("agent_number_company_uniq", "unique (agent_number, company_id)",
         "Agent numbers must be unique per company."),
    ]

    def __init__(self, pool, cr):
        """Let users read and change their own agent settings."""
        super().__init__(pool, cr)
        fields_own = ["agent_number", "extension"]
        type(self).SELF_READABLE_FIELDS = (
            list(self.SELF_READABLE_FIELDS) + fields_own)

    # ------------------------------------------------------------ seats (crm.seat)
    @api.multi
    def _cc_take_seat(self, seat):
        """Seat this user at ``seat`` (sudo'ed records): the previous
        occupant, and this user's previous seat, are freed."""
        self.ensure_one()
        if self.cc_seat_id == seat:
            return
        if seat.user_id:
            self.env["crm.operation.log"]._record(
                "call", "seat_moved", person=seat.user_id.name,
                seat=seat.name, by=self.name)
            seat.user_id._cc_leave_seat()
        self._cc_leave_seat()
        home = self.extension
        seat.write({"user_id": self.id, "seated_since": fields.Datetime.now()})
        self.write({"cc_seat_id": seat.id, "cc_home_extension": home,
                    "extension": seat.extension})
        self.env["crm.operation.log"]._record(
            "call", "seat_taken", person=self.name, seat=seat.name,
            extension=seat.extension)

    @api.multi
    def _cc_seat_refusal(self, seat):
        """Why this user may not sit at ``seat`` (sudo'ed), or False: a seat
        of another department (only the user's department and its
        sub-departments, or seats of no department), or one somebody else
        occupies (Supervisors only)."""
        self.ensure_one()
        if self._is_superuser():
            return False
        if seat.department_id:
            allowed = self.env["crm.department"].sudo().search(
                [("id", "child_of", self.crm_department_id.ids)]) \
                if self.crm_department_id else self.env["crm.department"]
            if seat.department_id not in allowed:
                return _("Seat %s belongs to another department.") % seat.name
        if seat.user_id and seat.user_id != self \
                and not self.has_group("crm_callcenter.group_supervisor"):
            return _("Seat %s is taken by %s; ask a Supervisor to free it.") % (
                seat.name, seat.user_id.name)
        return False

    @api.multi
    def _cc_leave_seat(self):
        for user in self.filtered("cc_seat_id"):
            self.env["crm.operation.log"]._record(
                "call", "seat_left", person=user.name, seat=user.cc_seat_id.name)
            user.cc_seat_id.write({"user_id": False, "seated_since": False})
            user.write({"cc_seat_id": False, "extension": user.cc_home_extension or False,
                        "cc_home_extension": False})

    def _cc_seats(self):
        return self.env["crm.seat"].sudo().search(
            [("company_id", "=", self.env.user.company_id.id)])

    @api.model
    def cc_take_seat(self, seat_id):
        """Phone bar: sit at a seat of the user's company."""
        seat = self._cc_seats().filtered(lambda s: s.id == seat_id)
        if not seat:
            raise UserError(_("This seat does not exist in your company."))
        if not self.env.user.has_group("crm_callcenter.group_agent"):
            raise UserError(_("Only call-center agents take seats."))
        refusal = self.env.user._cc_seat_refusal(seat)
        if refusal:
            raise AccessError(refusal)
        self.env.user.sudo()._cc_take_seat(seat)
        return {"extension": seat.extension,
                "message": _("You are at %s: extension %s.") % (seat.name, seat.extension)}

    @api.model
    def cc_leave_seat(self):
        self.env.user.sudo()._cc_leave_seat()
        return {"message": _("You left your seat.")}

    def _cc_seat_payload(self):
        return {
            "seat": self.cc_seat_id.name or "",
            "seats": [{"id": seat.id, "name": seat.name, "extension": seat.extension,
                       "taken_by": seat.user_id.name or ""} for seat in self._cc_seats()],
        }

    @api.model
    def _cc_seat_from_address(self, address):
        """At login: the seat whose computer has this address, if any, is
        taken by the user."""
        if not address or not self.env.user.has_group("crm_callcenter.group_agent"):
            return False
        seat = self.env["crm.seat"].sudo().search([
            ("ip_address", "=", address),
            ("company_id", "=", self.env.user.company_id.id)], limit=1)
        if not seat or self.env.user._cc_seat_refusal(seat):
            return False
        self.env.user.sudo()._cc_take_seat(seat)
        return seat

    @staticmethod
    def _cc_request_address():
        """The address of the HTTP request being served (as Werkzeug, behind
        --proxy-mode the trusted proxy, sees it), None outside a request.
        Never the ``user_agent_env`` an XML-RPC client sends with its login."""
        try:
            return http.request.httprequest.remote_addr if http.request else None
        except RuntimeError:
            return None

    @classmethod
    def authenticate(cls, db, login, password, user_agent_env):
        uid = super().authenticate(db, login, password, user_agent_env)
        address = cls._cc_request_address()
        if uid and address:
            with cls.pool.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["res.users"].sudo(uid)._cc_seat_from_address(address)
        return uid
