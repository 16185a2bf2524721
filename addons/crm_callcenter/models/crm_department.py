from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmDepartment(models.Model):
    """A call-center department (呼入组, 售后服务部, ...). Record rules of the
    suite use it to keep departments apart."""

    _name = "crm.department"
    _description = "Call Center Department"
    _parent_store = True
    _parent_order = "sequence, name"
    _order = "parent_left"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, index=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one(
        "crm.department", string="Parent Department", index=True,
        ondelete="restrict")
    child_ids = fields.One2many("crm.department", "parent_id",
                                string="Sub-departments")
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
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

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for department in self:
            if department.parent_id:
                department.complete_name = "%s / %s" % (
                    department.parent_id.complete_name, department.name)
            else:
                department.complete_name = department.name

    def _compute_member_count(self):
        groups = self.env["res.users"].read_group(
            [("crm_department_id", "in", self.ids)],
            ["crm_department_id"], ["crm_department_id"])
        counts = {g["crm_department_id"][0]: g["crm_department_id_count"]
                  for g in groups}
        for department in self:
            department.member_count = counts.get(department.id, 0)

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(
                _("A department cannot be its own parent or ancestor."))
