#!/usr/bin/env python3
"""Install each add-on of ours alone, with only its declared dependencies.

usage: check_install.py [--jobs N] [--prefix P] [--without-demo] [ADDON...]

For every add-on under addons/ (or the ones named), a database copied from a
template that holds only `base` (and what Odoo auto-installs with it: web,
base_import...) gets `-i ADDON` with demo data: Odoo installs exactly the
add-on and its declared dependencies, so a missing `depends` entry, a data
file that needs another add-on's record or model, or an access rule for a
model the add-on does not know shows up as an install error.
--without-demo instead installs all of them together on one database without
demo data (what `DEMO=0 make run` does for production): a data file that
needs a demo record fails there. One pass for all is enough for that, since
the per-add-on pass already checks the dependencies. A log with CRITICAL/ERROR lines, a
traceback, a model without access rules or no "Modules loaded." fails as in
`make test` (scripts/odoo_log_summary.py): Odoo 11 exits 0 on some of them.

Prints one line per add-on ("ok"/"FAILED", seconds), the first error of each
failure, and exits non-zero if any failed. Databases (and their filestores)
are dropped afterwards; logs stay in .run/check_install/.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from odoo_log_summary import check

from addons import manifests, ordered

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO = os.path.join(ROOT, "scripts", "odoo.sh")
LOGS = os.path.join(ROOT, ".run", "check_install")
FILESTORE = os.path.join(ROOT, ".data", "filestore")
ODOO_ARGS = ["--stop-after-init", "--workers=0", "--max-cron-threads=0", "--log-level=info"]
TRACEBACK = re.compile(r"^Traceback \(most recent call last\)")
# the exception line that ends a traceback: "ValueError: Field `code` does not exist"
EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception): ")
# a field towards a model the add-on does not depend on: only a WARNING in Odoo 11
UNKNOWN_MODEL = re.compile(r" with unknown comodel_name ")
# one install must never use up CI's time (about 3 minutes normally)
INSTALL_TIMEOUT = 20 * 60
# createdb -T refuses a template another createdb is copying at that moment
CREATEDB_LOCK = threading.Lock()


def run(cmd, log=None, timeout=None):
    if log is None:
        return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=timeout).returncode
    with open(log, "w", encoding="utf-8") as handle:
        try:
            return subprocess.run(cmd, stdout=handle, stderr=subprocess.STDOUT,
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            handle.write("\n[check_install] no result within %d s\n" % timeout)
            return 124


def drop(db):
    run(["dropdb", "--if-exists", db])
    shutil.rmtree(os.path.join(FILESTORE, db), ignore_errors=True)


def problems(log, rc):
    """Problems of an install log, the first one followed by the first
    exception's message (what a reader wants: "Failed to load registry" alone
    says nothing)."""
    found, _ran, _failed = check(log, str(rc), False)
    with open(log, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    found += ["%s: %s" % (log, line.strip()[:400]) for line in lines if UNKNOWN_MODEL.search(line)]
    for number, line in enumerate(lines):
        if TRACEBACK.match(line):
            found.append("%s: a traceback at line %d" % (log, number + 1))
            break
    raised = next((line.strip() for line in lines if EXCEPTION.match(line)), None)
    if found and raised:
        found[0] = "%s\n    first exception: %s" % (found[0], raised[:400])
    return found


def make_template(db, without_demo):
    drop(db)
    log = os.path.join(LOGS, "%s.log" % db)
    started = time.time()
    args = ["--without-demo=all"] if without_demo else []
    rc = run([ODOO, "-d", db, "-i", "base"] + ODOO_ARGS + args, log, INSTALL_TIMEOUT)
    errors = problems(log, rc)
    print("check_install: template %s (base%s) %s in %.0f s"
          % (db, ", no demo" if without_demo else "", "FAILED" if errors else "ready",
             time.time() - started), flush=True)
    return errors


def install(addon, modules, template, db, args=()):
    started = time.time()
    drop(db)
    with CREATEDB_LOCK:
        rc = run(["createdb", "-T", template, db])
    if rc:
        return addon, ["createdb -T %s %s failed (status %s)" % (template, db, rc)], 0.0
    source = os.path.join(FILESTORE, template)
    if os.path.isdir(source):
        shutil.copytree(source, os.path.join(FILESTORE, db))
    log = os.path.join(LOGS, "%s.log" % addon)
    rc = run([ODOO, "-d", db, "-i", modules] + ODOO_ARGS + list(args), log, INSTALL_TIMEOUT)
    errors = problems(log, rc)
    drop(db)
    return addon, errors, time.time() - started


def closure(name, found):
    """Add-ons of ours that installing `name` installs too (itself included)."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in found and current not in seen:
            seen.add(current)
            todo.extend(found[current].get("depends", []))
    return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("addons", nargs="*", help="default: every installable add-on of addons/")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("CHECK_INSTALL_JOBS", 2)))
    parser.add_argument("--prefix", default=os.environ.get("CHECK_INSTALL_PREFIX", "check_install"))
    parser.add_argument("--without-demo", action="store_true",
                        help="all add-ons on one database without demo data")
    options = parser.parse_args()
    found = manifests([os.path.join(ROOT, "addons")])
    names = options.addons or [n for n in ordered(found) if found[n].get("installable", True)]
    unknown = sorted(set(names) - set(found))
    if unknown:
        sys.exit("check_install: not an add-on of addons/: %s" % ", ".join(unknown))
    # the add-ons that install the most first: the two slots end together
    names.sort(key=lambda n: (-len(closure(n, found)), n))
    os.makedirs(LOGS, exist_ok=True)
    started = time.time()
    template = "%s_%s" % (options.prefix, "tpl_nodemo" if options.without_demo else "tpl")
    # Odoo 11 loads the demo data of the add-ons named by -i unless told not
    # to, whatever the database says
    args = ["--without-demo=all"] if options.without_demo else []
    if options.without_demo:
        todo = [("all_without_demo", ",".join(names))]
    else:
        todo = [(name, name) for name in names]
    failed = {}
    errors = make_template(template, options.without_demo)
    if errors:
        failed["(template)"] = errors
    else:
        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            jobs = [pool.submit(install, label, modules, template,
                                "%s_%s" % (options.prefix, label), args)
                    for label, modules in todo]
            for job in as_completed(jobs):
                addon, errors, seconds = job.result()
                status = "FAILED" if errors else "ok"
                print("check_install: %-22s %-6s %4.0f s" % (addon, status, seconds), flush=True)
                if errors:
                    failed[addon] = errors
    drop(template)
    for addon, errors in sorted(failed.items()):
        print("check_install: %s does not install: %s" % (addon, errors[0]))
        print("check_install:   (%d problem(s); log in %s)" % (len(errors), LOGS))
    print("check_install: %d add-on(s)%s, %d failed, %.0f s in total (%d at a time)"
          % (len(names), " without demo" if options.without_demo else "", len(failed),
             time.time() - started, options.jobs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
