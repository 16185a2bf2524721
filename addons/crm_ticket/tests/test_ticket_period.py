"""The "Today" / "This Month" / "This Year" filters of the tickets and their
reports are the company's local periods (``cc_period``, resolved in the
server), not the browser's date: the clock is pinned a few minutes before
and after the local midnight that starts a year."""
import datetime
from unittest import mock

from odoo.addons.crm_callcenter import localtime

from .common import TicketCase

TZ = "Asia/Shanghai"
NEW_YEAR = datetime.date(2032, 1, 1)
EVE = NEW_YEAR - datetime.timedelta(days=1)


def local(day, hour, minute):
    """Naive UTC of a wall-clock time in Beijing."""
    return localtime.to_utc(TZ, datetime.datetime.combine(day, datetime.time(hour, minute)))


class TestTicketPeriod(TicketCase):

    ticket_users = ("agent", "manager")

    def setUp(self):
        super().setUp()
        self.env.user.company_id.cc_tz = TZ
        self.tickets = {}
        for name, moment in (("before", local(EVE, 23, 50)), ("after", local(NEW_YEAR, 0, 10))):
            ticket = self.new_ticket()
            # create_date is the ORM's own column: dated here as if created then
            self.env.cr.execute("UPDATE crm_ticket SET create_date = %s WHERE id = %s",
                                (moment, ticket.id))
            self.tickets[name] = ticket
        self.env["crm.ticket"].invalidate_cache()

    def found(self, model, period, now, field="id"):
        ids = [ticket.id for ticket in self.tickets.values()]
        with mock.patch.object(localtime, "utcnow", return_value=now):
            records = self.env[model].sudo(self.manager).search(
                [("cc_period", "=", period), (field, "in", ids)])
        names = {ticket.id: name for name, ticket in self.tickets.items()}
        return sorted(names[record[field].id if field != "id" else record.id]
                      for record in records)

    def test_periods_turn_at_the_company_midnight(self):
        # 23:50 and 00:10 in Beijing are both 31 December in UTC (and in a
        # browser west of Beijing): only the company's clock tells them apart
        for now, expected in ((local(EVE, 23, 55), ["before"]),
                              (local(NEW_YEAR, 0, 5), ["after"])):
            for period in ("today", "this_month", "this_year"):
                self.assertEqual(self.found("crm.ticket", period, now), expected,
                                 "crm.ticket %s at %s UTC" % (period, now))
            for period in ("this_month", "this_year"):
                self.assertEqual(self.found("crm.ticket.report", period, now, "ticket_id"),
                                 expected, "crm.ticket.report %s at %s UTC" % (period, now))

    def test_step_times_year_is_the_local_year(self):
        Steps = self.env["crm.ticket.step.report"].sudo(self.manager)
        with mock.patch.object(localtime, "utcnow", return_value=local(NEW_YEAR, 0, 5)):
            domain = Steps._search_cc_period("=", "this_year")
        self.assertEqual(domain, ["&", ("date", ">=", "2031-12-31 16:00:00"),
                                  ("date", "<", "2032-12-31 16:00:00")])
