from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    kb_department_path_ids = fields.Many2many(
        "crm.department", compute="_compute_kb_department_path_ids",
        string="Department and its Parents",
        help="Used by the knowledge-base record rules: an article restricted to a department "
             "is visible to the members of that department and of its sub-departments.")

    @api.depends("crm_department_id")
    def _compute_kb_department_path_ids(self):
        for user in self:
            department = user.sudo().crm_department_id
            path = self.env["crm.department"]
            while department:
                path |= department
                department = department.parent_id
            user.kb_department_path_ids = path
