from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..telephony.probe import ProbeError, probe


class CrmPbx(models.Model):
    """An Asterisk PBX reached through AMI, one or more per company."""

    _name = "crm.pbx"
    _description = "Phone System (Asterisk AMI)"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id)
    host = fields.Char(required=True, default="127.0.0.1")
    port = fields.Integer(required=True, default=5038)
    username = fields.Char("AMI User", required=True)
    secret = fields.Char(
        "AMI Secret", groups="crm_callcenter.group_admin",
        help="Readable by Administrators only.")
    timeout = fields.Float("Timeout (s)", default=5.0)
    state = fields.Selection(
        [("untested", "Not Tested"), ("ok", "Connected"), ("failed", "Failed")],
        default="untested", readonly=True, copy=False)
    asterisk_version = fields.Char(readonly=True, copy=False)
    last_test_date = fields.Datetime("Last Test", readonly=True, copy=False)
    last_test_message = fields.Char(readonly=True, copy=False)

    @api.multi
    def action_test_connection(self):
        """Log in with the AMI user and ask the Asterisk version; the result
        is shown on the form (nothing is raised, so it is kept)."""
        self.ensure_one()
        if not (self.env.user._is_superuser()
                or self.env.user.has_group("crm_callcenter.group_admin")):
            raise AccessError(_("Only Administrators can test the phone system."))
        pbx = self.sudo()
        values = {"last_test_date": fields.Datetime.now()}
        try:
            answer = probe(pbx.host, pbx.port, pbx.username, pbx.secret or "",
                           timeout=pbx.timeout or 5.0)
        except ProbeError as error:
            values.update(state="failed", last_test_message=str(error))
        else:
            values.update(
                state="ok", asterisk_version=answer["version"],
                last_test_message=_("Logged in; Asterisk %s (%s).")
                % (answer["version"] or _("version unknown"), answer["banner"]))
        pbx.write(values)
        return True
