#!/usr/bin/env bash
# CI: a database made by an older main (tests/data/migration/, see its
# README) updated to this code keeps its data. Restores the fixture twice
# (one copy stays as it was), runs `-u all` on the other as an administrator
# would (docs: README.md, "Upgrading an existing database"), then a second
# `-u all`, then tests/test_migration.py compares the two databases, reads
# both logs, logs in as the demo agent, and compares crm_callcenter's lists
# of moved records with a fresh install (make test's database, TEST_DB). Needs `make setup` (the CI runs
# it through `make test` first). Last line: "migration: ok" or an error.
set -uo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] && [ -x .venv-e2e/bin/python ] || scripts/setup.sh || exit 1
DB=${MIGRATION_DB:-callcenter_migration}
BEFORE=${DB}_before
FIXTURE=${MIGRATION_FIXTURE:-$(ls tests/data/migration/base-*.dump | sort -V | tail -n1)}
OUT=.run/migration; mkdir -p "$OUT"
log() { printf '[migration] %s\n' "$*"; }
odoo_update() {
    scripts/odoo.sh -d "$DB" -u all --stop-after-init --workers=0 --max-cron-threads=0 \
        --log-level=info >"$1" 2>&1
}
start=$SECONDS

for db in "$DB" "$BEFORE"; do
    dropdb --if-exists "$db" >/dev/null
    createdb "$db" || exit 1
    pg_restore --no-owner --no-acl --exit-on-error -d "$db" "$FIXTURE" || exit 1
done
# the fixture ships without its secrets (scripts/make_migration_fixture.sh):
# this copy gets its own, as a restored backup would have them
psql -q -d "$DB" -c "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid,
        create_date, write_date)
    VALUES ('database.secret', gen_random_uuid()::text, 1, 1, now(), now()),
           ('database.uuid', gen_random_uuid()::text, 1, 1, now(), now())" || exit 1
log "restored $FIXTURE into $DB and $BEFORE ($((SECONDS - start)) s)"

t=$SECONDS
odoo_update "$OUT/update.log"; rc1=$?
log "-u all: exit $rc1, $((SECONDS - t)) s (log: $OUT/update.log)"
t=$SECONDS
odoo_update "$OUT/update2.log"; rc2=$?
log "second -u all: exit $rc2, $((SECONDS - t)) s (log: $OUT/update2.log)"

# the lists of moved records are compared with what a fresh install of this
# code gives: make test's database (CI runs make test first)
FRESH=${MIGRATION_FRESH_DB:-${TEST_DB:-callcenter_test}}
if [ "$(psql -qtA -d "$FRESH" -c "SELECT count(*) FROM ir_module_module
        WHERE name = 'crm_callcenter' AND state = 'installed' AND demo" 2>/dev/null)" = 1 ]; then
    export MIGRATION_FRESH_DB=$FRESH
else
    log "no fresh install with demo data in $FRESH: the lists of moves are not compared"
    unset MIGRATION_FRESH_DB
fi
MIGRATION_DB=$DB MIGRATION_BEFORE_DB=$BEFORE TEST_DB=$DB \
MIGRATION_LOG=$OUT/update.log MIGRATION_LOG2=$OUT/update2.log \
    timeout --kill-after=60 15m .venv-e2e/bin/python -m pytest tests/test_migration.py \
    -p no:cacheprovider -q -rfEs --junitxml="$OUT/pytest.xml"
py_rc=$?
log "total $((SECONDS - start)) s"
if [ "$rc1" -ne 0 ] || [ "$rc2" -ne 0 ] || [ "$py_rc" -ne 0 ]; then
    echo "migration: FAILED (update exit $rc1/$rc2, tests exit $py_rc)"
    exit 1
fi
dropdb --if-exists "$BEFORE"
echo "migration: ok"
