"""One criterion's score in a quality inspection (CC-16); changed only
while the inspection is open."""
from odoo import api, fields, models


class CrmCallQaLine(models.Model):
    _name = "crm.call.qa.line"
    _description = "Quality Inspection Score"
    _order = "qa_id, sequence, id"

    qa_id = fields.Many2one("crm.call.qa", required=True, ondelete="cascade", index=True)
    criterion_id = fields.Many2one("crm.call.qa.criterion", "Criterion", required=True,
                                   ondelete="restrict")
    sequence = fields.Integer(related="criterion_id.sequence", store=True, readonly=True)
    name = fields.Char(related="criterion_id.name", readonly=True)
    weight = fields.Float(required=True, default=1.0)
    score = fields.Float(default=0.0, help="0 (failed) to 100 (perfect).")
    note = fields.Char()

    @api.model
    def create(self, values):
        self.env["crm.call.qa"].browse(values.get("qa_id"))._cc_check_open()
        return super().create(values)

    @api.multi
    def write(self, values):
        qas = self.mapped("qa_id")
        if values.get("qa_id"):
            qas |= qas.browse(values["qa_id"])
        qas._cc_check_open()
        return super().write(values)

    @api.multi
    def unlink(self):
        self.mapped("qa_id")._cc_check_open()
        return super().unlink()

    _sql_constraints = [
        ("score_range", "CHECK (score >= 0 AND score <= 100)",
         "A score is between 0 and 100."),
    ]
