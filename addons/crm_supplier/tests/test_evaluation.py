import datetime
from unittest import mock

from odoo.addons.crm_callcenter import localtime

from .common import SupplierCase


class TestEvaluation(SupplierCase):
    """Evaluation figures on a constructed January 2026:

    supplier 甲  PO1 (01-10): 压缩机 10 @100 and 温控器 10 @50, promised
                 01-20, received 01-19 (on time); 4 压缩机 returned
                 PO2 (01-15): 压缩机 10 @110 promised 01-25, received
                 01-25 23:00 (same day: on time); 温控器 10 @50 promised
                 01-25, received 01-28 (late)
                 quality scores 80 and 90
        → on time 3/4 = 75 %, returns 4/40 = 10 %, quality 85,
          score 0.4×75 + 0.3×90 + 0.3×85 = 82.5
    supplier 乙  PO3 (01-12): 压缩机 5 @95 promised 01-20, received 01-18;
                 温控器 5 @50 never received
        → on time 1/1 = 100 %, returns 0 %, no quality score,
          score (0.4×100 + 0.3×100) / 0.7 = 100
    """

    roles = ("supervisor",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.purchase_flow.active = False
        A, B = cls.supplier, cls.other_supplier
        po1 = cls.confirmed(A, "2026-01-10 08:00:00", [
            (cls.product, 10, 100.0, "2026-01-20 09:00:00"),
            (cls.part, 10, 50.0, "2026-01-20 09:00:00")])
        cls.validate(po1.picking_ids, date="2026-01-19 10:00:00")
        po2 = cls.confirmed(A, "2026-01-15 08:00:00", [
            (cls.product, 10, 110.0, "2026-01-25 09:00:00"),
            (cls.part, 10, 50.0, "2026-01-25 09:00:00")])
        cls.validate(po2.picking_ids, {cls.product: 10},
                     date="2026-01-25 23:00:00")
        cls.validate(po2.picking_ids.filtered(lambda p: p.state != "done"),
                     date="2026-01-28 10:00:00")
        po3 = cls.confirmed(B, "2026-01-12 08:00:00", [
            (cls.product, 5, 95.0, "2026-01-20 09:00:00"),
            (cls.part, 5, 50.0, "2026-01-20 09:00:00")])
        cls.validate(po3.picking_ids, {cls.product: 5},
                     date="2026-01-18 10:00:00")
        # 4 compressors of PO1 go back (to refund)
        receipt = po1.picking_ids
        wizard = cls.env["stock.return.picking"].with_context(
            active_id=receipt.id, active_ids=receipt.ids).create({})
        for line in wizard.product_return_moves:
            line.write({"quantity": 4 if line.product_id == cls.product
                        else 0, "to_refund": True})
        back_id, __ = wizard._create_returns()
        cls.validate(cls.env["stock.picking"].browse(back_id),
                     date="2026-01-30 10:00:00")
        Evaluation = cls.env["crm.supplier.evaluation"]
        for value in (80, 90):
            Evaluation.create({"partner_id": A.id, "score": value,
                               "date": "2026-01-31"})
        Evaluation.create({"partner_id": B.id, "score": 10,
                           "date": "2026-01-31", "kind": "service"})

    @classmethod
    def confirmed(cls, partner, date_order, lines):
        order = cls.env["purchase.order"].create({
            "partner_id": partner.id, "date_order": date_order,
            "order_line": [(0, 0, {
                "product_id": product.id, "name": product.name,
                "product_qty": qty, "price_unit": price,
                "product_uom": product.uom_po_id.id,
                "date_planned": promised,
            }) for product, qty, price, promised in lines]})
        order.button_confirm()
        order.date_order = date_order
        return order

    def ranking(self):
        rows = self.env["crm.supplier.ranking.report"].get_ranking(
            "2026-01-01", "2026-02-01")
        return {row["partner_id"]: row for row in rows}

    def test_on_time_rate_against_promised_dates(self):
        rows = self.ranking()
        a, b = rows[self.supplier.id], rows[self.other_supplier.id]
        self.assertEqual((a["received_count"], a["on_time_count"]), (4, 3))
        self.assertAlmostEqual(a["on_time_rate"], 75.0)
        self.assertEqual(b["line_count"], 2)
        self.assertEqual(b["received_count"], 1,
                         "a line never received is not counted late")
        self.assertAlmostEqual(b["on_time_rate"], 100.0)

    def test_return_rate_and_quality(self):
        a = self.ranking()[self.supplier.id]
        self.assertEqual((a["qty_received"], a["qty_returned"]), (40, 4))
        self.assertAlmostEqual(a["return_rate"], 10.0)
        self.assertAlmostEqual(a["quality_score"], 85.0)
        b = self.ranking()[self.other_supplier.id]
        self.assertIsNone(b["quality_score"],
                          "service evaluations do not rate goods")

    def test_score_and_rank(self):
        rows = self.ranking()
        a, b = rows[self.supplier.id], rows[self.other_supplier.id]
        self.assertAlmostEqual(a["score"], 82.5)
        self.assertAlmostEqual(b["score"], 100.0)
        self.assertLess(b["rank"], a["rank"])

    def test_monthly_report_view_agrees(self):
        report = self.env["crm.supplier.ranking.report"].search(
            [("date", "=", "2026-01-01"),
             ("partner_id", "in", (self.supplier | self.other_supplier).ids)])
        by_partner = {r.partner_id: r for r in report}
        self.assertAlmostEqual(by_partner[self.supplier].score, 82.5)
        self.assertAlmostEqual(by_partner[self.other_supplier].score, 100.0)
        self.assertEqual(
            by_partner[self.other_supplier].rank + 1,
            by_partner[self.supplier].rank,
            "乙 ranks right before 甲 in January")

    def test_this_year_turns_at_the_company_midnight(self):
        """The "This Year" filter is the company's local year, resolved in
        the server (not the browser's date)."""
        tz = self.env.user.company_id._cc_tz_name()
        suppliers = (self.supplier | self.other_supplier).ids
        Report = self.env["crm.supplier.ranking.report"]
        found = {}
        for day, hour, minute in ((datetime.date(2026, 12, 31), 23, 55),
                                  (datetime.date(2027, 1, 1), 0, 5)):
            now = localtime.to_utc(tz, datetime.datetime.combine(day, datetime.time(hour, minute)))
            with mock.patch.object(localtime, "utcnow", return_value=now):
                found[day.year] = Report.search(
                    [("cc_period", "=", "this_year"), ("partner_id", "in", suppliers)])
        self.assertEqual(set(found[2026].mapped("date")), {"2026-01-01"})
        self.assertEqual(set(found[2026].mapped("partner_id").ids), set(suppliers))
        self.assertFalse(found[2027], "a minute after the local new year")

    def test_price_trend(self):
        prices = self.env["crm.supplier.price.report"].search([
            ("partner_id", "=", self.supplier.id),
            ("product_id", "=", self.product.id),
            ("date", "=", "2026-01-01")])
        self.assertEqual(len(prices), 1)
        self.assertAlmostEqual(prices.price_average, 105.0)
        self.assertEqual(prices.qty, 20)

    def test_figures_on_the_supplier_form(self):
        supplier = self.supplier.sudo(self.users["supervisor"]).with_context(
            supplier_evaluation_date="2026-06-30")
        self.assertAlmostEqual(supplier.supplier_on_time_rate, 75.0)
        self.assertAlmostEqual(supplier.supplier_return_rate, 10.0)
        self.assertAlmostEqual(supplier.supplier_quality_score, 85.0)
        self.assertAlmostEqual(supplier.supplier_score, 82.5)
        self.assertTrue(supplier.supplier_rank >= 2)
        later = self.supplier.with_context(
            supplier_evaluation_date="2027-06-30")
        self.assertEqual(later.supplier_score, 0.0,
                         "January 2026 is outside the last 12 months")
