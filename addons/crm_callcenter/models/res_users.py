from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "crm.secret.mixin"]

    crm_department_id = fields.Many2one(
        "crm.department", string="Call Center Department", index=True,
        ondelete="restrict", groups="base.group_user")
    agent_number = fields.Char(
        copy=False,
        help="The agent's number (工号) on the phone system.", groups="base.group_user")
    extension = fields.Char(
        copy=False, help="Default phone extension of the agent.", groups="base.group_user")
    cc_position_id = fields.Many2one("crm.position", string="Position", groups="base.group_user")
    cc_phone_password = fields.Char(
        "Phone System Password", compute="_compute_cc_secret", inverse="_inverse_cc_secret",
        groups="crm_callcenter.group_admin",
        help="Password of the agent's extension on the PBX (SIP/PJSIP). Only "
             "Administrators can read it.")

    _sql_constraints = [
        ("agent_number_company_uniq", "unique (agent_number, company_id)",
         "Agent numbers must be unique per company."),
    ]

    def __init__(self, pool, cr):
        """Let users read and change their own agent settings."""
        super().__init__(pool, cr)
        fields_own = ["crm_department_id", "agent_number", "extension", "cc_position_id"]
        type(self).SELF_READABLE_FIELDS = (
            list(self.SELF_READABLE_FIELDS) + fields_own)

    @api.model
    def _update_last_login(self):
        """Successful logins go to the operation log (with the address)."""
        result = super()._update_last_login()
        self.env["crm.operation.log"]._record("login", "login", login=self.env.user.login)
        return result

    @api.multi
    def cc_remind(self, message, title=None, sticky=False):
        """Show a reminder in these users' web clients right away (through
        the bus, on each user's own partner channel). Supervisors may remind
        anyone; others only themselves."""
        me = self.env.user
        if self - me and not (me._is_superuser()
                              or me.has_group("crm_callcenter.group_supervisor")):
            raise AccessError(_("Only Supervisors may send reminders to other users."))
        payload = {"type": "crm_callcenter.reminder", "title": title or _("Reminder"),
                   "message": message, "sticky": bool(sticky)}
        self.env["bus.bus"].sudo().sendmany([
            ((self._cr.dbname, "res.partner", user.partner_id.id), payload)
            for user in self])
        return True
