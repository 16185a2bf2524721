from odoo import _, api, fields, models

from .crm_ticket import ACCEPTANCE_TYPES


class CrmTicketType(models.Model):
    """Business type (业务类型) of a ticket: a tree that Administrators
    maintain. Each type names the flow its dispatched tickets follow and the
    department that handles them."""

    _name = "crm.ticket.type"
    _description = "Ticket Business Type"
    _inherit = ["crm.tree.mixin"]

    code = fields.Char()
    parent_id = fields.Many2one(
        "crm.ticket.type", string="Parent Type", index=True,
        ondelete="restrict")
    child_ids = fields.One2many("crm.ticket.type", "parent_id",
                                string="Sub-types")
    flow_id = fields.Many2one(
        "crm.flow", string="Flow", ondelete="restrict",
        domain=[("model", "=", "crm.ticket")],
        help="Dispatched tickets of this type follow this flow. Leave empty "
             "to use the parent type's flow.")
    department_id = fields.Many2one(
        "crm.department", string="Handling Department",
        help="Department that handles dispatched tickets of this type.")
    handler_id = fields.Many2one(
        "res.users", string="Default Handler",
        help="User who gets the result of dispatched tickets of this type, "
             "unless the agent chooses another one.")
    acceptance_type = fields.Selection(
        ACCEPTANCE_TYPES, string="Default Acceptance Type")
    is_default = fields.Boolean(
        "Default for Email",
        help="Tickets created from email get this type.")
    note = fields.Text(translate=True)
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    _sql_constraints = [
        ("code_uniq", "unique (code)", "Business type codes must be unique."),
    ]

    def _compute_ticket_count(self):
        groups = self.env["crm.ticket"].read_group(
            [("type_id", "in", self.ids)], ["type_id"], ["type_id"])
        counts = {g["type_id"][0]: g["type_id_count"] for g in groups}
        for ticket_type in self:
            ticket_type.ticket_count = counts.get(ticket_type.id, 0)

    def _tree_cycle_message(self):
        return _("A business type cannot be its own parent or ancestor.")

    def _get_flow(self):
        """The flow of this type, inherited from the closest parent."""
        return self._get_inherited("flow_id")

    @api.model
    def _get_default(self):
        default = self.search([("is_default", "=", True)], limit=1)
        return default or self.search([], limit=1)

    def _get_inherited(self, field_name):
        """The value of ``field_name`` on this type or its closest parent
        that sets it."""
        self.ensure_one()
        ticket_type = self
        while ticket_type.parent_id and not ticket_type[field_name]:
            ticket_type = ticket_type.parent_id
        return ticket_type[field_name]

    def _get_department(self):
        return self._get_inherited("department_id")

    @api.multi
    def action_open_tickets(self):
        self.ensure_one()
        action = self.env.ref("crm_ticket.crm_ticket_action_query").read()[0]
        action["domain"] = [("type_id", "child_of", self.id)]
        action["context"] = {"default_type_id": self.id}
        return action
