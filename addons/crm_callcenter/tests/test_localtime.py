"""The call center's clock (``localtime``): local days, months and hours
around midnight, at any hour the test runs (times are given, not read)."""
import datetime
import unittest

from .. import localtime

SHANGHAI = "Asia/Shanghai"


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
