from odoo.tests.common import BaseCase

from ..evaluation import rank_rows, rate, score


class TestScoring(BaseCase):
    """The evaluation maths, without the ORM."""

    def test_rate(self):
        self.assertEqual(rate(3, 4), 75.0)
        self.assertIsNone(rate(0, 0), "no data is not 0 %")

    def test_score_weights_all_components(self):
        self.assertAlmostEqual(score(75.0, 10.0, 85.0), 82.5)

    def test_score_leaves_out_missing_components(self):
        self.assertAlmostEqual(score(100.0, 0.0, None), 100.0)
        self.assertAlmostEqual(score(50.0, None, None), 50.0)
        self.assertIsNone(score(None, None, None))

    def test_rank_rows_shares_ties_and_puts_unscored_last(self):
        rows = [{"partner_id": 1, "score": 80.0},
                {"partner_id": 2, "score": None},
                {"partner_id": 3, "score": 90.0},
                {"partner_id": 4, "score": 80.0}]
        ranked = rank_rows(rows)
        self.assertEqual([r["partner_id"] for r in ranked], [3, 1, 4, 2])
        self.assertEqual([r["rank"] for r in ranked], [1, 2, 2, 0])
