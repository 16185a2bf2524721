"""Office hours and holidays for the PBX (CC-13): the phone system's working
calendar (resource.calendar attendances) and its global leaves (holidays),
readable by the dialplan over HTTP so it can choose after-hours prompts."""
import datetime
import hmac
import uuid

import pytz

from odoo import api, fields, models


class CrmPbx(models.Model):
    _inherit = "crm.pbx"

    calendar_id = fields.Many2one(
        "resource.calendar", "Office Hours",
        default=lambda self: self.env.user.company_id.resource_calendar_id,
        help="Working days and hours of the call center; its global leaves are "
             "the holidays. Empty: always open.")
    tz = fields.Selection(
        "_tz_list", "Time Zone", default="Asia/Shanghai", required=True,
        help="Time zone of the office hours.")
    hours_token = fields.Char(
        "Office-Hours Token", compute="_compute_cc_secret", inverse="_inverse_cc_secret",
        groups="crm_callcenter.group_admin",
        default=lambda self: uuid.uuid4().hex,
        help="Secret the dialplan sends to read the office hours (docs/PBX.md).")
    hours_url = fields.Char("Office-Hours URL", compute="_compute_hours_url",
                            groups="crm_callcenter.group_admin")

    @api.model
    def _tz_list(self):
        return [(name, name) for name in pytz.common_timezones]

    def _compute_hours_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for pbx in self:
            pbx.hours_url = "%s/crm_callcenter/office_hours/%s?db=%s&token=%s" % (
                base, pbx.id or 0, self.env.cr.dbname,
                isinstance(pbx.id, int) and pbx._cc_secret("hours_token") or "")

    def _cc_check_hours_token(self, token):
        """Constant-time check of the dialplan's token; any text (non-ASCII
        too) is compared as UTF-8 bytes, so a strange token is a plain no."""
        self.ensure_one()
        expected = self._cc_secret("hours_token") or ""
        if not expected or not isinstance(token, str):
            return False
        return hmac.compare_digest(expected.encode("utf-8"),
                                   token.encode("utf-8", "surrogatepass"))

    def _cc_office_state(self, when=None):
        """("open" | "closed" | "holiday", holiday name) at ``when`` (naive
        UTC datetime, now by default)."""
        self.ensure_one()
        pbx = self.sudo()
        when = when or datetime.datetime.utcnow()
        calendar = pbx.calendar_id
        if not calendar:
            return "open", ""
        text = fields.Datetime.to_string(when)
        leave = self.env["resource.calendar.leaves"].sudo().search([
            ("calendar_id", "=", calendar.id), ("resource_id", "=", False),
            ("date_from", "<=", text), ("date_to", ">", text)], limit=1)
        if leave:
            return "holiday", leave.name or ""
        local = pytz.utc.localize(when).astimezone(pytz.timezone(pbx.tz or "UTC"))
        hour = local.hour + local.minute / 60.0
        for attendance in calendar.attendance_ids:
            if int(attendance.dayofweek) != local.weekday():
                continue
            if attendance.date_from and fields.Date.from_string(
                    attendance.date_from) > local.date():
                continue
            if attendance.date_to and fields.Date.from_string(attendance.date_to) < local.date():
                continue
            if attendance.hour_from <= hour < attendance.hour_to:
                return "open", ""
        return "closed", ""
