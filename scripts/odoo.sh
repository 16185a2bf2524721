#!/usr/bin/env bash
# Run Odoo 11 from this checkout: our add-ons path, data dir, odoo.conf and
# lessc on PATH. Usage: scripts/odoo.sh [subcommand] [odoo options...]
# EXTRA_ADDONS (comma-separated absolute paths) adds test-only add-ons.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
export TZ=UTC
ADDONS="$ROOT/addons${EXTRA_ADDONS:+,$EXTRA_ADDONS}"
# The master password (database manager) is never committed: it comes from
# ODOO_MASTER_PASSWORD, or is generated once per checkout into
# .data/master-password (mode 600). Odoo reads it from a configuration file,
# so the committed odoo.conf is copied with it into .run/ (mode 600).
mkdir -p "$ROOT/.data" "$ROOT/.run"
SECRET_FILE="$ROOT/.data/master-password"
if [ -z "${ODOO_MASTER_PASSWORD:-}" ]; then
    if [ ! -s "$SECRET_FILE" ]; then
        (umask 077; "$ROOT/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(24))' \
            >"$SECRET_FILE")
    fi
    ODOO_MASTER_PASSWORD=$(cat "$SECRET_FILE")
fi
CONF="$ROOT/.run/odoo.conf"
(umask 077; { cat "$ROOT/odoo.conf"; printf 'admin_passwd = %s\n' "$ODOO_MASTER_PASSWORD"; } >"$CONF.$$")
mv -f "$CONF.$$" "$CONF"
COMMON=(--addons-path="$ADDONS" -c "$CONF" --data-dir="$ROOT/.data")
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    sub=$1; shift
    exec "$ROOT/.venv/bin/python" "$ROOT/scripts/odoo-bin" --addons-path="$ADDONS" "$sub" "${COMMON[@]}" "$@"
fi
exec "$ROOT/.venv/bin/python" "$ROOT/scripts/odoo-bin" "${COMMON[@]}" "$@"
