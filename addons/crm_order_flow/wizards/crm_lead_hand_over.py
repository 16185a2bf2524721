from odoo import api, fields, models


class CrmLeadHandOver(models.TransientModel):
    _name = "crm.lead.hand.over"
    _description = "Hand Over Opportunities"

    user_id = fields.Many2one("res.users", string="To Salesperson",
                              required=True)
    note = fields.Text()

    @api.multi
    def action_hand_over(self):
        self.ensure_one()
        leads = self.env["crm.lead"].browse(
            self.env.context.get("active_ids", []))
        leads.action_cc_hand_over(self.user_id, self.note)
        return {"type": "ir.actions.act_window_close"}
