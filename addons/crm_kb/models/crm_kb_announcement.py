from odoo import _, api, fields, models


class CrmKbAnnouncement(models.Model):
    """A notice shown to the agents of some departments between a start and
    an end time; who read it is kept for the Supervisors."""

    _name = "crm.kb.announcement"
    _description = "Announcement"
    _order = "date_start desc, id desc"

    name = fields.Char("Title", required=True)
    body = fields.Html()
    department_ids = fields.Many2many(
        "crm.department", "crm_kb_announcement_department_rel", "announcement_id",
        "department_id", string="Departments",
        help="Empty: everybody. Otherwise the members of these departments and of their "
             "sub-departments.")
    date_start = fields.Datetime("Start", required=True, default=fields.Datetime.now)
    date_end = fields.Datetime("End", required=True)
    article_id = fields.Many2one("crm.kb.article", ondelete="set null")
    read_ids = fields.One2many("crm.kb.announcement.read", "announcement_id",
                               string="Read Receipts", readonly=True)
    read_count = fields.Integer(compute="_compute_read")
    is_read = fields.Boolean("Read by Me", compute="_compute_read")
    is_current = fields.Boolean(compute="_compute_is_current", search="_search_is_current")

    _sql_constraints = [
        ("dates_check", "CHECK (date_end > date_start)", "An announcement must end after it "
                                                         "starts."),
    ]

    def _compute_read(self):
        receipts = self.env["crm.kb.announcement.read"].sudo().search(
            [("announcement_id", "in", self.ids)])
        for announcement in self:
            mine = receipts.filtered(lambda r: r.announcement_id == announcement)
            announcement.read_count = len(mine)
            announcement.is_read = self.env.user in mine.mapped("user_id")

    def _compute_is_current(self):
        now = fields.Datetime.now()
        for announcement in self:
            announcement.is_current = announcement.date_start <= now < announcement.date_end

    def _search_is_current(self, operator, value):
        now = fields.Datetime.now()
        current = ["&", ("date_start", "<=", now), ("date_end", ">", now)]
        if (operator == "=") == bool(value):
            return current
        return ["!"] + current

    @api.multi
    def action_mark_read(self):
        self.check_access_rights("read")
        self.check_access_rule("read")
        Read = self.env["crm.kb.announcement.read"].sudo()
        self.invalidate_cache(["is_read", "read_count"], self.ids)
        for announcement in self:
            if not announcement.is_read:
                Read.create({"announcement_id": announcement.id, "user_id": self.env.uid})
        self.invalidate_cache(["is_read", "read_count"], self.ids)
        return True

    @api.model
    def _kb_my_announcements(self):
        """[{id, name, body, date_end, is_read}] in window and in my scope."""
        return [{"id": a.id, "name": a.name, "body": a.body, "date_end": a.date_end,
                 "is_read": a.is_read}
                for a in self.search([("is_current", "=", True)])]

    @api.multi
    def action_open_article(self):
        self.ensure_one()
        if not self.article_id:
            return False
        return {"type": "ir.actions.act_window", "res_model": "crm.kb.article",
                "res_id": self.article_id.id, "view_mode": "form", "name": _("Article")}
