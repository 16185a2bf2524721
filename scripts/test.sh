#!/usr/bin/env bash
# `make test`: a fresh database, Odoo's dependencies installed first (without
# their own tests), then every add-on of ours installed with --test-enable and
# the log checked; then pytest tests/ (XML-RPC, telephony, browser) against a
# live server on free loopback ports. Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DB=${TEST_DB:-callcenter_test}
PY=.venv/bin/python
OUT=.run/test; mkdir -p "$OUT"
log() { printf '[test] %s\n' "$*"; }
export EXTRA_ADDONS="$ROOT/tests/odoo_addons"

ours=$($PY scripts/addons.py ours addons tests/odoo_addons)
deps=$($PY scripts/addons.py external addons tests/odoo_addons)

dropdb --if-exists "$DB" >/dev/null
log "installing Odoo dependencies into $DB: $deps"
scripts/odoo.sh -d "$DB" -i "$deps" --stop-after-init --workers=0 --max-cron-threads=0 \
    --log-level=info >"$OUT/deps.log" 2>&1
deps_rc=$?

log "installing our add-ons with their tests: $ours"
# a hung test (a test class whose set-up failed keeps its transaction and
# locks open in Odoo 11) must fail the run, not use up CI's time: about 10
# minutes normally
timeout --kill-after=60 40m scripts/odoo.sh -d "$DB" -i "$ours" --test-enable --stop-after-init \
    --workers=0 --max-cron-threads=0 --log-level=info >"$OUT/odoo.log" 2>&1
odoo_rc=$?
[ "$odoo_rc" -eq 124 ] && echo "[test] the Odoo tests did not finish within 40 minutes" >>"$OUT/odoo.log"

$PY scripts/odoo_log_summary.py "$OUT/deps.log" "$deps_rc" "$OUT/odoo.log" "$odoo_rc" >"$OUT/odoo_summary.txt"
cat "$OUT/odoo_summary.txt"
read -r o_pass o_fail <<<"$(tail -n1 "$OUT/odoo_summary.txt" | sed -E 's/^odoo: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')"

log "running tests/ (pytest) against a live server on $DB"
TEST_DB="$DB" timeout --kill-after=60 30m .venv-e2e/bin/python -m pytest tests -p no:cacheprovider \
    -q -rfEs --junitxml="$OUT/pytest.xml"
py_rc=$?
read -r p_pass p_fail <<<"$($PY scripts/junit_summary.py "$OUT/pytest.xml")"
if [ "$py_rc" -ne 0 ] && [ "$py_rc" -ne 5 ] && [ "$p_fail" -eq 0 ]; then
    p_fail=1   # pytest crashed before reporting (collection/usage error)
fi

passed=$((o_pass + p_pass)); failed=$((o_fail + p_fail))
echo "odoo module tests: $o_pass passed, $o_fail failed; tests/: $p_pass passed, $p_fail failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
