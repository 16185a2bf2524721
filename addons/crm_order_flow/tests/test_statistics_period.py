"""The period filters of the sales statistics and the stock and money
detail are the company's local periods (``cc_period``, resolved in the
server), not the browser's date: the clock is pinned a few minutes before
and after the local midnight that starts a month and a quarter. The
statistics' ``date`` is a Date (the local day), so it is bounded by local
days; the stock detail's is a Datetime, bounded by the local midnights."""
import datetime
from unittest import mock

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_security.models.owned_fields import FLOW

from .common import OrderCase

MONTH = datetime.date(2031, 4, 1)  # a Tuesday; Q2 starts
EVE = MONTH - datetime.timedelta(days=1)


class TestStatisticsPeriod(OrderCase):

    roles = ("agent", "manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tz = cls.env.user.company_id._cc_tz_name()
        cls.orders = {}
        for name, moment in (("before", cls.local(EVE, 23, 50)),
                             ("after", cls.local(MONTH, 0, 10))):
            order = cls.env["sale.order"].sudo(cls.users["agent"]).create({
                "partner_id": cls.customer.id,
                "order_line": [(0, 0, {"product_id": cls.product.id,
                                       "product_uom_qty": 1 if name == "before" else 2,
                                       "price_unit": 100.0, "tax_id": [(5, 0, 0)]})]})
            cls.act(order, "manager")
            FLOW.run(order).write({"date_order": str(moment)})
            cls.orders[name] = order

    @classmethod
    def local(cls, day, hour, minute):
        """Naive UTC of a wall-clock time on the company's clock."""
        return localtime.to_utc(cls.tz, datetime.datetime.combine(day, datetime.time(hour, minute)))

    def found(self, model, period, now):
        """Which orders' sales the period finds (by quantity: 1 before, 2 after)."""
        with mock.patch.object(localtime, "utcnow", return_value=now):
            rows = self.env[model].sudo(self.users["manager"]).search(
                [("cc_period", "=", period), ("product_id", "=", self.product.id)])
        names = {1.0: "before", 2.0: "after"}
        return sorted(names[row.quantity] for row in rows)

    def test_daily_statistics_turn_at_the_company_midnight(self):
        self.assertEqual(
            sorted(self.env["crm.order.statistics"].search(
                [("product_id", "=", self.product.id)]).mapped("date")),
            [str(EVE), str(MONTH)], "each sale on its local day")
        before, after = self.local(EVE, 23, 55), self.local(MONTH, 0, 5)
        for period in ("today", "this_month", "this_quarter"):
            self.assertEqual(self.found("crm.order.statistics", period, before), ["before"], period)
            self.assertEqual(self.found("crm.order.statistics", period, after), ["after"], period)
        self.assertEqual(self.found("crm.order.statistics", "last_month", after), ["before"])
        self.assertEqual(self.found("crm.order.statistics", "this_week", after),
                         ["after", "before"], "Monday and Tuesday")
        self.assertEqual(self.found("crm.order.statistics", "this_year", after),
                         ["after", "before"])

    def test_monthly_statistics_turn_at_the_company_midnight(self):
        after = self.local(MONTH, 0, 5)
        Monthly = "crm.order.statistics.monthly"
        self.assertEqual(self.found(Monthly, "this_month", self.local(EVE, 23, 55)), ["before"])
        self.assertEqual(self.found(Monthly, "this_month", after), ["after"])
        self.assertEqual(self.found(Monthly, "this_quarter", after), ["after"])
        self.assertEqual(self.found(Monthly, "last_month", after), ["before"])
        self.assertEqual(self.found(Monthly, "last_12_months", after), ["after", "before"])

    def test_detail_reports_bound_their_own_kind_of_date(self):
        after = self.local(MONTH, 0, 5)
        with mock.patch.object(localtime, "utcnow", return_value=after):
            money = self.env["crm.money.detail"]._search_cc_period("=", "today")
            stock = self.env["crm.stock.detail"]._search_cc_period("=", "today")
            funnel = self.env["crm.lead.funnel"]._search_cc_period("=", "last_month")
        # a Date: the local days
        self.assertEqual(money, ["&", ("date", ">=", "2031-04-01"), ("date", "<", "2031-04-02")])
        # a Datetime: the local midnights, in UTC as stored
        start, end = str(self.local(MONTH, 0, 0)), str(self.local(datetime.date(2031, 4, 2), 0, 0))
        self.assertEqual(stock, ["&", ("date", ">=", start), ("date", "<", end)])
        march = str(self.local(datetime.date(2031, 3, 1), 0, 0))
        self.assertEqual(funnel, ["&", ("create_date", ">=", march), ("create_date", "<", start)])
