#!/usr/bin/env bash
# Idempotent setup shared by `make run`, `make test` and `make bench`:
# system packages, Python 3.7 venv with pinned Odoo 11, lessc, the browser-test
# venv, and a running PostgreSQL with a role for the current user.
# Every step checks first, so a second run takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. System packages (Debian). wkhtmltopdf (+ fonts-noto-cjk for Chinese)
# prints the PDF reports; poppler-utils' pdftotext lets the tests read them.
APT_PKGS="postgresql libldap2-dev libsasl2-dev libpq-dev libxml2-dev libxslt1-dev
 libjpeg-dev zlib1g-dev chromium chromium-driver fonts-noto-cjk nginx nodejs npm
 wkhtmltopdf poppler-utils"
missing=""
for p in $APT_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || missing="$missing $p"
done
# nodejs/npm may come from elsewhere than Debian: accept any working npm.
if command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | tr ' ' '\n' | grep -vxE 'nodejs|npm' | tr '\n' ' ' || true)
fi
if [ -n "${missing// /}" ]; then
    log "installing Debian packages:$missing"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# 2. Python 3.7 and the Odoo venv.
find_py37() {
    local c
    for c in "${PYTHON37:-}" \
             "$(command -v pyenv >/dev/null 2>&1 && echo "$(pyenv root)"/versions/3.7*/bin/python | tr ' ' '\n' | tail -n1)" \
             "$HOME"/.pyenv/versions/3.7*/bin/python python3.7; do
        [ -n "$c" ] || continue
        if "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 7))' >/dev/null 2>&1; then
            echo "$c"; return 0
        fi
    done
    return 1
}
# Steps 2–4 download and unpack independently: run them side by side (on a
# fresh machine this is most of the setup time).
odoo_venv() {
    local req_hash
    req_hash=$(sha256sum < requirements/odoo.txt | cut -c1-16)
    if [ ! -x .venv/bin/python ] || [ "$(cat .venv/.req-hash 2>/dev/null)" != "$req_hash" ]; then
        PY37=$(find_py37) || die "Python 3.7 not found: Odoo 11 needs it. Install it (pyenv install 3.7) or set PYTHON37=/path/to/python3.7"
        [ -x .venv/bin/python ] || { log "creating .venv with $PY37"; "$PY37" -m venv .venv; }
        log "installing pinned Odoo 11 and Python requirements (first time: a few minutes)"
        .venv/bin/pip install -q --disable-pip-version-check -r requirements/odoo.txt 2> >(grep -v "is ignored" >&2)
        echo "$req_hash" > .venv/.req-hash
    fi
}

# 3. Browser/XML-RPC test venv (Python 3.11 from the image; any 3.8+ works).
e2e_venv() {
    local e2e_hash PY3="" c
    e2e_hash=$(sha256sum < requirements/e2e.txt | cut -c1-16)
    if [ ! -x .venv-e2e/bin/python ] || [ "$(cat .venv-e2e/.req-hash 2>/dev/null)" != "$e2e_hash" ]; then
        for c in "${PYTHON3:-}" python3.11 python3; do
            [ -n "$c" ] || continue
            if "$c" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 8))' >/dev/null 2>&1; then PY3=$c; break; fi
        done
        [ -n "$PY3" ] || die "no Python >= 3.8 found for the browser tests"
        [ -x .venv-e2e/bin/python ] || "$PY3" -m venv .venv-e2e
        log "installing the browser-test requirements"
        .venv-e2e/bin/pip install -q --disable-pip-version-check -r requirements/e2e.txt 2> >(grep -v "is ignored" >&2)
        echo "$e2e_hash" > .venv-e2e/.req-hash
    fi
}

# 4. lessc for Odoo's back-end assets.
lessc_tool() {
    if [ ! -x .tools/node_modules/.bin/lessc ]; then
        log "installing lessc (less@3.13.1)"
        npm install --silent --no-audit --no-fund --prefix .tools less@3.13.1 >/dev/null
    fi
}

pids=()
odoo_venv & pids+=($!)
e2e_venv & pids+=($!)
lessc_tool & pids+=($!)
for pid in "${pids[@]}"; do
    wait "$pid" || die "a setup step failed (see the messages above)"
done

# 5. PostgreSQL running, with a superuser role for the current user.
cluster=$(pg_lsclusters -h | head -n1)
[ -n "$cluster" ] || die "no PostgreSQL cluster found (pg_lsclusters is empty)"
read -r pg_ver pg_name _ pg_state _ <<<"$cluster"
if [ "$pg_state" != "online" ]; then
    log "starting PostgreSQL $pg_ver/$pg_name"
    as_root pg_ctlcluster --skip-systemctl-redirect "$pg_ver" "$pg_name" start
fi
for _ in $(seq 1 60); do pg_isready -q && break; sleep 0.5; done
pg_isready -q || die "PostgreSQL did not become ready"
me=$(id -un)
if ! as_root su postgres -c "psql -tAc \"select 1 from pg_roles where rolname='$me'\"" | grep -q 1; then
    log "creating PostgreSQL role $me"
    as_root su postgres -c "createuser -s '$me'"
fi
log "ready"
