#!/usr/bin/env bash
# `make lint`: flake8, isort and pylint-odoo (11.0 rules) over our Python, and
# no product file over 400 lines without a reason (scripts/check_file_size.py).
set -euo pipefail
cd "$(dirname "$0")/.."
hash=$(sha256sum requirements/lint.txt | cut -c1-16)
if [ ! -x .venv-lint/bin/python ] || [ "$(cat .venv-lint/.req-hash 2>/dev/null)" != "$hash" ]; then
    PY37=$(ls -d "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.7*/bin/python 2>/dev/null | tail -n1)
    [ -x "${PYTHON37:-$PY37}" ] || { echo "Python 3.7 not found (set PYTHON37)"; exit 1; }
    "${PYTHON37:-$PY37}" -m venv .venv-lint
    .venv-lint/bin/pip install -q --disable-pip-version-check -r requirements/lint.txt 2> >(grep -v "is ignored" >&2)
    echo "$hash" > .venv-lint/.req-hash
fi
PATHS=(addons tests bench scripts/addons.py scripts/odoo_log_summary.py scripts/junit_summary.py
    scripts/check_file_size.py scripts/check_install.py)
status=0
echo "[lint] flake8"; .venv-lint/bin/flake8 "${PATHS[@]}" || status=1
echo "[lint] isort"; .venv-lint/bin/isort --check-only --diff "${PATHS[@]}" || status=1
echo "[lint] pylint-odoo"
.venv-lint/bin/pylint --rcfile=.pylintrc addons/* tests/odoo_addons/* || status=1
echo "[lint] file size"; .venv-lint/bin/python scripts/check_file_size.py addons || status=1
[ $status -eq 0 ] && echo "[lint] clean"
exit $status
