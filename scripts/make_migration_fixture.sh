#!/usr/bin/env bash
# Build the migration test's starting point (scripts/check_migration.sh):
# a database made exactly as `make run` makes it (every add-on, demo data,
# zh_CN and en_US) by the code of COMMIT, plus the rows a working call center
# has beyond the demo (tests/data/migration/extra_rows.py), its secrets
# removed, dumped into tests/data/migration/.
#   scripts/make_migration_fixture.sh [COMMIT] [OUT]
#   COMMIT  default HEAD; OUT default tests/data/migration/base-<crm_callcenter version>.dump
# The commit's tree is exported to a temporary folder and run with this
# checkout's .venv and .tools (`make setup` first). Record the commit in
# tests/data/migration/README.md when you replace the fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COMMIT=$(git rev-parse --verify "${1:-HEAD}^{commit}")
DB=${FIXTURE_DB:-migration_fixture_build}
log() { printf '[fixture] %s\n' "$*"; }
[ -x .venv/bin/python ] || { echo "run make setup first" >&2; exit 2; }

SRC=$(mktemp -d /tmp/migration-fixture.XXXXXX)
trap 'rm -rf "$SRC"' EXIT
git archive "$COMMIT" | tar -x -C "$SRC"
ln -s "$ROOT/.venv" "$SRC/.venv"
ln -s "$ROOT/.tools" "$SRC/.tools"
version=$(.venv/bin/python -c "import ast,sys; print(ast.literal_eval(open(sys.argv[1]).read())['version'])" \
    "$SRC/addons/crm_callcenter/__manifest__.py")
OUT=${2:-tests/data/migration/base-$version.dump}

log "building $DB with the add-ons of $COMMIT (crm_callcenter $version), as make run does"
dropdb --if-exists "$DB"
ours=$(cd "$SRC" && .venv/bin/python scripts/addons.py ours addons)
# db_ensure.sh with run.sh's options; the master password is generated in the
# temporary folder and thrown away with it
(cd "$SRC" && scripts/db_ensure.sh "$DB" "$ours" --load-language=zh_CN,en_US)

log "adding calls, agent states, a call's ticket, order and inspection"
(cd "$SRC" && scripts/odoo.sh shell -d "$DB" --workers=0 --max-cron-threads=0 --log-level=warn \
    < "$ROOT/tests/data/migration/extra_rows.py" 2>&1 | grep -v -i yaml | grep .)

log "keeping attachments in the database (no filestore to ship), removing secrets"
(cd "$SRC" && scripts/odoo.sh shell -d "$DB" --workers=0 --max-cron-threads=0 --log-level=warn \
    2>&1 <<'PY' | grep -v -i yaml | grep . || true
env["ir.config_parameter"].set_param("ir_attachment.location", "db")
# force_storage() leaves out the attachments of binary fields (images)
for attachment in env["ir.attachment"].search(["|", ("res_field", "=", False),
                                              ("res_field", "!=", False)]):
    attachment.write({"datas": attachment.datas})
env.cr.commit()
PY
)
psql -q -v ON_ERROR_STOP=1 -d "$DB" <<'SQL'
-- generated per database: check_migration.sh gives the restored copy new ones
DELETE FROM ir_config_parameter
 WHERE key IN ('database.secret', 'database.uuid', 'callcenter.code_hash', 'ir_attachment.location');
-- the office-hours token is random per PBX (the demo AMI secret s3cret is demo data)
DELETE FROM crm_secret WHERE name = 'hours_token';
UPDATE res_partner SET signup_token = NULL, signup_type = NULL, signup_expiration = NULL;
UPDATE sale_order SET access_token = NULL;
UPDATE account_invoice SET access_token = NULL;
UPDATE calendar_attendee SET access_token = NULL;
UPDATE ir_attachment SET access_token = NULL;
UPDATE iap_account SET account_token = 'removed';
UPDATE fetchmail_server SET password = NULL;
UPDATE ir_mail_server SET smtp_pass = NULL;
DELETE FROM payment_token;
DELETE FROM bus_bus;
DELETE FROM res_users_log;
-- assets are built again from the code that reads the database
DELETE FROM ir_attachment WHERE url LIKE '/web/content/%';
SQL
vacuumdb -q --full "$DB"
mkdir -p "$(dirname "$OUT")"
pg_dump -Fc -Z9 --no-owner --no-acl -f "$OUT" "$DB"
dropdb "$DB"
log "$OUT: $(du -h "$OUT" | cut -f1), from $COMMIT"
