"""The dates an evaluation and a return start with are the company's day
(the suite's clock), whatever the user's time zone."""
import datetime
from unittest import mock

from odoo.tests.common import SavepointCase

from odoo.addons.crm_callcenter import localtime


class TestCompanyToday(SavepointCase):

    def default_at(self, model, field, moment):
        with mock.patch.object(localtime, "utcnow", return_value=moment):
            return self.env[model].default_get([field])[field]

    def test_defaults_turn_at_company_midnight(self):
        self.env.user.tz = "America/New_York"
        tz = self.env.user.company_id._cc_tz_name()
        midnight = localtime.local_midnight_utc(tz, datetime.date(2026, 7, 1))
        minute = datetime.timedelta(minutes=1)
        for model in ("crm.supplier.evaluation", "crm.supplier.return"):
            self.assertEqual(self.default_at(model, "date", midnight - minute), "2026-06-30",
                             "%s: before the company's midnight" % model)
            self.assertEqual(self.default_at(model, "date", midnight + minute), "2026-07-01",
                             "%s: after the company's midnight" % model)
