from odoo import api, fields, models


class ResPartner(models.Model):
    """A customer's service area (where repair shops come from) and a repair
    shop's tickets."""

    _inherit = "res.partner"

    service_area_id = fields.Many2one(
        "crm.service.area", string="Service Area", index=True,
        ondelete="set null",
        help="The area of the service network the customer lives in: its "
             "repair shops are suggested on the customer's tickets.")
    repair_ticket_ids = fields.One2many(
        "crm.ticket", "repair_shop_id", string="Repair Tickets")
    repair_ticket_count = fields.Integer(
        "Repair Tickets", compute="_compute_repair_ticket_count")

    def _compute_repair_ticket_count(self):
        shops = self.filtered(lambda p: p.is_repair_shop and p.id)
        counts = {}
        if shops:
            groups = self.env["crm.ticket"].read_group(
                [("repair_shop_id", "in", shops.ids)], ["repair_shop_id"],
                ["repair_shop_id"])
            counts = {g["repair_shop_id"][0]: g["repair_shop_id_count"]
                      for g in groups}
        for partner in self:
            partner.repair_ticket_count = counts.get(partner.id, 0)

    def _get_service_area(self):
        """The partner's area, its company's, else the only active area of
        its province."""
        for partner in self[:1]:
            area = partner.service_area_id or \
                partner.commercial_partner_id.service_area_id
            if area or not partner.state_id:
                return area
            areas = self.env["crm.service.area"].search(
                [("state_id", "=", partner.state_id.id)], limit=2)
            return areas if len(areas) == 1 else areas.browse()
        return self.env["crm.service.area"]

    @api.multi
    def action_open_repair_tickets(self):
        self.ensure_one()
        action = self.env.ref("crm_ticket.crm_ticket_action_query").read()[0]
        action["domain"] = [("repair_shop_id", "=", self.id)]
        action["context"] = {"default_repair_shop_id": self.id}
        return action
