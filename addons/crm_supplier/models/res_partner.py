from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    """Suppliers are partners with Odoo's ``supplier`` flag; this adds their
    category, the products they supply (``product.supplierinfo``), documents,
    evaluation figures, and the repair-shop side of the service network."""

    _inherit = "res.partner"

    supplier_category_id = fields.Many2one(
        "crm.supplier.category", string="Supplier Category", index=True,
        ondelete="restrict")
    supplier_product_ids = fields.One2many(
        "product.supplierinfo", "name", string="Products Supplied")
    supplier_document_count = fields.Integer(
        "Documents", compute="_compute_supplier_document_count")
    supplier_evaluation_ids = fields.One2many(
        "crm.supplier.evaluation", "partner_id", string="Evaluations")
    supplier_return_count = fields.Integer(
        "Returns and Exchanges", compute="_compute_supplier_return_count")
    # figures over the last twelve months (see crm.supplier.ranking.report)
    supplier_on_time_rate = fields.Float(
        "On-time Delivery (%)", compute="_compute_supplier_evaluation",
        digits=(16, 1))
    supplier_return_rate = fields.Float(
        "Return Rate (%)", compute="_compute_supplier_evaluation",
        digits=(16, 1))
    supplier_quality_score = fields.Float(
        "Quality Score", compute="_compute_supplier_evaluation",
        digits=(16, 1))
    supplier_score = fields.Float(
        "Overall Score", compute="_compute_supplier_evaluation",
        digits=(16, 1), groups="base.group_user")
    supplier_rank = fields.Integer(
        "Rank (12 months)", compute="_compute_supplier_evaluation", groups="base.group_user")
    is_repair_shop = fields.Boolean(
        "Authorised Repair Shop", index=True,
        help="Belongs to the service network: after-sales work can be "
             "handed to it.")
    service_area_ids = fields.Many2many(
        "crm.service.area", string="Service Areas")
    service_skill_ids = fields.Many2many(
        "crm.service.skill", string="Skills")
    repair_shop_since = fields.Date("Authorised Since")

    def _compute_supplier_document_count(self):
        groups = self.env["ir.attachment"].read_group(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.ids)],
            ["res_id"], ["res_id"])
        counts = {g["res_id"]: g["res_id_count"] for g in groups}
        for partner in self:
            partner.supplier_document_count = counts.get(partner.id, 0)

    def _compute_supplier_return_count(self):
        # a count only (the button is for Supervisors); the form of a
        # customer an Agent saves computes it too
        counts = self.env["crm.supplier.return"].sudo()._crm_flow_count_by(
            "partner_id", self.ids)
        for partner in self:
            partner.supplier_return_count = counts.get(partner.id, 0)

    def _compute_supplier_evaluation(self):
        suppliers = self.filtered(lambda p: p.supplier and p.id)
        for partner in self - suppliers:
            partner.supplier_on_time_rate = 0.0
            partner.supplier_return_rate = 0.0
            partner.supplier_quality_score = 0.0
            partner.supplier_score = 0.0
            partner.supplier_rank = 0
        if not suppliers:
            return
        # the context may fix "today" (reports of a past date, tests)
        today = fields.Date.from_string(
            self.env.context.get("supplier_evaluation_date")
            or self.env.user.company_id._cc_today())
        date_from = today.replace(day=1) - relativedelta(months=11)
        ranking = self.env["crm.supplier.ranking.report"].sudo().get_ranking(
            fields.Date.to_string(date_from),
            fields.Date.to_string(today + relativedelta(days=1)))
        by_partner = {row["partner_id"]: row for row in ranking}
        for partner in suppliers:
            row = by_partner.get(partner.id, {})
            partner.supplier_on_time_rate = row.get("on_time_rate", 0.0)
            partner.supplier_return_rate = row.get("return_rate", 0.0)
            partner.supplier_quality_score = row.get("quality_score", 0.0)
            partner.supplier_score = row.get("score", 0.0)
            partner.supplier_rank = row.get("rank", 0)

    @api.multi
    def action_open_supplier_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Documents of %s") % self.display_name,
            "res_model": "ir.attachment",
            "view_mode": "kanban,tree,form",
            "domain": [("res_model", "=", "res.partner"),
                       ("res_id", "=", self.id)],
            "context": {"default_res_model": "res.partner",
                        "default_res_id": self.id},
        }

    @api.multi
    def action_open_supplier_returns(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_supplier.crm_supplier_return_action_all").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.multi
    def action_open_supplier_ranking(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_supplier.crm_supplier_ranking_report_action").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        return action

    @api.multi
    def action_open_supplier_prices(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_supplier.crm_supplier_price_report_action").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        return action

    @api.multi
    def unlink(self):
        # crm_callcenter guards customers; guard suppliers the same way
        for model_name, field_name, label in self._supplier_usage_fields():
            used = self.env[model_name].sudo().with_context(
                active_test=False).search(
                    [(field_name, "in", self.filtered(
                        lambda p: not p.cc_customer).ids)], limit=1)
            if used:
                raise UserError(
                    _("%s has %s (%s); a supplier with history cannot be "
                      "deleted. Archive it instead.")
                    % (used[field_name].display_name, label,
                       used.display_name))
        return super().unlink()

    def _supplier_usage_fields(self):
        return [
            ("purchase.order", "partner_id", _("purchase orders")),
            ("crm.supplier.return", "partner_id",
             _("returns or exchanges with suppliers")),
        ]

    def _cc_get_usage_fields(self):
        return super()._cc_get_usage_fields() + self._supplier_usage_fields()
