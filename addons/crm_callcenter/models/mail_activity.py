from odoo import api, models


class MailActivity(models.Model):
    """Activities assigned, moved or done refresh the dashboards of the
    users concerned (CC-32); Odoo itself only tells about due ones."""

    _inherit = "mail.activity"

    @api.model
    def create(self, values):
        activity = super().create(values)
        self.env["crm.dashboard"]._cc_dashboard_notify(activity.sudo().user_id)
        return activity

    @api.multi
    def write(self, values):
        watched = {"user_id", "date_deadline", "summary", "activity_type_id"}
        users = self.sudo().mapped("user_id") if watched & set(values) else None
        result = super().write(values)
        if users is not None:
            self.env["crm.dashboard"]._cc_dashboard_notify(users | self.sudo().mapped("user_id"))
        return result

    @api.multi
    def unlink(self):
        users = self.sudo().mapped("user_id")
        result = super().unlink()
        self.env["crm.dashboard"]._cc_dashboard_notify(users)
        return result
