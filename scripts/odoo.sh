#!/usr/bin/env bash
# Run Odoo 11 from this checkout: our add-ons path, data dir, odoo.conf and
# lessc on PATH. Usage: scripts/odoo.sh [subcommand] [odoo options...]
# EXTRA_ADDONS (comma-separated absolute paths) adds test-only add-ons.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
export TZ=UTC
ADDONS="$ROOT/addons${EXTRA_ADDONS:+,$EXTRA_ADDONS}"
COMMON=(--addons-path="$ADDONS" -c "$ROOT/odoo.conf" --data-dir="$ROOT/.data")
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    sub=$1; shift
    exec "$ROOT/.venv/bin/python" "$ROOT/scripts/odoo-bin" --addons-path="$ADDONS" "$sub" "${COMMON[@]}" "$@"
fi
exec "$ROOT/.venv/bin/python" "$ROOT/scripts/odoo-bin" "${COMMON[@]}" "$@"
