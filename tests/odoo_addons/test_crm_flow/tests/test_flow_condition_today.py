"""A flow condition's ``today`` is the company's day (crm_flow's clock),
whatever the user's time zone: it turns at the company's midnight."""
import datetime
from unittest import mock

from odoo.addons.crm_flow import localtime

from .common import FlowCase


class TestFlowConditionToday(FlowCase):

    def today_at(self, moment):
        with mock.patch.object(localtime, "utcnow", return_value=moment):
            return self.flow._get_condition_domain()

    def test_today_turns_at_company_midnight(self):
        self.flow.condition_domain = "[('name', '=', today)]"
        self.env.user.tz = "America/New_York"  # 12 or 13 h behind Beijing
        tz = self.env.user.company_id._cc_tz_name()
        midnight = localtime.local_midnight_utc(tz, datetime.date(2026, 7, 1))
        minute = datetime.timedelta(minutes=1)
        self.assertEqual(self.today_at(midnight - minute), [("name", "=", "2026-06-30")],
                         "one minute before the company's midnight is still June 30")
        self.assertEqual(self.today_at(midnight + minute), [("name", "=", "2026-07-01")],
                         "one minute after the company's midnight is July 1, "
                         "whatever the user's zone")
