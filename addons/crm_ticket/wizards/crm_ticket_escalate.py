"""Expert seat (TK-9): escalate a ticket to a member of the Expert group
(crm_ticket_telephony also transfers the agent's live call)."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_flow.models.crm_flow_mixin import flow_transition


class CrmTicketEscalate(models.TransientModel):
    _name = "crm.ticket.escalate"
    _description = "Escalate a Ticket to an Expert"

    ticket_id = fields.Many2one("crm.ticket", required=True,
                                ondelete="cascade")
    department_id = fields.Many2one(
        "crm.department", string="Expert Department",
        help="Only show experts of this department (and its sub-departments).")
    expert_id = fields.Many2one(
        "res.users", string="Expert", required=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(
            "crm_callcenter.group_expert").ids)])
    reason = fields.Text(required=True)

    @api.model
    def _cc_ticket_of(self, values):
        """The ticket the wizard opens on, from its default values (the
        context's id comes from the client: the caller must read it)."""
        ticket = self.env["crm.ticket"].browse(
            values.get("ticket_id") or self.env.context.get("default_ticket_id"))
        if ticket:
            ticket.check_access_rights("read")
            ticket.check_access_rule("read")
        return ticket

    @api.model
    def default_get(self, field_names):
        values = super().default_get(field_names)
        ticket = self._cc_ticket_of(values)
        if ticket:
            if "department_id" in field_names:
                values.setdefault("department_id", (
                    ticket.handler_department_id or ticket.department_id).id)
        return values

    @api.onchange("department_id")
    def _onchange_department_id(self):
        domain = [("groups_id", "in", self.env.ref(
            "crm_callcenter.group_expert").ids)]
        if self.department_id:
            domain.append(("crm_department_id", "child_of",
                           self.department_id.id))
            if self.expert_id and self.expert_id.crm_department_id not in \
                    self.env["crm.department"].search(
                        [("id", "child_of", self.department_id.id)]):
                self.expert_id = False
        return {"domain": {"expert_id": domain}}

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        ticket = self.ticket_id
        user = self.env.user
        ticket.check_access_rights("write")
        ticket.check_access_rule("write")
        expert = self.expert_id
        if not expert.has_group("crm_callcenter.group_expert"):
            raise UserError(_("%s is not an expert seat: choose a member of "
                              "the Expert group.") % expert.name)
        if expert == ticket.handler_id and expert == ticket.expert_id:
            raise UserError(_("Ticket %s is already escalated to %s.")
                            % (ticket.name, expert.name))
        # the telephony first (crm_ticket_telephony): if the phone system
        # refuses, nothing has changed yet
        transferred = self._cc_escalate_transfer(ticket, expert)
        previous = ticket.handler_id
        now = fields.Datetime.now()
        flow_transition(ticket.sudo()).write({
            "handler_id": expert.id,
            "expert_id": expert.id,
            "escalation_reason": self.reason,
            "escalation_date": now,
        })
        body = _("Escalated by %s to expert %s (previous handler: %s). "
                 "Reason: %s") % (user.name, expert.name,
                                  previous.name or "-", self.reason)
        if transferred:
            body += " " + _("The call was transferred to extension %s.") \
                % transferred
        ticket.sudo().message_post(
            body=body, author_id=user.partner_id.id,
            subtype="mail.mt_comment", partner_ids=expert.partner_id.ids)
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.env["mail.activity"].sudo().create({
            "res_model_id": self.env["ir.model"]._get("crm.ticket").id,
            "res_id": ticket.id, "activity_type_id": todo.id,
            "user_id": expert.id, "date_deadline": self.env.user.company_id._cc_today(),
            "summary": _("Escalated: %s") % ticket.name, "note": body,
        })
        self.env["crm.operation.log"]._record(
            "flow", "escalate_call" if transferred else "escalate", ticket,
            expert=expert.name, number=transferred or "", reason=self.reason)
        return {"type": "ir.actions.act_window_close"}

    def _cc_escalate_transfer(self, ticket, expert):
        """Put the customer's call through to the expert: the extension it
        was transferred to, or False (no telephony here)."""
        return False
