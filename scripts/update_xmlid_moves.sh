#!/usr/bin/env bash
# Recompute crm_callcenter's migration lists (xmlid_moves.csv,
# constraint_moves.csv) for the code of this checkout: the migration fixture
# (the old layout) restored into ${PREFIX}_old, a fresh install with demo data
# of every add-on of addons/ into ${PREFIX}_new, then scripts/xmlid_moves.py.
# Run it after any change that moves a record between add-ons, and commit
# the two files. A few minutes.   PREFIX=moves scripts/update_xmlid_moves.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${PREFIX:-moves}
FIXTURE=${MIGRATION_FIXTURE:-$(ls tests/data/migration/base-*.dump | sort -V | tail -n1)}
OLD=${PREFIX}_old NEW=${PREFIX}_new
for db in "$OLD" "$NEW"; do dropdb --if-exists "$db" >/dev/null; done
createdb "$OLD"
pg_restore --no-owner --no-acl --exit-on-error -d "$OLD" "$FIXTURE"
mkdir -p .run
ours=$(.venv/bin/python scripts/addons.py ours addons)
echo "[moves] installing $ours into $NEW"
scripts/odoo.sh -d "$NEW" -i "$ours" --stop-after-init --workers=0 --max-cron-threads=0 \
    --log-level=warn >.run/moves-install.log 2>&1 \
    || { echo "[moves] the install into $NEW failed: .run/moves-install.log" >&2; exit 1; }
.venv/bin/python scripts/xmlid_moves.py "$OLD" "$NEW"
dropdb "$OLD"; dropdb "$NEW"
