#!/usr/bin/env bash
# Install every add-on of addons/ alone on an empty database, with its
# declared dependencies only (scripts/check_install.py), at most 2 at a time.
# Needs what `make setup` brings (the Odoo venv, a running PostgreSQL);
# CI runs it after `make test`. Arguments go to check_install.py:
#   scripts/check_install.sh [--jobs N] [--prefix DBPREFIX] [--without-demo] [ADDON...]
set -euo pipefail
cd "$(dirname "$0")/.."
# the whole check must leave CI time to report: about 15 minutes normally
exec timeout --kill-after=60 45m .venv/bin/python scripts/check_install.py "$@"
