from odoo import fields, models


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
