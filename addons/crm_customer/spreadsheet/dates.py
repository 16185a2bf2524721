"""Read a date (and time) from a spreadsheet cell, as Chinese call centers
write them.

A cell reaches us as text (spreadsheet/reader.py turns every cell into
text): a date cell of an .xlsx/.xls file as ``2026-03-05`` or
``2026-03-05 14:30:00``, a number cell as its digits (a date typed into a
cell without a date format is its serial number, ``46086``), a text cell as
typed: ``2026/3/5``, ``2026年3月5日``, ``2026.3.5``, ``20260305``, each
optionally followed by a time (``14:30``, ``14:30:05``, ``14时30分``).
Plain Python, no ORM."""
import datetime
import re
import unicodedata

# spreadsheets count days from 1899-12-30 (the 1900 date system, with its
# leap-year bug already folded in for every date after February 1900)
SERIAL_EPOCH = datetime.datetime(1899, 12, 30)
# serial numbers read as dates: 1982-10-14 .. 2173-10-14; smaller or larger
# numbers are more likely something else than a date
SERIAL_MIN, SERIAL_MAX = 30000, 100000

_DATE = (
    r"(?P<y>\d{4})\s*(?:"
    r"(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?"
    r"|(?P<m3>\d{2})(?P<d3>\d{2}))"
)
_TIME = (
    r"(?:(?:\s*T\s*|\s*(?P<half>上午|下午|晚上|中午)?\s*)"
    r"(?P<H>\d{1,2})\s*[:时點点]\s*(?P<M>\d{1,2})"
    r"(?:\s*[:分]\s*(?P<S>\d{1,2})(?:\.\d+)?\s*秒?|\s*分)?)?"
)
DATE_TIME = re.compile(r"^%s%s$" % (_DATE, _TIME))
SERIAL = re.compile(r"^\d+(?:\.\d+)?$")


def parse(text):
    """A ``datetime.date`` for a date, a ``datetime.datetime`` for a date
    with a time, None when ``text`` is not a date this module reads."""
    text = unicodedata.normalize("NFKC", str(text or "")).strip()
    if not text:
        return None
    if SERIAL.match(text) and len(text.split(".")[0]) != 8:
        return _from_serial(float(text))
    match = DATE_TIME.match(text)
    if not match:
        return None
    parts = match.groupdict()
    try:
        day = datetime.date(int(parts["y"]),
                            int(parts["m"] or parts["m2"] or parts["m3"]),
                            int(parts["d"] or parts["d2"] or parts["d3"]))
        if parts["H"] is None:
            return day
        hour = int(parts["H"])
        if parts["half"] in ("下午", "晚上") and hour < 12:
            hour += 12
        return datetime.datetime.combine(day, datetime.time(
            hour, int(parts["M"]), int(parts["S"] or 0)))
    except ValueError:  # 2026-02-30, 25:00
        return None


def _from_serial(number):
    if not SERIAL_MIN <= number < SERIAL_MAX:
        return None
    moment = SERIAL_EPOCH + datetime.timedelta(days=number)
    # whole seconds: serials carry binary fractions (0.604166... = 14:30)
    moment = (moment + datetime.timedelta(microseconds=500000)).replace(microsecond=0)
    if number.is_integer():
        return moment.date()
    return moment
