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
    # the data dir of scripts/odoo.sh: the files the fixtures make (the
    # agents' avatars) are where the served Odoo reads them
    config.parse_config(["-c", os.path.join(ROOT, "odoo.conf"), "--addons-path=" + addons,
                         "--data-dir=" + os.path.join(ROOT, ".data"), "-d", db,
                         "--log-level=warn"])
    odoo.modules.module.initialize_sys_path()
    with api.Environment.manage():
        registry = odoo.registry(db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            try:
                yield env
            finally:
                cr.rollback()


MAGIC_COLUMNS = {"id", "create_uid", "create_date", "write_uid", "write_date"}


def column_defaults(Model, exclude):
    """Column values the ORM would give a new record of ``Model`` for its
    plain stored fields not in ``exclude``: the fixtures insert rows by SQL
    into tables that other add-ons extend (delivery makes stock_move's
    weight_uom_id NOT NULL, sale_warn adds NOT NULL columns to res_partner),
    so the bench database with every add-on needs them."""
    plain = [name for name, field in Model._fields.items()
             if field.store and field.column_type and not field.compute and not field.related
             and not field.company_dependent and name not in MAGIC_COLUMNS
             and name not in exclude]
    values = {}
    for name, value in Model.default_get(plain).items():
        column = Model._fields[name].convert_to_column(value, Model)
        if column is not None and column is not False or Model._fields[name].required:
            values[name] = column
    return values


def insert_select(env, model, columns, select, params):
    """``INSERT INTO <model's table> (columns...) <select>``, adding the
    ORM's defaults of the columns not given: ``select`` ends each of its
    select lists with ``{defaults}``."""
    from psycopg2 import sql
    Model = env[model]
    names = sorted(column_defaults(Model, set(columns)).items())
    query = sql.SQL("INSERT INTO {} ({}) ").format(
        sql.Identifier(Model._table),
        sql.SQL(", ").join(sql.Identifier(c) for c in list(columns) + [n for n, _v in names]))
    query += sql.SQL(select).format(defaults=sql.SQL("").join(
        sql.SQL(", {}").format(sql.Placeholder("d_" + n)) for n, _v in names))
    env.cr.execute(query, dict(params, **{"d_" + n: v for n, v in names}))


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
