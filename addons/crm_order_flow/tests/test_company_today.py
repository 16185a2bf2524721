"""A sales task starts on the company's day (the suite's clock), whatever
the user's time zone."""
import datetime
from unittest import mock

from odoo.tests.common import SavepointCase

from odoo.addons.crm_callcenter import localtime


class TestCompanyToday(SavepointCase):

    def start_at(self, moment):
        with mock.patch.object(localtime, "utcnow", return_value=moment):
            return self.env["crm.sales.task"].default_get(["date_start"])["date_start"]

    def test_task_start_turns_at_company_midnight(self):
        self.env.user.tz = "America/New_York"
        tz = self.env.user.company_id._cc_tz_name()
        midnight = localtime.local_midnight_utc(tz, datetime.date(2026, 7, 1))
        minute = datetime.timedelta(minutes=1)
        self.assertEqual(self.start_at(midnight - minute), "2026-06-30")
        self.assertEqual(self.start_at(midnight + minute), "2026-07-01",
                         "after the company's midnight the task starts on July 1")
