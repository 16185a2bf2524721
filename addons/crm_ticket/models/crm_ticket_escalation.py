"""Expert seat (TK-9) on the ticket: who it was escalated to, why and when;
the escalation wizard is wizards/crm_ticket_escalate.py."""
from odoo import api, fields, models


class CrmTicket(models.Model):
    _inherit = "crm.ticket"

    expert_id = fields.Many2one(
        "res.users", string="Escalated to", readonly=True, copy=False,
        index=True, track_visibility="onchange")
    escalation_reason = fields.Text(readonly=True, copy=False, groups="base.group_user")
    escalation_date = fields.Datetime("Escalated on", readonly=True,
                                      copy=False)

    @api.multi
    def action_escalate(self):
        self.ensure_one()
        self.check_access_rule("write")
        action = self.env.ref(
            "crm_ticket.crm_ticket_escalate_action").read()[0]
        action["context"] = {"default_ticket_id": self.id}
        return action
