from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmTicket(models.Model):
    """After-sales tickets handed to an authorised repair shop of the
    service network: suggested by the customer's service area and the skill
    the ticket needs, evaluated once the repair is done."""

    _inherit = "crm.ticket"

    service_area_id = fields.Many2one(
        "crm.service.area", string="Service Area", index=True,
        ondelete="restrict", track_visibility="onchange")
    repair_shop_id = fields.Many2one(
        "res.partner", string="Repair Shop", index=True, ondelete="restrict",
        track_visibility="onchange",
        domain=[("is_repair_shop", "=", True)],
        help="Authorised repair shop doing the repair or installation.")
    suggested_shop_ids = fields.Many2many(
        "res.partner", string="Suggested Repair Shops",
        compute="_compute_suggested_shop_ids",
        help="Repair shops covering the service area that have the skill "
             "this ticket needs, best evaluated first.")
    service_evaluation_ids = fields.One2many(
        "crm.supplier.evaluation", "ticket_id", string="Shop Evaluations")

    @api.depends("service_area_id", "type_id", "acceptance_type")
    def _compute_suggested_shop_ids(self):
        for ticket in self:
            ticket.suggested_shop_ids = ticket._suggest_repair_shops()

    @api.constrains("repair_shop_id")
    def _check_repair_shop_id(self):
        for ticket in self.filtered("repair_shop_id"):
            shop = ticket.repair_shop_id.sudo()
            if not (shop.is_repair_shop and shop.active):
                raise ValidationError(
                    _("%s is not an authorised repair shop: choose one of "
                      "the service network.") % shop.display_name)

    @api.onchange("partner_id")
    def _onchange_partner_id_service_area(self):
        area = self.partner_id._get_service_area()
        if area:
            self.service_area_id = area

    @api.onchange("service_area_id", "type_id", "acceptance_type")
    def _onchange_suggest_repair_shop(self):
        if not self.repair_shop_id and self._needs_repair_shop():
            self.repair_shop_id = self._suggest_repair_shops()[:1]

    @api.model
    def create(self, vals):
        if vals.get("partner_id") and not vals.get("service_area_id"):
            area = self.env["res.partner"].browse(
                vals["partner_id"])._get_service_area()
            vals["service_area_id"] = area.id
        return super().create(vals)

    def _crm_flow_unlocked_fields(self):
        # the handler may hand the repair to a shop at any step
        return super()._crm_flow_unlocked_fields() | {
            "repair_shop_id", "service_area_id"}

    # ------------------------------------------------------------------
    # Suggestions
    # ------------------------------------------------------------------
    def _needs_repair_shop(self):
        return self.acceptance_type in self._get_repair_acceptance_types()

    @api.model
    def _get_repair_acceptance_types(self):
        return ("repair", "installation")

    def _get_needed_skills(self):
        """Skills for the ticket's business type (or one of its parents),
        else the skills of its acceptance type."""
        self.ensure_one()
        Skill = self.env["crm.service.skill"].sudo()
        if self.type_id:
            types = self.env["crm.ticket.type"].sudo().search(
                [("id", "parent_of", self.type_id.id)])
            skills = Skill.search([("ticket_type_ids", "in", types.ids)])
            if skills:
                return skills
        if self.acceptance_type:
            return Skill.search([("ticket_type_ids", "=", False),
                                 ("acceptance_type", "=",
                                  self.acceptance_type)])
        return Skill.browse()

    def _get_repair_shop_domain(self):
        self.ensure_one()
        domain = [("is_repair_shop", "=", True)]
        if self.service_area_id:
            domain.append(("service_area_ids", "in", self.service_area_id.id))
        skills = self._get_needed_skills()
        if skills:
            domain.append(("service_skill_ids", "in", skills.ids))
        return domain

    def _suggest_repair_shops(self, limit=5):
        """Shops of the area with the needed skill, by their average
        service score (unevaluated shops last)."""
        self.ensure_one()
        if not (self.service_area_id or self._needs_repair_shop()):
            return self.env["res.partner"]
        Partner = self.env["res.partner"]
        shops = Partner.search(self._get_repair_shop_domain())
        if not shops:
            return shops
        groups = self.env["crm.supplier.evaluation"].sudo().read_group(
            [("partner_id", "in", shops.ids), ("kind", "=", "service")],
            ["partner_id", "score"], ["partner_id"])
        # Odoo 11 sums integer fields in read_group: average by hand
        scores = {g["partner_id"][0]: g["score"] / g["partner_id_count"]
                  for g in groups if g["partner_id_count"]}
        ordered = sorted(shops, key=lambda s: (
            s.id not in scores, -scores.get(s.id, 0), s.name or ""))
        return Partner.browse([s.id for s in ordered[:limit]])

    # ------------------------------------------------------------------
    # Repair completed: evaluate the shop
    # ------------------------------------------------------------------
    def _crm_flow_leave_repair_done(self, node, outcome):
        result = super()._crm_flow_leave_repair_done(node, outcome)
        if outcome == "pass":
            self.filtered("repair_shop_id")._evaluate_repair_shop(
                self.env.context.get("repair_shop_score"),
                self.env.context.get("repair_shop_note"))
        return result

    def _evaluate_repair_shop(self, score=None, note=None):
        """A service evaluation of each ticket's shop: recorded now when a
        score is given (the repair-completed dialog), else offered to the
        ticket's handler as an activity."""
        Evaluation = self.env["crm.supplier.evaluation"].sudo()
        todo = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get(self._name)
        for ticket in self:
            if ticket.service_evaluation_ids.filtered(
                    lambda e: e.partner_id == ticket.repair_shop_id):
                continue
            if score is not None and score is not False:
                Evaluation.create({
                    "partner_id": ticket.repair_shop_id.id,
                    "kind": "service", "score": score, "note": note,
                    "ticket_id": ticket.id, "user_id": self.env.uid})
                ticket.message_post(body=_(
                    "Repair shop %s evaluated: %s / 100.") % (
                        ticket.repair_shop_id.display_name, score))
                continue
            user = ticket.handler_id or ticket.user_id
            self.env["mail.activity"].sudo().create({
                "res_model_id": model.id, "res_id": ticket.id,
                "activity_type_id": todo.id, "user_id": user.id,
                "summary": _("Evaluate repair shop %s") %
                ticket.repair_shop_id.display_name,
                "note": _("The repair of ticket %s is completed: give %s a "
                          "service score.") % (
                              ticket.name, ticket.repair_shop_id.display_name),
            })

    @api.multi
    def action_evaluate_repair_shop(self):
        """The shop's evaluation form, prefilled from the ticket."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Evaluate %s") % self.repair_shop_id.display_name,
            "res_model": "crm.supplier.evaluation",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": self.repair_shop_id.id,
                "default_kind": "service",
                "default_ticket_id": self.id,
            },
        }
