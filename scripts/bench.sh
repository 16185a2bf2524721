#!/usr/bin/env bash
# `make bench [ONLY=name]`: run the benchmarks in bench/ against their own
# database (created once with the add-ons and the test-only example model).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-callcenter_bench}
export EXTRA_ADDONS="$PWD/tests/odoo_addons"
mods=$(.venv/bin/python scripts/addons.py ours addons tests/odoo_addons)
scripts/db_ensure.sh "$DB" "$mods" --without-demo=all
names=${1:-$(ls bench/*.py | xargs -n1 basename | sed 's/\.py$//' | grep -vxE 'common|.*_fixture')}
status=0
for name in $names; do
    [ -f "bench/$name.py" ] || { echo "no benchmark named $name"; exit 2; }
    echo "[bench] $name"
    (cd bench && TZ=UTC ../.venv/bin/python "$name.py" --db "$DB") || status=1
done
exit $status
