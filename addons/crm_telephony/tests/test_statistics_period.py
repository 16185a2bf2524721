"""The "Today" / "This Month" / "This Year" filters of the call list and
the statistics are the company's local periods, resolved in the server
(``cc_period``), whatever the hour: the clock is pinned just before and
just after a local midnight that starts a day, a month and a year."""
import datetime
from unittest import mock

from odoo.exceptions import UserError

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_callcenter.tests.common import CallCenterCase

TZ = "Asia/Shanghai"


def local(day, hour, minute):
    """Naive UTC of a wall-clock time in Beijing."""
    return localtime.to_utc(TZ, datetime.datetime.combine(day, datetime.time(hour, minute)))


class TestStatisticsPeriod(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.company_id.cc_tz = TZ
        cls.new_year = datetime.date(2032, 1, 1)
        eve = cls.new_year - datetime.timedelta(days=1)
        Call = cls.env["crm.call"]
        cls.calls = {}
        for name, moment in (("before", local(eve, 23, 10)),
                             ("after", local(cls.new_year, 0, 10))):
            cls.calls[name] = Call.create({
                "number": "+8613800138777", "state": "done", "direction": "inbound",
                "result": "answered", "user_id": cls.users["agent"].id,
                "date_start": str(moment), "date_answer": str(moment),
                "date_end": str(moment + datetime.timedelta(minutes=3)),
                "wait_seconds": 5, "talk_seconds": 180})

    def found(self, model, period, now):
        ids = [call.id for call in self.calls.values()]
        with mock.patch.object(localtime, "utcnow", return_value=now):
            records = self.env[model].sudo(self.users["manager"]).search(
                [("cc_period", "=", period), ("id", "in", ids)])
        names = {call.id: name for name, call in self.calls.items()}
        return sorted(names[record.id] for record in records)

    def test_periods_at_2330_and_0030_local(self):
        # "before" is 15:10 UTC on new year's eve, "after" 16:10 UTC the same
        # UTC day: a filter on the UTC (or browser) date cannot tell them apart
        self.assertEqual(self.calls["before"].date_start[:10],
                         self.calls["after"].date_start[:10])
        eve = self.new_year - datetime.timedelta(days=1)
        for now, expected in ((local(eve, 23, 30), ["before"]),
                              (local(self.new_year, 0, 30), ["after"])):
            for model in ("crm.call", "crm.call.statistics"):
                for period in ("today", "this_month", "this_year"):
                    self.assertEqual(self.found(model, period, now), expected,
                                     "%s %s at %s UTC" % (model, period, now))

    def test_agent_statistics_period_is_the_local_day(self):
        now = local(self.new_year, 0, 30)
        Time = self.env["crm.agent.statistics"].sudo(self.users["manager"])
        with mock.patch.object(localtime, "utcnow", return_value=now):
            domain = Time._search_cc_period("=", "today")
        self.assertEqual(domain, ["&", ("date_start", ">=", str(local(self.new_year, 0, 0))),
                                  ("date_start", "<", "2032-01-01 16:00:00")])

    def test_unknown_period_is_refused(self):
        with self.assertRaises(UserError):
            self.env["crm.call"].search([("cc_period", "=", "yesterday")])
