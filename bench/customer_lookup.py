"""bench customer_lookup: find the caller by number among 1,000,000 customers
(what the screen pop does), server side, against the query OCA base_phone
11.0 runs on the same table. Target (issues 3 and 4): <= 2 ms."""
import random

import customer_fixture
from common import environment, median, parse_args, timed, verdict


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        size = customer_fixture.ensure(env)
        Partner = env["res.partner"]
        rng = random.Random(7)
        numbers = ["+86 13%s" % str(rng.randrange(1, size)).zfill(9) for _ in range(200)]

        def ours(index):
            found = Partner._cc_find_by_number(numbers[index])
            assert found, numbers[index]

        def oca(index):
            digits = numbers[index].replace(" ", "")[-8:]
            env.cr.execute("SELECT id FROM res_partner WHERE replace(mobile, ' ', '') "
                           "ILIKE %s", ("%" + digits,))
            assert env.cr.fetchall()

        timed(ours, 20)
        ours_ms = median(timed(ours, 200))
        oca_ms = median(timed(oca, 5))
        verdict("customer_lookup", ours_ms, "ms", "<=", 2,
                detail="median over 200 lookups among %d customers; OCA base_phone "
                       "query on the same table: %.1f ms (%.0fx slower)"
                       % (size, oca_ms, oca_ms / ours_ms))


if __name__ == "__main__":
    main()
