"""bench order_stats: sales statistics for a year (quantity and amount per
agent and product, and per month) over 1,000,000 order lines, through the
ORM's read_group on the monthly statistics table (kept up to date by a
trigger on the order lines), as a Manager: the last 12 months. Target
(issue 6): <= 1 s."""
import datetime

import order_fixture

from common import environment, median, parse_args, timed, verdict


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        agents, _products = order_fixture.ensure(env)
        manager = env["res.users"].search(
            [("groups_id", "in", env.ref("crm_callcenter.group_manager").id),
             ("id", "!=", 1)], limit=1) or env.user
        Stats = env["crm.order.statistics.monthly"].sudo(manager)
        env.cr.execute("SELECT count(*) FROM sale_order_line")
        lines = env.cr.fetchone()[0]
        # the last twelve months, this one included (the screen's
        # "Last 12 Months" filter)
        today = datetime.date.today()
        month = today.year * 12 + today.month - 1 - 11
        start = datetime.date(month // 12, month % 12 + 1, 1)
        domain = [("date", ">=", start.strftime("%Y-%m-%d")),
                  ("date", "<=", today.strftime("%Y-%m-%d"))]
        result = {}

        def one(_index):
            Stats.invalidate_cache()
            result["by_agent_product"] = Stats.read_group(
                domain, ["agent_id", "product_id", "quantity", "amount"],
                ["agent_id", "product_id"], lazy=False)
            result["by_month"] = Stats.read_group(
                domain, ["date", "quantity", "amount"], ["date:month"])

        timed(one, 1)
        durations = [d / 1000.0 for d in timed(one, 5)]
        groups = result["by_agent_product"]
        assert len({g["agent_id"][0] for g in groups}) == len(agents), \
            "not every agent is in the statistics"
        total = sum(g["quantity"] for g in groups)
        assert total > 0, "no quantities"
        verdict("order_stats", median(durations), "s", "<=", 1,
                detail="%d order lines in the database; a year: %d agent x "
                       "product groups + %d months, %.0f units; median of 5"
                       % (lines, len(groups), len(result["by_month"]), total))


if __name__ == "__main__":
    main()
