#!/usr/bin/env bash
# Serve one database the way it runs in production: Odoo with workers (so the
# long-polling process runs) behind nginx, which sends /longpolling to the
# long-polling port and everything else to the workers. Browsers only see
# PUBLIC_PORT. Used by `make run` and by the tests' live server.
#
#   serve.sh DB [extra odoo options]
#   env: PUBLIC_PORT (8069), ODOO_PORT (18069), LP_PORT (8072), RUN_DIR (.run/<DB>)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=$1; shift
PUBLIC_PORT=${PUBLIC_PORT:-8069}
ODOO_PORT=${ODOO_PORT:-18069}
LP_PORT=${LP_PORT:-8072}
RUN_DIR=${RUN_DIR:-$ROOT/.run/$DB}
mkdir -p "$RUN_DIR/nginx-tmp"

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
    access_log off;
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
    server {
        listen 127.0.0.1:$PUBLIC_PORT;
        location /longpolling { proxy_pass http://127.0.0.1:$LP_PORT; }
        location / { proxy_redirect off; proxy_pass http://127.0.0.1:$ODOO_PORT; }
    }
}
CONF

children=()
cleanup() { kill "${children[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 143' TERM INT

/usr/sbin/nginx -e "$RUN_DIR/nginx-error.log" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" &
children+=($!)
"$ROOT/scripts/odoo.sh" -d "$DB" --db-filter="^${DB}\$" --proxy-mode \
    --http-interface=127.0.0.1 --http-port="$ODOO_PORT" --longpolling-port="$LP_PORT" "$@" &
children+=($!)
# stop everything as soon as either process ends
wait -n
