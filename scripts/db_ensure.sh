#!/usr/bin/env bash
# Make sure database DB exists with our add-ons installed and up to date.
#   db_ensure.sh DB MODULES [odoo options for a first install]
# First time: create it with MODULES. Later: install add-ons added since, and
# update all of ours when their code changed (hash stored in the database).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=$1; MODS=$2; shift 2
log() { printf '[db] %s\n' "$*"; }
odoo_once() { scripts/odoo.sh -d "$DB" --stop-after-init --workers=0 --max-cron-threads=0 --log-level=warn "$@"; }
code_hash=$(find addons ${EXTRA_ADDONS:+$(tr ',' ' ' <<<"$EXTRA_ADDONS")} -type f \
    \( -name '*.py' -o -name '*.xml' -o -name '*.csv' -o -name '*.po' -o -name '*.js' -o -name '*.less' \) \
    -not -path 'addons/*/tests/*' -not -path '*/odoo_addons/*/tests/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
key=callcenter.code_hash

if ! psql -lqtA | cut -d'|' -f1 | grep -qx "$DB"; then
    log "creating $DB with $MODS (first time: a few minutes)"
    odoo_once -i "$MODS" "$@"
else
    installed=$(psql -qtA -d "$DB" -c "select name from ir_module_module where state='installed'")
    todo=$(tr ',' '\n' <<<"$MODS" | grep -vxF "$installed" | paste -sd, || true)
    stored=$(psql -qtA -d "$DB" -c "select value from ir_config_parameter where key='$key'")
    # a database made without demo data gets none with the add-ons it
    # installs now (Odoo would load theirs: -i alone means with demo)
    nodemo=$(psql -qtA -d "$DB" -c "select '--without-demo=all' from ir_module_module
        where name = 'base' and not demo")
    # one run: a new add-on may depend on models the update brings
    if [ "$stored" != "$code_hash" ]; then
        log "code changed since $DB was last updated: updating $MODS${todo:+, installing $todo}"
        if ! odoo_once -u "$MODS" ${todo:+-i "$todo"} $nodemo; then
            demo=$(psql -qtA -d "$DB" -c "select count(*) from ir_module_module
                where name = 'crm_callcenter' and state = 'installed' and demo")
            if [ "$demo" != 1 ]; then
                # a database without demo data holds real work: never drop it
                log "updating $DB failed; it is left as it was (no data removed)."
                log "Read the errors above, fix them, and run again (README: Upgrading)."
                exit 1
            fi
            # a demo database (e.g. new demo records of an add-on loaded
            # before another that adds NOT NULL columns to the same table):
            # these scripts made it, so make it again rather than stop
            log "updating the demo database $DB failed: creating it again"
            dropdb "$DB"
            odoo_once -i "$MODS" "$@"
        fi
    elif [ -n "$todo" ]; then
        log "installing new add-ons into $DB: $todo"
        odoo_once -i "$todo" $nodemo
    fi
fi
psql -q -d "$DB" -c "delete from ir_config_parameter where key='$key';
    insert into ir_config_parameter (key, value, create_date, write_date, create_uid, write_uid)
    values ('$key', '$code_hash', now(), now(), 1, 1)"
