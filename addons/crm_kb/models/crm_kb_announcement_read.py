from odoo import fields, models


class CrmKbAnnouncementRead(models.Model):
    _name = "crm.kb.announcement.read"
    _description = "Announcement Read Receipt"
    _order = "date desc"

    announcement_id = fields.Many2one("crm.kb.announcement", required=True,
                                      ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", required=True, index=True)
    department_id = fields.Many2one(related="user_id.crm_department_id", readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    _sql_constraints = [
        ("read_uniq", "unique (announcement_id, user_id)", "Read once per user."),
    ]
