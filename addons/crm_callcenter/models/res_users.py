from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..constants import BUS_REMINDER


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_department_id = fields.Many2one(
        "crm.department", string="Call Center Department", index=True,
        ondelete="restrict", groups="base.group_user")
    cc_position_id = fields.Many2one("crm.position", string="Position", groups="base.group_user")

    def __init__(self, pool, cr):
        """Let users read and change their own agent settings."""
        super().__init__(pool, cr)
        fields_own = ["crm_department_id", "cc_position_id"]
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
        payload = {"type": BUS_REMINDER, "title": title or _("Reminder"),
                   "message": message, "sticky": bool(sticky)}
        self.env["bus.bus"].sudo().sendmany([
            ((self._cr.dbname, "res.partner", user.partner_id.id), payload)
            for user in self])
        return True
