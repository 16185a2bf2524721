from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmTicketStep(models.TransientModel):
    """The repair-completed dialog also scores the repair shop."""

    _inherit = "crm.ticket.step"

    repair_shop_id = fields.Many2one(
        "res.partner", string="Repair Shop", compute="_compute_repair_shop_id")
    repair_shop_score = fields.Integer(
        "Shop Score", help="Service score of the repair shop, 0 (worst) to "
                           "100 (best). Leave empty to evaluate later.")
    repair_shop_note = fields.Text("Shop Evaluation")

    @api.depends("ticket_ids")
    def _compute_repair_shop_id(self):
        for step in self:
            step.repair_shop_id = step.ticket_ids[:1].repair_shop_id

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if self.step_code != "repair_done" or not self.repair_shop_score:
            return super().action_confirm()
        if not 0 <= self.repair_shop_score <= 100:
            raise UserError(_("A score goes from 0 to 100."))
        return super(CrmTicketStep, self.with_context(
            repair_shop_score=self.repair_shop_score,
            repair_shop_note=self.repair_shop_note)).action_confirm()
