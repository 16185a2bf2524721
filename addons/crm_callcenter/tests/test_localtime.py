"""The call center's clock (``localtime``): local days, months and hours
around midnight, at any hour the test runs (times are given, not read)."""
import datetime
import unittest

from .. import localtime

SHANGHAI = "Asia/Shanghai"
EIGHT_HOURS = datetime.timedelta(hours=8)


def utc(*args):
    return datetime.datetime(*args)


class TestLocaltime(unittest.TestCase):

    def test_day_starts_at_local_midnight(self):
        # 00:30 in Beijing is 16:30 UTC the day before
        start, end = localtime.today_bounds(SHANGHAI, utc(2026, 3, 9, 16, 30))
        self.assertEqual((start, end), (utc(2026, 3, 9, 16, 0), utc(2026, 3, 10, 16, 0)))
        self.assertEqual(localtime.today(SHANGHAI, utc(2026, 3, 9, 16, 30)),
                         datetime.date(2026, 3, 10))

    def test_late_evening_is_still_today(self):
        # 23:30 in Beijing is 15:30 UTC the same day
        start, end = localtime.today_bounds(SHANGHAI, utc(2026, 3, 10, 15, 30))
        self.assertEqual((start, end), (utc(2026, 3, 9, 16, 0), utc(2026, 3, 10, 16, 0)))

    def test_month_bounds_cross_utc_month(self):
        # 00:30 on 1 April in Beijing is still March in UTC
        start, end = localtime.month_bounds(SHANGHAI, utc(2026, 3, 31, 16, 30))
        self.assertEqual((start, end), (utc(2026, 3, 31, 16, 0), utc(2026, 4, 30, 16, 0)))

    def test_periods_at_local_midnight_of_a_quarter(self):
        # 00:30 on Wednesday 1 April 2026 in Beijing is 16:30 UTC on 31 March:
        # every period is already the local one (April, Q2), not the UTC one
        now = utc(2026, 3, 31, 16, 30)
        day = datetime.date
        expected = {
            "today": (day(2026, 4, 1), day(2026, 4, 2)),
            "this_week": (day(2026, 3, 30), day(2026, 4, 6)),
            "this_month": (day(2026, 4, 1), day(2026, 5, 1)),
            "this_quarter": (day(2026, 4, 1), day(2026, 7, 1)),
            "this_year": (day(2026, 1, 1), day(2027, 1, 1)),
            "last_month": (day(2026, 3, 1), day(2026, 4, 1)),
            "last_12_months": (day(2025, 5, 1), day(2026, 5, 1)),
        }
        self.assertEqual(set(expected), set(localtime.PERIODS))
        for period, (first, end) in expected.items():
            self.assertEqual(localtime.period_dates(SHANGHAI, period, now), (first, end), period)
            # a Datetime field is bounded by the same days' local midnights
            self.assertEqual(localtime.period_bounds(SHANGHAI, period, now),
                             (utc(first.year, first.month, first.day) - EIGHT_HOURS,
                              utc(end.year, end.month, end.day) - EIGHT_HOURS), period)
        # a minute before local midnight (15:59 UTC) it is still March, Q1
        before = utc(2026, 3, 31, 15, 59)
        self.assertEqual(localtime.period_dates(SHANGHAI, "this_quarter", before),
                         (day(2026, 1, 1), day(2026, 4, 1)))
        self.assertEqual(localtime.period_dates(SHANGHAI, "last_month", before),
                         (day(2026, 2, 1), day(2026, 3, 1)))
        self.assertEqual(localtime.period_dates(SHANGHAI, "today", before),
                         (day(2026, 3, 31), day(2026, 4, 1)))

    def test_last_month_and_week_across_the_year(self):
        # 00:30 on Friday 1 January 2027 in Beijing (16:30 UTC on 31 December)
        now = utc(2026, 12, 31, 16, 30)
        day = datetime.date
        self.assertEqual(localtime.period_dates(SHANGHAI, "last_month", now),
                         (day(2026, 12, 1), day(2027, 1, 1)))
        self.assertEqual(localtime.period_dates(SHANGHAI, "this_week", now),
                         (day(2026, 12, 28), day(2027, 1, 4)))
        self.assertEqual(localtime.period_dates(SHANGHAI, "last_12_months", now),
                         (day(2026, 2, 1), day(2027, 2, 1)))

    def test_local_hour(self):
        self.assertEqual(localtime.local_hour(SHANGHAI, utc(2026, 3, 9, 16, 30)), 0)
        self.assertEqual(localtime.local_hour(SHANGHAI, utc(2026, 3, 10, 15, 30)), 23)
        self.assertEqual(localtime.local_hour("UTC", utc(2026, 3, 10, 15, 30)), 15)

    def test_daylight_saving_day_is_23_hours(self):
        # Europe/Berlin springs forward on 29 March 2026
        start, end = localtime.day_bounds("Europe/Berlin", datetime.date(2026, 3, 29))
        self.assertEqual(end - start, datetime.timedelta(hours=23))

    def test_unknown_zone_is_utc(self):
        self.assertEqual(localtime.today_bounds("Mars/Olympus", utc(2026, 3, 9, 16, 30))[0],
                         utc(2026, 3, 9, 0, 0))

    def test_clock_is_now(self):
        before = datetime.datetime.utcnow()
        now = localtime.utcnow()
        self.assertLessEqual(before, now)
        self.assertLessEqual(now, datetime.datetime.utcnow())
