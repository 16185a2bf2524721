#!/usr/bin/env bash
# `make run`: create the `callcenter` database with every add-on, demo data and
# the Chinese language (first time only; later runs install add-ons added since
# and update ours when their code changed), then serve Odoo with workers behind
# nginx so the long-polling port (live notifications) works.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-callcenter}
PY=.venv/bin/python

ours=$($PY scripts/addons.py ours addons)
scripts/db_ensure.sh "$DB" "$ours" --load-language=zh_CN

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
# the AMI listener (screen pops, call records) beside the server
mkdir -p .run
scripts/odoo.sh telephony -d "$DB" --logfile="$PWD/.run/telephony.log" &
listener=$!
trap 'kill "$listener" 2>/dev/null || true' EXIT INT TERM
echo "  AMI listener running (log: .run/telephony.log); try the fake PBX with"
echo "    (cd tests && ../.venv-e2e/bin/python -m fakeami.server --port 5038 --style pjsip --scenario answered)"
echo
scripts/serve.sh "$DB"
