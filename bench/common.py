"""Shared helpers for the benchmarks: open an Odoo environment on the bench
database, time things, print the one-line verdict `make bench` expects."""
import argparse
import os
import statistics
import sys
import time
from contextlib import contextmanager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args(description, known=False):
    """The bench's options; ``known``: also return the arguments left for
    a script it runs (``args, rest``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "callcenter_bench"))
    return parser.parse_known_args() if known else parser.parse_args()


@contextmanager
def environment(db):
    """Yield a superuser env on ``db``; everything is rolled back at the end,
    so a benchmark leaves the database as it found it (except for data it
    commits on purpose with ``env.cr.commit()`` in its own setup)."""
    os.environ.setdefault("TZ", "UTC")
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.tools import config

    addons = ",".join([os.path.join(ROOT, "addons"), os.path.join(ROOT, "tests", "odoo_addons")])
    config.parse_config(["-c", os.path.join(ROOT, "odoo.conf"), "--addons-path=" + addons,
                         "-d", db, "--log-level=warn"])
    odoo.modules.module.initialize_sys_path()
    with api.Environment.manage():
        registry = odoo.registry(db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            try:
                yield env
            finally:
                cr.rollback()


def timed(func, repeat, setup=None):
    """Run ``func`` ``repeat`` times; return the list of durations in ms."""
    durations = []
    for index in range(repeat):
        if setup:
            setup(index)
        start = time.perf_counter()
        func(index)
        durations.append((time.perf_counter() - start) * 1000.0)
    return durations


def median(values):
    return statistics.median(values)


def verdict(name, value, unit, op, target, detail=""):
    ok = value <= target if op == "<=" else value >= target
    if detail:
        print("  " + detail)
    print("bench %s: %.2f %s (target %s %s) %s"
          % (name, value, unit, op, target, "ok" if ok else "MISSED"))
    sys.stdout.flush()
    return ok
