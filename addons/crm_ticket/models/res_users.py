from odoo import api, fields, models


class ResUsers(models.Model):
    """Which departments' tickets a user sees (enforced by record rules)."""

    _inherit = "res.users"

    cc_ticket_scope = fields.Selection(
        [("own", "Own Tickets"), ("department", "Own Department"),
         ("departments", "Chosen Departments"), ("all", "All Departments")],
        string="Ticket Visibility", default="department", required=True,
        help="Own: tickets the user entered or handles. Own department: also "
             "the tickets entered in or handled by the user's department and "
             "its sub-departments. Chosen departments: also those of the "
             "departments listed. Everyone always sees their own tickets.",
             groups="base.group_user")
    cc_ticket_department_ids = fields.Many2many(
        "crm.department", "res_users_crm_ticket_department_rel", "user_id",
        "department_id", string="Ticket Departments", groups="base.group_user")
    cc_ticket_visible_department_ids = fields.Many2many(
        "crm.department", compute="_compute_cc_ticket_visible_department_ids",
        groups="base.group_user")

    def _compute_cc_ticket_visible_department_ids(self):
        Department = self.env["crm.department"].sudo()
        for user in self:
            if user.cc_ticket_scope == "department" and user.crm_department_id:
                departments = Department.search(
                    [("id", "child_of", user.crm_department_id.id)])
            elif user.cc_ticket_scope == "departments":
                departments = user.cc_ticket_department_ids
            else:
                departments = Department.browse()
            user.cc_ticket_visible_department_ids = departments

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if {"cc_ticket_scope", "cc_ticket_department_ids",
                "crm_department_id"} & set(vals):
            # record rules are cached per user
            self.env["ir.rule"].clear_caches()
        return result
