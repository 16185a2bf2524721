from odoo import api, fields, models, tools

from ..evaluation import WEIGHTS, rank_rows, rate, score


class CrmSupplierRankingReport(models.Model):
    """Supplier evaluation per month (SQL view): lines ordered, received and
    received on time, quantities received and returned, manual quality
    scores, and the month's score and rank. Purchase lines count in the
    month of their order; a line is on time when its last done receipt is
    on or before its promised day (``purchase.order.line.date_planned``,
    compared by UTC day)."""

    _name = "crm.supplier.ranking.report"
    _inherit = "crm.period.mixin"
    _description = "Supplier Ranking"
    _cc_period_field = "date"
    _auto = False
    _order = "date desc, rank, partner_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", "Supplier", readonly=True)
    date = fields.Date("Month", readonly=True)
    line_count = fields.Integer("Purchase Lines", readonly=True)
    amount = fields.Float("Purchased Amount", readonly=True)
    received_count = fields.Integer("Lines Received", readonly=True)
    on_time_count = fields.Integer("Lines On Time", readonly=True)
    qty_received = fields.Float(readonly=True)
    qty_returned = fields.Float(readonly=True)
    quality_sum = fields.Float("Quality Points", readonly=True)
    quality_count = fields.Integer("Quality Evaluations", readonly=True)
    on_time_rate = fields.Float(
        "On-time Rate (%)", readonly=True, group_operator="avg")
    return_rate = fields.Float(
        "Return Rate (%)", readonly=True, group_operator="avg")
    quality_score = fields.Float(readonly=True, group_operator="avg")
    score = fields.Float(readonly=True, group_operator="avg")
    rank = fields.Integer("Rank in Month", readonly=True, group_operator="min")

    @api.model_cr
    def init(self):
        # gives the planner statistics on the month a period filter uses
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS purchase_order_line_month_index
                ON purchase_order_line
                ((date_trunc('month', date_order)::date))
        """)
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW crm_supplier_ranking_report AS
            WITH line_sums AS (
                -- aggregate the lines per ordering partner and month first:
                -- one scan of the lines, few groups
                SELECT l.partner_id,
                       date_trunc('month', l.date_order)::date AS date,
                       count(*) AS line_count,
                       sum(l.price_subtotal) AS amount,
                       count(l.date_received) AS received_count,
                       count(*) FILTER (WHERE l.date_received::date
                                        <= l.date_planned::date)
                           AS on_time_count,
                       sum(coalesce(l.qty_in_done, 0)) AS qty_received,
                       sum(coalesce(l.qty_out_done, 0)) AS qty_returned,
                       0 AS quality_sum, 0 AS quality_count
                  FROM purchase_order_line l
                 WHERE l.state IN ('purchase', 'done')
                 GROUP BY l.partner_id,
                          date_trunc('month', l.date_order)::date
            ), evaluation_sums AS (
                SELECT e.partner_id,
                       date_trunc('month', e.date::timestamp)::date AS date,
                       0, 0, 0, 0, 0, 0,
                       sum(e.score) AS quality_sum,
                       count(*) AS quality_count
                  FROM crm_supplier_evaluation e
                 WHERE e.kind = 'quality'
                 GROUP BY e.partner_id, date_trunc('month', e.date::timestamp)::date
            ), facts AS (
                SELECT * FROM line_sums
                UNION ALL
                SELECT * FROM evaluation_sums
            ), sums AS (
                -- contacts' documents count for their company
                SELECT coalesce(p.commercial_partner_id, p.id) AS partner_id,
                       f.date,
                       sum(f.line_count) AS line_count,
                       sum(f.amount) AS amount,
                       sum(f.received_count) AS received_count,
                       sum(f.on_time_count) AS on_time_count,
                       sum(f.qty_received) AS qty_received,
                       sum(f.qty_returned) AS qty_returned,
                       sum(f.quality_sum) AS quality_sum,
                       sum(f.quality_count) AS quality_count
                  FROM facts f
                  JOIN res_partner p ON p.id = f.partner_id
                 GROUP BY coalesce(p.commercial_partner_id, p.id), f.date
            ), rates AS (
                SELECT *,
                       CASE WHEN received_count > 0 THEN
                           100.0 * on_time_count / received_count END
                           AS on_time_rate,
                       CASE WHEN qty_received > 0 THEN
                           100.0 * qty_returned / qty_received END
                           AS return_rate,
                       CASE WHEN quality_count > 0 THEN
                           1.0 * quality_sum / quality_count END
                           AS quality_score
                  FROM sums
            ), scored AS (
                SELECT *,
                       -- evaluation.scoring.score (its weights, WEIGHTS)
                       (coalesce(%(on_time)s * on_time_rate, 0)
                        + coalesce(%(returns)s * (100 - return_rate), 0)
                        + coalesce(%(quality)s * quality_score, 0))
                       / nullif((on_time_rate IS NOT NULL)::int * %(on_time)s
                                + (return_rate IS NOT NULL)::int * %(returns)s
                                + (quality_score IS NOT NULL)::int * %(quality)s, 0)
                           AS score
                  FROM rates
            )
            SELECT (partner_id::bigint * 100000
                    + extract(year FROM date)::int * 100
                    + extract(month FROM date)::int) AS id,
                   scored.*,
                   CASE WHEN score IS NOT NULL THEN
                       rank() OVER (PARTITION BY date
                                    ORDER BY score DESC NULLS LAST) END
                       AS rank
              FROM scored
        """, WEIGHTS)

    @api.model
    def get_ranking(self, date_from, date_to, limit=None):
        """Ranking over [date_from, date_to): one dict per supplier with its
        sums, rates, score and rank, best first (see evaluation.scoring)."""
        self.check_access_rights("read")
        # only suppliers the caller may read (record rules, companies): the
        # query below is raw SQL, which no rule filters by itself
        Partner = self.env["res.partner"].with_context(active_test=False)
        partner_query = Partner._where_calc([])
        Partner._apply_ir_rules(partner_query, "read")
        from_clause, where_clause, where_params = partner_query.get_sql()
        measures = ["line_count", "amount", "received_count", "on_time_count",
                    "qty_received", "qty_returned", "quality_sum",
                    "quality_count"]
        # one grouped query on the view, names included (read_group or
        # name_get would read whole partner rows on a cold cache: ~1 s)
        self.env.cr.execute("""
            SELECT r.partner_id, p.name, sum(r.line_count), sum(r.amount),
                   sum(r.received_count), sum(r.on_time_count),
                   sum(r.qty_received), sum(r.qty_returned),
                   sum(r.quality_sum), sum(r.quality_count)
              FROM crm_supplier_ranking_report r
              JOIN res_partner p ON p.id = r.partner_id
             WHERE r.date >= %s AND r.date < %s
               AND r.partner_id IN (SELECT res_partner.id FROM {} {})
             GROUP BY r.partner_id, p.name
        """.format(from_clause, where_clause and "WHERE " + where_clause or ""),
            [date_from, date_to] + list(where_params))
        groups = [dict(zip(["partner_id", "partner_name"] + measures, row))
                  for row in self.env.cr.fetchall()]
        rows = []
        for group in groups:
            row = {key: float(group[key] or 0) for key in measures}
            for key in ("line_count", "received_count", "on_time_count",
                        "quality_count"):
                row[key] = int(row[key])
            row["partner_id"] = group["partner_id"]
            row["partner_name"] = group["partner_name"]
            row["on_time_rate"] = rate(row["on_time_count"],
                                       row["received_count"])
            row["return_rate"] = rate(row["qty_returned"],
                                      row["qty_received"])
            row["quality_score"] = (
                row["quality_sum"] / row["quality_count"]
                if row["quality_count"] else None)
            row["score"] = score(row["on_time_rate"], row["return_rate"],
                                 row["quality_score"])
            rows.append(row)
        ranked = rank_rows(rows)
        return ranked[:limit] if limit else ranked
