from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_customer.spreadsheet.reader import SheetError, read_table


class CrmSalesTask(models.Model):
    """A sales campaign: target customers shared among agents, one
    opportunity per customer for its agent."""

    _name = "crm.sales.task"
    _description = "Sales Task"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, track_visibility="onchange")
    date_start = fields.Date(
        "Start", required=True,
        default=lambda self: self.env.user.company_id._cc_today())
    date_end = fields.Date("End", required=True)
    goal = fields.Text()
    target_amount = fields.Float("Target Revenue")
    partner_ids = fields.Many2many(
        "res.partner", string="Target Customers",
        domain=[("cc_customer", "=", True)])
    user_ids = fields.Many2many(
        "res.users", "crm_sales_task_user_rel", "task_id", "user_id",
        string="Assigned Agents")
    lead_ids = fields.One2many("crm.lead", "cc_task_id",
                               string="Opportunities")
    lead_count = fields.Integer(compute="_compute_lead_count")
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Closed")],
        default="draft", required=True, track_visibility="onchange")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)

    @api.depends("lead_ids")
    def _compute_lead_count(self):
        for task in self:
            task.lead_count = len(task.lead_ids)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for task in self:
            if task.date_end < task.date_start:
                raise UserError(_("The task %s ends before it starts.")
                                % task.name)

    @api.multi
    def action_start(self):
        """Create the missing opportunities, customers shared among the
        agents in turn."""
        if not self.env.user.has_group("crm_callcenter.group_supervisor"):
            raise AccessError(
                _("Only supervisors distribute a sales task's customers."))
        Lead = self.env["crm.lead"]
        source = self.env.ref("crm_order_flow.utm_source_sales_task")
        for task in self:
            if not task.user_ids:
                raise UserError(_("Assign agents to %s first.") % task.name)
            covered = set(task.with_context(active_test=False).lead_ids.mapped(
                "partner_id").ids)
            agents = task.user_ids.sorted("id")
            vals_list = []
            for index, partner in enumerate(
                    task.partner_ids.filtered(lambda p: p.id not in covered)):
                agent = agents[index % len(agents)]
                vals_list.append({
                    "name": "%s - %s" % (task.name, partner.name),
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "source_id": source.id,
                    "user_id": agent.id,
                    "cc_task_id": task.id,
                    "date_deadline": task.date_end,
                    "description": task.goal,
                })
            for vals in vals_list:
                Lead.create(vals)
            task.state = "running"
        return True

    @api.multi
    def action_reassign(self, from_user, to_user):
        """Move the open opportunities of one agent to another."""
        if not self.env.user.has_group("crm_callcenter.group_supervisor"):
            raise AccessError(_("Only supervisors reassign a sales task."))
        for task in self:
            leads = task.lead_ids.filtered(
                lambda l: l.user_id == from_user and l.active
                and l.probability < 100)
            leads.write({"user_id": to_user.id})
            if to_user not in task.user_ids:
                task.user_ids = [(4, to_user.id)]
            task.message_post(
                body=_("%d open opportunities moved from %s to %s.")
                % (len(leads), from_user.name, to_user.name))
        return True

    @api.multi
    def action_close(self):
        self.write({"state": "done"})
        return True

    @api.multi
    def action_view_leads(self):
        self.ensure_one()
        action = self.env.ref("crm.crm_lead_opportunities_tree_view").read()[0]
        action["domain"] = [("cc_task_id", "=", self.id)]
        action["context"] = {"default_cc_task_id": self.id}
        return action

    @api.multi
    def _cc_import_customers(self, filename, data):
        """Add target customers from a .xls/.xlsx/.txt file whose first
        column holds phone numbers or customer names; return the rows not
        found."""
        self.ensure_one()
        try:
            _headers, rows = read_table(filename, data)
        except SheetError as exc:
            raise UserError(_(exc.template) % exc.params)
        Partner = self.env["res.partner"]
        found = Partner
        missing = []
        for row_number, values in rows:
            key = (values[0] if values else "").strip()
            if not key:
                continue
            partner = Partner._cc_find_by_number(key) if any(
                c.isdigit() for c in key) else Partner
            if not partner:
                partner = Partner.search(
                    [("name", "=", key), ("cc_customer", "=", True)], limit=1)
            if partner:
                found |= partner[:1]
            else:
                missing.append(row_number)
        self.partner_ids = [(4, pid) for pid in found.ids]
        return missing
