from odoo import _, fields, models


class CrmDepartment(models.Model):
    """A call-center department (呼入组, 售后服务部, ...). Record rules of the
    suite use it to keep departments apart."""

    _name = "crm.department"
    _description = "Call Center Department"
    _inherit = ["crm.tree.mixin"]

    code = fields.Char()
    parent_id = fields.Many2one(
        "crm.department", string="Parent Department", index=True,
        ondelete="restrict")
    child_ids = fields.One2many("crm.department", "parent_id",
                                string="Sub-departments")
    phone = fields.Char()
    manager_id = fields.Many2one("res.users", string="Manager")
    company_id = fields.Many2one(
        "res.company", required=True,
        default=lambda self: self.env.user.company_id)
    member_ids = fields.One2many("res.users", "crm_department_id",
                                 string="Members")
    member_count = fields.Integer(compute="_compute_member_count")
    note = fields.Text()
    cc_queues = fields.Char(
        "Phone Queues",
        help="Queues of the phone system (comma-separated names, e.g. support, "
             "sales) this department's agents may log in to from the phone bar, "
             "besides the phone system's default queue.")

    _sql_constraints = [
        ("code_company_uniq", "unique (code, company_id)",
         "Department codes must be unique per company."),
    ]

    def _cc_queue_names(self):
        self.ensure_one()
        return {name.strip() for name in (self.cc_queues or "").split(",") if name.strip()}

    def _compute_member_count(self):
        groups = self.env["res.users"].read_group(
            [("crm_department_id", "in", self.ids)],
            ["crm_department_id"], ["crm_department_id"])
        counts = {g["crm_department_id"][0]: g["crm_department_id_count"]
                  for g in groups}
        for department in self:
            department.member_count = counts.get(department.id, 0)

    def _tree_cycle_message(self):
        return _("A department cannot be its own parent or ancestor.")
