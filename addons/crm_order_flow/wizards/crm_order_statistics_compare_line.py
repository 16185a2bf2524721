from odoo import api, fields, models


class CrmOrderStatisticsCompareLine(models.TransientModel):
    _name = "crm.order.statistics.compare.line"
    _description = "Sales Comparison Line"
    _order = "sequence, id"

    compare_id = fields.Many2one("crm.order.statistics.compare",
                                 required=True, ondelete="cascade")
    sequence = fields.Integer()
    label = fields.Char("This Period", readonly=True)
    previous_label = fields.Char("Previous Period", readonly=True)
    current_quantity = fields.Float("Quantity", readonly=True)
    previous_quantity = fields.Float(readonly=True)
    current_amount = fields.Float("Amount", readonly=True)
    previous_amount = fields.Float(readonly=True)
    amount_change = fields.Float("Change", compute="_compute_change")
    amount_growth = fields.Float("Growth (%)", compute="_compute_change")

    @api.depends("current_amount", "previous_amount")
    def _compute_change(self):
        for line in self:
            line.amount_change = line.current_amount - line.previous_amount
            line.amount_growth = (
                100.0 * line.amount_change / line.previous_amount
                if line.previous_amount else 0.0)
