#!/usr/bin/env bash
# `make run`: create the `callcenter` database with every add-on, demo data and
# the Chinese language (first time only; later runs install add-ons added since
# and update ours when their code changed), then serve Odoo with workers behind
# nginx so the long-polling port (live notifications) works.
#   DEMO=0 make run      a database without demo data (no demo users), e.g.
#                        DB=production DEMO=0 make run
#   make run NODES=2     two Odoo nodes (each with its workers and long-polling
#                        process) behind the one nginx on :8069, as several
#                        machines would run them (docs/DEPLOY.md); node k
#                        alone is at :8170+k-1
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-callcenter}
DEMO=${DEMO:-1}
NODES=${NODES:-1}
[[ "$NODES" =~ ^[1-9][0-9]*$ ]] || { echo "NODES must be a number >= 1, not '$NODES'" >&2; exit 2; }
export NODES
PY=.venv/bin/python

ours=$($PY scripts/addons.py ours addons)
# Chinese first: the first language is every new partner's default; English
# stays active so that users can choose it in Preferences (and Odoo's English
# amount in words finds its language)
langs=zh_CN,en_US
if [ "$DEMO" = 0 ]; then
    scripts/db_ensure.sh "$DB" "$ours" --load-language=$langs --without-demo=all
else
    scripts/db_ensure.sh "$DB" "$ours" --load-language=$langs
fi
# databases made before with zh_CN alone: activate English
if [ "$(psql -qtA -d "$DB" -c "select active from res_lang where code='en_US'")" != t ]; then
    echo "[db] activating English in $DB"
    scripts/odoo.sh -d "$DB" --load-language=en_US --stop-after-init --workers=0 \
        --max-cron-threads=0 --log-level=warn
fi

if [ "$NODES" -gt 1 ]; then
    echo
    echo "  $NODES Odoo nodes behind nginx on :8069 (pages round robin, /longpolling to"
    echo "  the long-polling process with the fewest connections); each node alone:"
    for ((k = 0; k < NODES; k++)); do
        echo "    node $((k + 1)): http://127.0.0.1:$((8170 + k))  (workers :$((18069 + k)),"\
             "long polling :$((8072 + k)))"
    done
fi
echo
echo "  Master password (database manager): .data/master-password, or set ODOO_MASTER_PASSWORD"
if [ "$DEMO" = 0 ]; then cat <<TXT

  Call Center is at  http://127.0.0.1:8069  (database $DB, no demo data)
  Log in as admin / admin and change that password at once (Preferences).

TXT
else cat <<TXT

  Call Center is at  http://127.0.0.1:8069  (nginx in front: /longpolling goes to the
  long-polling process on :8072, the rest to the Odoo workers on :18069)
  Demo logins (user / password):
    admin      / admin      Administrator (all rights)
    manager    / manager    Manager          张经理
    supervisor / supervisor Supervisor       李班长
    expert     / expert     Expert seat      王专家
    agent      / agent      Agent (工号 1001) 赵坐席
    agent2     / agent2     Agent (工号 1002) 钱坐席 (售后服务部)
  Demo users exist only in a database with demo data: never expose it.

TXT
fi
# the AMI listener (screen pops, call records) beside the server
mkdir -p .run
scripts/odoo.sh telephony -d "$DB" --logfile="$PWD/.run/telephony.log" &
listener=$!
trap 'kill "$listener" 2>/dev/null || true' EXIT INT TERM
echo "  AMI listener running (log: .run/telephony.log); try the fake PBX with"
echo "    (cd tests && ../.venv-e2e/bin/python -m fakeami.server --port 5038 --style pjsip --scenario answered)"
echo
scripts/serve.sh "$DB"
