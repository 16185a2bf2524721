"""bench customer_pinyin: the first page of a pinyin search ('zsf' style
initials, or the start of the full pinyin) among 1,000,000 customers.
Target (issue 3): <= 50 ms."""
import customer_fixture
from common import environment, median, parse_args, timed, verdict

QUERIES = ["wwf", "zhangwei", "lqm", "chenjing", "hxy", "sunhao", "gyp", "linfang"]


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        size = customer_fixture.ensure(env)
        Partner = env["res.partner"]
        results = {}
        for query in QUERIES:
            def page(_index, query=query):
                Partner.invalidate_cache()
                found = Partner.search([("name_pinyin", "ilike", query)], limit=80)
                assert found, query
                found.read(["display_name", "mobile"])
            timed(page, 2)
            results[query] = median(timed(page, 7))
        worst = max(results.values())
        verdict("customer_pinyin", worst, "ms", "<=", 50,
                detail="median first page (80 rows) among %d customers: %s" % (
                    size, ", ".join("%s %.1f ms" % item for item in results.items())))


if __name__ == "__main__":
    main()
