from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmSupplierEvaluation(models.Model):
    """A manual score given to a supplier (quality of its goods) or to a
    repair shop (quality of its service), 0 to 100."""

    _name = "crm.supplier.evaluation"
    _description = "Supplier Evaluation"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Supplier / Repair Shop", required=True,
        index=True, ondelete="cascade")
    kind = fields.Selection(
        [("quality", "Goods Quality"), ("service", "Repair Service")],
        required=True, default="quality")
    date = fields.Date(
        required=True, index=True, default=lambda self: self.env.user.company_id._cc_today())
    score = fields.Integer(required=True, help="0 (worst) to 100 (best).")
    purchase_id = fields.Many2one("purchase.order", string="Purchase Order")
    user_id = fields.Many2one(
        "res.users", string="Evaluated by", required=True,
        default=lambda self: self.env.user)
    note = fields.Text()

    @api.constrains("score")
    def _check_score(self):
        for evaluation in self:
            if not 0 <= evaluation.score <= 100:
                raise ValidationError(
                    _("A score goes from 0 to 100 (you entered %d).")
                    % evaluation.score)
