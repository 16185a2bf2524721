from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_flow.models.crm_flow_mixin import flow_transition

from ..constants import STEP_CODES, STEPS


class CrmTicketStep(models.TransientModel):
    """The dialog of one ticket step (get result, reply to the customer,
    callback visit, on-site arrival and completion, archive): it records the
    step's own data on the tickets, then passes the step."""

    _name = "crm.ticket.step"
    _description = "Handle a Ticket Step"

    ticket_ids = fields.Many2many("crm.ticket", string="Tickets",
                                  required=True)
    step_code = fields.Selection(STEPS, required=True, readonly=True)
    description = fields.Text(compute="_compute_summary")
    partner_id = fields.Many2one("res.partner", compute="_compute_summary",
                                 string="Customer")
    contact_number = fields.Char(compute="_compute_summary")
    result = fields.Text()
    reply_method = fields.Selection(
        [("phone", "Phone"), ("email", "Email")], default="phone")
    reply_department_id = fields.Many2one(
        "crm.department", string="Replying Department",
        default=lambda self: self.env.user.crm_department_id)
    satisfaction = fields.Selection(
        [("satisfied", "Satisfied"), ("unsatisfied", "Unsatisfied"),
         ("not_reached", "Not Reached")])
    reply_note = fields.Text("Reply")
    callback_note = fields.Text("Callback Notes")
    arrival_user_id = fields.Many2one(
        "res.users", "On-site Handler", default=lambda self: self.env.user)
    arrival_date = fields.Datetime("Arrived at", default=fields.Datetime.now)
    repair_note = fields.Text("Repair Report")
    archive_user_id = fields.Many2one(
        "res.users", "Archived by", default=lambda self: self.env.user)
    archive_suggestion = fields.Text("Archiving Suggestion")

    @api.depends("ticket_ids")
    def _compute_summary(self):
        for step in self:
            ticket = step.ticket_ids[:1]
            step.description = ticket.description
            step.partner_id = ticket.partner_id
            step.contact_number = ticket.contact_number

    def _values(self):
        """Ticket values of this step, and the note for the flow log."""
        now = fields.Datetime.now()
        uid = self.env.uid
        code = self.step_code
        if code == "result":
            if not self.result:
                raise UserError(_("Write the result before saving."))
            return {"result": self.result, "result_user_id": uid,
                    "result_date": now}, self.result
        if code == "reply":
            if not self.satisfaction:
                raise UserError(_("Choose the customer's satisfaction."))
            return {"reply_method": self.reply_method,
                    "reply_department_id": self.reply_department_id.id,
                    "satisfaction": self.satisfaction,
                    "reply_note": self.reply_note, "reply_user_id": uid,
                    "reply_date": now}, self.reply_note
        if code == "callback":
            return {"callback_note": self.callback_note,
                    "callback_user_id": uid, "callback_date": now}, \
                self.callback_note
        if code == "arrival":
            if not (self.arrival_user_id and self.arrival_date):
                raise UserError(_("Say who arrived on site and when."))
            return {"arrival_user_id": self.arrival_user_id.id,
                    "arrival_date": self.arrival_date}, False
        if code == "repair_done":
            return {"repair_note": self.repair_note, "repair_date": now}, \
                self.repair_note
        return {"archive_user_id": self.archive_user_id.id or uid,
                "archive_suggestion": self.archive_suggestion,
                "archive_date": now}, self.archive_suggestion

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        tickets = self.ticket_ids
        wrong = tickets.filtered(
            lambda t: t.flow_state != "running"
            or t.step_code != self.step_code)
        if wrong or self.step_code not in STEP_CODES:
            raise UserError(
                _("These tickets are no longer waiting at this step: %s")
                % ", ".join(wrong.mapped("name")))
        # the engine checks that the user handles the step
        tickets._crm_flow_check_can("pass")
        values, note = self._values()
        flow_transition(tickets).write(values)
        tickets.crm_flow_act("pass", note=note)
        return {"type": "ir.actions.act_window_close"}
