"""The review to-do of an article is due on the company's day (the suite's
clock), whatever the user's time zone."""
import datetime
from unittest import mock

from odoo.addons.crm_callcenter import localtime

from .common import KbCase


class TestCompanyToday(KbCase):

    users = ()

    def test_review_todo_due_on_company_day(self):
        article = self.new_article(publish=False)
        self.env.user.tz = "America/New_York"
        tz = self.env.user.company_id._cc_tz_name()
        midnight = localtime.local_midnight_utc(tz, datetime.date(2026, 7, 1))
        todo = self.env.ref("mail.mail_activity_data_todo")
        deadlines = []
        for moment in (midnight - datetime.timedelta(minutes=1),
                       midnight + datetime.timedelta(minutes=1)):
            with mock.patch.object(localtime, "utcnow", return_value=moment):
                activity = article._activity_schedule_kb(self.reviewer, todo, "review")
            deadlines.append(activity.date_deadline)
        self.assertEqual(deadlines, ["2026-06-30", "2026-07-01"],
                         "the to-do's day should turn at the company's midnight")
