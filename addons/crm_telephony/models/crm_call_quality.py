"""crm.call's side of the quality inspection (CC-16): its inspections,
their average score and "Inspect".

An extension of crm.call inside its own add-on: its home is crm_call.py,
which is being rewritten by the listener's write-path change (issue 17);
fold it in there once that has landed."""
from odoo import api, fields, models


class CrmCall(models.Model):
    _inherit = "crm.call"

    qa_ids = fields.One2many("crm.call.qa", "call_id", "Quality Inspections")
    qa_score = fields.Float("Quality Score", compute="_compute_qa_score",
                            help="Average of the call's finished inspections.")

    @api.depends("qa_ids.score", "qa_ids.state")
    def _compute_qa_score(self):
        for call in self:
            done = call.qa_ids.filtered(lambda qa: qa.state == "done")
            call.qa_score = done and sum(done.mapped("score")) / len(done)

    @api.multi
    def action_inspect(self):
        """Open a new inspection of this call with the company's first template."""
        self.ensure_one()
        template = self.env["crm.call.qa.template"].search(
            [("company_id", "=", self.company_id.id)], limit=1)
        return {
            "type": "ir.actions.act_window", "res_model": "crm.call.qa",
            "view_mode": "form", "views": [(False, "form")], "target": "current",
            "context": {"default_call_id": self.id,
                        "default_template_id": template.id},
        }
