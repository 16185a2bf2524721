#!/usr/bin/env bash
# Serve one database the way it runs in production: Odoo with workers (so the
# long-polling process runs) behind nginx, which sends /longpolling to the
# long-polling port and everything else to the workers. Browsers only see
# PUBLIC_PORT. Used by `make run` and by the tests' live server.
#
#   serve.sh DB [extra odoo options, given to every node]
#   env: PUBLIC_PORT (8069), ODOO_PORT (18069), LP_PORT (8072), RUN_DIR (.run/<DB>)
#
# NODES=N (default 1) starts N Odoo nodes on this machine, each with its own
# workers and long-polling process, against the one database and the one data
# dir (sessions and filestore are shared, as on an NFS mount in production;
# see docs/DEPLOY.md). nginx balances PUBLIC_PORT over all of them: plain
# round robin for pages and RPC, least connections for /longpolling (any
# node's long-polling process answers any browser: the bus goes through
# PostgreSQL NOTIFY). Node k also has a port of its own, NODE_PORT+k-1
# (8170, 8171, ...), that only reaches that node's workers and long polling,
# for tests and for looking at one node.
#   env (NODES > 1): node k's ports are ODOO_PORT+k-1, LP_PORT+k-1 and
#   NODE_PORT+k-1 (8170), or the k-th word of ODOO_PORTS, LP_PORTS, NODE_PORTS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=$1; shift
NODES=${NODES:-1}
PUBLIC_PORT=${PUBLIC_PORT:-8069}
ODOO_PORT=${ODOO_PORT:-18069}
LP_PORT=${LP_PORT:-8072}
NODE_PORT=${NODE_PORT:-8170}
RUN_DIR=${RUN_DIR:-$ROOT/.run/$DB}
mkdir -p "$RUN_DIR/nginx-tmp"
[[ "$NODES" =~ ^[1-9][0-9]*$ ]] || { echo "NODES must be a number >= 1, not '$NODES'" >&2; exit 2; }

read -r -a odoo_ports <<<"${ODOO_PORTS:-}"
read -r -a lp_ports <<<"${LP_PORTS:-}"
read -r -a node_ports <<<"${NODE_PORTS:-}"
for ((k = 0; k < NODES; k++)); do
    odoo_ports[k]=${odoo_ports[k]:-$((ODOO_PORT + k))}
    lp_ports[k]=${lp_ports[k]:-$((LP_PORT + k))}
    node_ports[k]=${node_ports[k]:-$((NODE_PORT + k))}
done

upstreams=""
balance=""
nodes_servers=""
log_conf="access_log off;"
if [ "$NODES" -gt 1 ]; then
    # which node answered what: tests and operators read it
    # (then the request's seconds and when it ended, in epoch seconds)
    log_conf="log_format upstream '\$time_iso8601 \$server_port \$upstream_addr \$status \$request_method \$uri \$request_time \$msec';
    access_log $RUN_DIR/nginx-access.log upstream;"
    # a node that refuses connections is skipped for 10 s; nginx never
    # re-sends a POST (every RPC) to another node, so nothing runs twice
    web_servers="" lp_servers=""
    for ((k = 0; k < NODES; k++)); do
        web_servers+="        server 127.0.0.1:${odoo_ports[k]} max_fails=1 fail_timeout=10s;
"
        lp_servers+="        server 127.0.0.1:${lp_ports[k]} max_fails=1 fail_timeout=10s;
"
        nodes_servers+="    server {
        listen 127.0.0.1:${node_ports[k]};
        location /longpolling { proxy_pass http://127.0.0.1:${lp_ports[k]}; }
        location / { proxy_redirect off; proxy_pass http://127.0.0.1:${odoo_ports[k]}; }
    }
"
    done
    upstreams="upstream odoo_web {
$web_servers    }
    upstream odoo_longpolling {
        least_conn;
$lp_servers    }"
    web_target=http://odoo_web
    lp_target=http://odoo_longpolling
    # a lost machine (no answer at all) is given up on after 5 s, not 720
    balance="proxy_connect_timeout 5s; "
else
    web_target=http://127.0.0.1:${odoo_ports[0]}
    lp_target=http://127.0.0.1:${lp_ports[0]}
fi

cat >"$RUN_DIR/nginx.conf" <<CONF
worker_processes 1;
# a floor of 300 agents holds ~300 long polls and ~600 other keep-alive
# connections, each proxied on a second one: 1,024 made nginx drop requests
worker_rlimit_nofile 16384;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log warn;
daemon off;
events { worker_connections 8192; }
http {
    $log_conf
    client_body_temp_path $RUN_DIR/nginx-tmp/body;
    proxy_temp_path $RUN_DIR/nginx-tmp/proxy;
    fastcgi_temp_path $RUN_DIR/nginx-tmp/fastcgi;
    uwsgi_temp_path $RUN_DIR/nginx-tmp/uwsgi;
    scgi_temp_path $RUN_DIR/nginx-tmp/scgi;
    client_max_body_size 200m;
    # bodies up to 1 MB stay in memory: nginx's workers may not be allowed to
    # write the checkout's temp folder (a checkout under a private mktemp dir)
    client_body_buffer_size 1m;
    proxy_read_timeout 720s;
    proxy_connect_timeout 720s;
    proxy_send_timeout 720s;
    proxy_buffering off;
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_set_header X-Real-IP \$remote_addr;
    $upstreams
    server {
        listen 127.0.0.1:$PUBLIC_PORT;
        location /longpolling { ${balance}proxy_pass $lp_target; }
        location / { ${balance}proxy_redirect off; proxy_pass $web_target; }
    }
$nodes_servers}
CONF

children=()
cleanup() { kill "${children[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 143' TERM INT

for ((k = 0; k < NODES; k++)); do
    "$ROOT/scripts/odoo.sh" -d "$DB" --db-filter="^${DB}\$" --proxy-mode \
        --http-interface=127.0.0.1 --http-port="${odoo_ports[k]}" \
        --longpolling-port="${lp_ports[k]}" "$@" &
    children+=($!)
done
# A long-polling process loads the registry at its first poll, and with a
# floor's first polls arriving together one of them failed in Odoo 11
# (docs/DEPLOY.md): nginx opens to the browsers once each long-polling
# process has answered one poll (none without workers).
case " $* " in
    *" --workers=0 "* | *" --workers 0 "*) lp_ready=1 ;;
    *) lp_ready=0 ;;
esac
peek='{"jsonrpc": "2.0", "method": "call", "params": {"channels": [], "last": 0, "options": {"peek": true}}}'
for ((k = 0; k < NODES && !lp_ready; k++)); do
    answered=0
    for ((try = 0; try < 600; try++)); do
        if curl -sf -o /dev/null -m 60 -H 'Content-Type: application/json' -d "$peek" \
                "http://127.0.0.1:${lp_ports[k]}/longpolling/poll"; then
            answered=1
            break
        fi
        for child in "${children[@]}"; do
            kill -0 "$child" 2>/dev/null || { echo "an Odoo node exited before serving" >&2; exit 1; }
        done
        sleep 0.5
    done
    if [ "$answered" != 1 ]; then
        echo "the long-polling process on port ${lp_ports[k]} did not answer in 5 minutes" >&2
        exit 1
    fi
done
/usr/sbin/nginx -e "$RUN_DIR/nginx-error.log" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" &
children+=($!)
# stop everything as soon as any process ends
wait -n
