#!/usr/bin/env bash
# `make run`: create the `callcenter` database with every add-on and demo data
# (first time only; later runs install only add-ons added since), then serve
# Odoo with workers so the long-polling port (live notifications) works.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-callcenter}
PY=.venv/bin/python
log() { printf '[run] %s\n' "$*"; }

ours=$($PY scripts/addons.py ours addons)
if ! psql -lqtA | cut -d'|' -f1 | grep -qx "$DB"; then
    log "creating database $DB with demo data and add-ons: $ours (first time: a few minutes)"
    scripts/odoo.sh -d "$DB" -i "$ours" --stop-after-init --log-level=warn --workers=0 --max-cron-threads=0
else
    installed=$(psql -qtA -d "$DB" -c "select name from ir_module_module where state='installed'")
    todo=$(tr ',' '\n' <<<"$ours" | grep -vxF "$installed" | paste -sd, || true)
    if [ -n "$todo" ]; then
        log "installing new add-ons into $DB: $todo"
        scripts/odoo.sh -d "$DB" -i "$todo" --stop-after-init --log-level=warn --workers=0 --max-cron-threads=0
    fi
fi

cat <<TXT

  Call Center is at  http://127.0.0.1:8069  (nginx in front: /longpolling goes to the
  long-polling process on :8072, the rest to the Odoo workers on :18069)
  Demo logins (user / password):
    admin      / admin      Administrator (all rights)
    manager    / manager    Manager          张经理
    supervisor / supervisor Supervisor       李班长
    expert     / expert     Expert seat      王专家
    agent      / agent      Agent (工号 1001) 赵坐席
    agent2     / agent2     Agent (工号 1002) 钱坐席 (售后服务部)

TXT
exec scripts/serve.sh "$DB"
