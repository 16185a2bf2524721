"""Dates as spreadsheets hold them (spreadsheet/dates.py). Plain unittest."""
import datetime
import unittest

from ..spreadsheet import dates, reader

DAY = datetime.date(2026, 3, 5)
MOMENT = datetime.datetime(2026, 3, 5, 14, 30)


class TestParseDates(unittest.TestCase):

    def test_common_chinese_date_formats(self):
        for text in ("2026-03-05", "2026-3-5", "2026/3/5", "2026/03/05", "2026年3月5日",
                     "2026年03月05日", "2026年3月5号", "2026.3.5", "20260305",
                     "２０２６年３月５日", " 2026-03-05 "):
            self.assertEqual(dates.parse(text), DAY, text)

    def test_dates_with_times(self):
        for text in ("2026-03-05 14:30", "2026-03-05 14:30:00", "2026-03-05T14:30:00",
                     "2026/3/5 14:30", "2026年3月5日 14:30", "2026年3月5日14时30分",
                     "2026.3.5 14:30:00", "2026年3月5日 下午2:30", "2026-03-05 14:30:00.000"):
            self.assertEqual(dates.parse(text), MOMENT, text)

    def test_serial_numbers(self):
        self.assertEqual(dates.parse("46086"), DAY, "a serial day number")
        self.assertEqual(dates.parse("46086.604166666664"), MOMENT, "a serial with a time")

    def test_not_dates(self):
        for text in ("", "明天", "2026-02-30", "2026-03-05 25:00", "12345", "13800138000",
                     "3/5/2026", "2026-03"):
            self.assertIsNone(dates.parse(text), text)

    def test_reader_gives_date_cells_as_iso_text(self):
        self.assertEqual(reader._text(datetime.datetime(2026, 3, 5)), "2026-03-05")
        self.assertEqual(reader._text(datetime.datetime(2026, 3, 5, 14, 29, 59, 999600)),
                         "2026-03-05 14:30:00", "rounded to the second")
        self.assertEqual(reader._text("a\x00b"), "a b")


class TestRowCap(unittest.TestCase):

    def test_cap_counts_data_rows_not_the_header(self):
        saved = reader.MAX_ROWS
        reader.MAX_ROWS = 3
        try:
            lines = ["name,mobile"] + ["n%d,1390000000%d" % (i, i) for i in range(3)]
            _headers, rows = reader.read_table("rows.csv", "\n".join(lines).encode())
            self.assertEqual(len(rows), 3, "MAX_ROWS data rows and a header are allowed")
            lines.append("n3,13900000003")
            with self.assertRaises(reader.SheetError):
                reader.read_table("rows.csv", "\n".join(lines).encode())
        finally:
            reader.MAX_ROWS = saved
