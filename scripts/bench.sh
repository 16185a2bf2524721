#!/usr/bin/env bash
# `make bench [ONLY=name]`: run the benchmarks in bench/ against their own
# database (created once with the add-ons and the test-only example model;
# each benchmark makes the data it needs in it the first time: customers,
# flow documents, orders, tickets, purchases, articles, calls).
#   scripts/bench.sh [name1 name2 ...]       BENCH_DB=<database> (callcenter_bench)
# Works from a fresh clone: the setup (venvs, lessc, PostgreSQL and its
# role) is idempotent and takes a few seconds once done.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
DB=${BENCH_DB:-callcenter_bench}
export EXTRA_ADDONS="$PWD/tests/odoo_addons"
mods=$(.venv/bin/python scripts/addons.py ours addons tests/odoo_addons)
scripts/db_ensure.sh "$DB" "$mods" --without-demo=all
names=${*:-$(ls bench/*.py | xargs -n1 basename | sed 's/\.py$//' | grep -vxE 'common|.*_fixture')}
status=0
echo "[bench] $(date -u '+%F %T') UTC, $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load:$(uptime | sed 's/.*load average://')"
for name in $names; do
    [ -f "bench/$name.py" ] || { echo "no benchmark named $name"; exit 2; }
    echo "[bench] $name"
    (cd bench && TZ=UTC ../.venv/bin/python "$name.py" --db "$DB") || status=1
    echo "[bench] load:$(uptime | sed 's/.*load average://')"
done
exit $status
