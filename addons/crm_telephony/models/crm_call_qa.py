"""Quality inspection (CC-16): templates of weighted criteria; a Supervisor
scores an agent's call (while listening in or from its recording); the
agent sees the scores of their own calls once the inspection is done."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_security.models.owned_fields import QA

#: what the inspection engine sets: the call's facts, the inspector, the state
QA_FIELDS = ("agent_id", "department_id", "company_id", "inspector_id", "date", "state")


class CrmCallQa(models.Model):
    _name = "crm.call.qa"
    _description = "Quality Inspection"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    # a finished inspection is not reopened; its facts come from the call
    _crm_owned_fields = dict.fromkeys(QA_FIELDS, QA)

    name = fields.Char(compute="_compute_name")
    call_id = fields.Many2one("crm.call", "Call", required=True, ondelete="cascade",
                              index=True)
    template_id = fields.Many2one("crm.call.qa.template", "Template", required=True,
                                  ondelete="restrict")
    inspector_id = fields.Many2one("res.users", "Inspector", required=True, readonly=True,
                                   default=lambda self: self.env.user)
    # copied from the call when it is chosen: the record rules need them
    # stored before anything else is computed
    agent_id = fields.Many2one("res.users", "Agent", readonly=True, index=True)
    department_id = fields.Many2one("crm.department", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True)
    call_start = fields.Datetime(related="call_id.date_start", readonly=True)
    partner_id = fields.Many2one(related="call_id.partner_id", readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    line_ids = fields.One2many("crm.call.qa.line", "qa_id", "Scores")
    score = fields.Float(compute="_compute_score", store=True, group_operator="avg",
                         help="Weighted average of the criteria's scores, 0-100.")
    comment = fields.Text()
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft",
                             required=True, readonly=True, track_visibility="onchange")

    @api.depends("call_id", "agent_id")
    def _compute_name(self):
        for qa in self:
            qa.name = _("Inspection of %s") % (qa.call_id.display_name or "")

    @api.depends("line_ids.score", "line_ids.weight")
    def _compute_score(self):
        for qa in self:
            weight = sum(qa.line_ids.mapped("weight"))
            qa.score = weight and sum(
                line.weight * line.score for line in qa.line_ids) / weight

    @api.onchange("call_id")
    def _onchange_call_id(self):
        self.update(self._call_values(self.call_id))

    @api.onchange("template_id")
    def _onchange_template_id(self):
        self.line_ids = [(5, 0, 0)] + [
            (0, 0, {"criterion_id": criterion.id, "weight": criterion.weight, "score": 0})
            for criterion in self.template_id.criterion_ids]

    def _call_values(self, call):
        """What an inspection copies from its call (the record rules read
        them): the agent, their department, the company."""
        return {"agent_id": call.user_id.id, "department_id": call.department_id.id,
                "company_id": call.company_id.id}

    def _checked_call_values(self, call_id):
        call = self.env["crm.call"].browse(call_id)
        if not call.user_id:
            raise UserError(_("Only calls that an agent answered or made can be inspected."))
        return self._call_values(call)

    @api.model
    def create(self, values):
        self._crm_owned_check(values, creating=True)  # what the caller sent
        values = dict(values, **self._checked_call_values(values.get("call_id")))
        if not values.get("line_ids") and values.get("template_id"):
            template = self.env["crm.call.qa.template"].browse(values["template_id"])
            if not template.criterion_ids:
                raise UserError(_("The template %s has no criteria to score.") % template.name)
            values["line_ids"] = [(0, 0, {"criterion_id": c.id, "weight": c.weight})
                                  for c in template.criterion_ids]
        # the new record is handed back without the engine's token
        return super(CrmCallQa, QA.run(self)).create(values).with_env(self.env)

    @api.multi
    def write(self, values):
        if any(qa.state == "done" for qa in self) and set(values) & {
                "line_ids", "template_id", "call_id", "comment"}:
            raise UserError(_("A finished inspection cannot be changed."))
        if values.get("call_id"):
            self._crm_owned_check(values)  # what the caller sent
            values = dict(values, **self._checked_call_values(values["call_id"]))
            return super(CrmCallQa, QA.run(self)).write(values)
        return super().write(values)

    def _cc_check_open(self):
        if any(qa.state == "done" for qa in self):
            raise UserError(_("A finished inspection cannot be changed."))

    @api.multi
    def action_done(self):
        """Finish the inspection: the agent sees it and is told."""
        for qa in self.filtered(lambda q: q.state == "draft"):
            QA.run(qa).state = "done"
            agent = qa.agent_id
            qa.message_subscribe(partner_ids=agent.partner_id.ids)
            qa.message_post(
                body=_("Quality score of your call: %.1f / 100.") % qa.score,
                partner_ids=agent.partner_id.ids, subtype="mail.mt_comment")
        return True

    @api.multi
    def action_play_recording(self):
        self.ensure_one()
        return self.call_id.action_cc_play_recording()
