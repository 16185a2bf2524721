"""The call center's clock: one definition of "now", "today", "this month"
and the hour of day, in the company's time zone (plain Python, no ORM).

Odoo stores datetimes as naive UTC; a call center counts its day from its own
midnight (00:00 in Beijing is 16:00 UTC the day before). Every "today",
period and hour bucket of the suite goes through these functions, and the
company's ``cc_tz`` (``res.company._cc_tz_name``) says which zone.
``utcnow`` is the one clock: tests pin it to run the same at any hour.

It lives in crm_flow, the lowest add-on that needs "today" (the flows'
conditions); crm_callcenter re-exports it (``odoo.addons.crm_callcenter.
localtime`` is this module) and owns the company's zone setting. The ORM side
is ``res.company._cc_today()`` and friends (crm_flow/models/res_company.py)."""
import datetime

import pytz

DEFAULT_TZ = "Asia/Shanghai"


def utcnow():
    """Now, as Odoo stores it (naive UTC)."""
    return datetime.datetime.utcnow()


def from_epoch(epoch):
    """POSIX seconds as Odoo stores a moment (naive UTC); None stays None."""
    if epoch is None:
        return None
    return datetime.datetime.utcfromtimestamp(epoch)


def zone(name):
    """The pytz zone called ``name``; UTC for an empty or unknown name."""
    try:
        return pytz.timezone(name or "UTC")
    except pytz.UnknownTimeZoneError:
        return pytz.utc


def to_local(tz_name, moment):
    """A naive UTC datetime as an aware local one."""
    return pytz.utc.localize(moment).astimezone(zone(tz_name))


def to_utc(tz_name, moment):
    """A naive local datetime (as people write it) as naive UTC; where a
    clock change makes it ambiguous or skipped, the standard-time reading."""
    tz = zone(tz_name)
    local = tz.normalize(tz.localize(moment, is_dst=False))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def local_midnight_utc(tz_name, day):
    """Naive UTC instant of the local midnight that starts ``day`` (a date).
    Where a clock change skips midnight, the first instant of the day."""
    return to_utc(tz_name, datetime.datetime.combine(day, datetime.time()))


def today(tz_name, now=None):
    """The local date of ``now`` (default: the clock)."""
    return to_local(tz_name, now or utcnow()).date()


def day_bounds(tz_name, day):
    """(start, end) in naive UTC of the local ``day``: start <= t < end."""
    return (local_midnight_utc(tz_name, day),
            local_midnight_utc(tz_name, day + datetime.timedelta(days=1)))


def today_bounds(tz_name, now=None):
    """(start, end) in naive UTC of the local day containing ``now``."""
    return day_bounds(tz_name, today(tz_name, now))


def month_bounds(tz_name, now=None):
    """(start, end) in naive UTC of the local month containing ``now``."""
    first = today(tz_name, now).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return local_midnight_utc(tz_name, first), local_midnight_utc(tz_name, following)


def local_hour(tz_name, moment):
    """Hour of day (0-23) of a naive UTC datetime, on the local clock."""
    return to_local(tz_name, moment).hour


def year_bounds(tz_name, now=None):
    """(start, end) in naive UTC of the local year containing ``now``."""
    year = today(tz_name, now).year
    return (local_midnight_utc(tz_name, datetime.date(year, 1, 1)),
            local_midnight_utc(tz_name, datetime.date(year + 1, 1, 1)))


def _month_start(day, months=0):
    """The first of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _today_dates(day):
    return day, day + datetime.timedelta(days=1)


def _week_dates(day):
    first = day - datetime.timedelta(days=day.weekday())  # Monday
    return first, first + datetime.timedelta(days=7)


def _month_dates(day):
    return _month_start(day), _month_start(day, 1)


def _quarter_dates(day):
    first = _month_start(day, -((day.month - 1) % 3))
    return first, _month_start(first, 3)


def _year_dates(day):
    return datetime.date(day.year, 1, 1), datetime.date(day.year + 1, 1, 1)


def _last_month_dates(day):
    return _month_start(day, -1), _month_start(day)


def _last_12_months_dates(day):
    return _month_start(day, -11), _month_start(day, 1)


#: the named periods of the search filters: local day -> (first day, day after
#: the last), in the order the mixin's selection lists them
PERIODS = {
    "today": _today_dates,
    "this_week": _week_dates,
    "this_month": _month_dates,
    "this_quarter": _quarter_dates,
    "this_year": _year_dates,
    "last_month": _last_month_dates,
    "last_12_months": _last_12_months_dates,
}


def period_dates(tz_name, period, now=None):
    """(first, end) local dates of the named ``period`` (a key of
    ``PERIODS``) containing ``now`` on the local clock: first <= d < end.
    What a Date field (a local day) is compared with."""
    return PERIODS[period](today(tz_name, now))


def period_bounds(tz_name, period, now=None):
    """(start, end) in naive UTC of the named ``period`` (a key of
    ``PERIODS``) containing ``now`` on the local clock: the local midnights
    that start its first day and the day after its last. What a Datetime
    field (naive UTC) is compared with."""
    first, end = period_dates(tz_name, period, now)
    return local_midnight_utc(tz_name, first), local_midnight_utc(tz_name, end)
