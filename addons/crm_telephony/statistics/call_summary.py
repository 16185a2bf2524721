"""The call summaries behind ``crm.call.statistics`` (issue 18: a month is
~400,000 calls): finished calls counted per local hour without agent
(``crm_call_summary_hour``: the time and queue screens) and per local day
with agent and department (``crm_call_summary_day``: the agent screens),
kept by a trigger on ``crm_call`` (insert, delete, and updates of the
columns they depend on) and rebuilt from the calls when the trigger is new
(or by ``_cc_rebuild_summary``). Each row holds sums and counts only, so
that every figure of the statistics (rates and averages too) is a ratio of
sums, the same from the calls and from the summaries."""
from ..constants import SERVICE_LEVEL_SECONDS
from . import summary
from .summary import DAY, HOUR, LOCAL_HOUR

#: (column, SQL of one call's value); summed per bucket
COUNTERS = [
    ("calls", "1"),
    ("answered", "(r.date_answer IS NOT NULL)::int"),
    ("abandoned", "(r.result = 'abandoned')::int"),
    ("outbound", "(r.direction = 'outbound')::int"),
    ("talk_seconds", "COALESCE(r.talk_seconds, 0)"),
    # the averages' sums and counts (what AVG of the raw rows divides)
    ("answered_talk_seconds",
     "CASE WHEN r.date_answer IS NOT NULL THEN COALESCE(r.talk_seconds, 0) ELSE 0 END"),
    ("answered_talks", "(r.date_answer IS NOT NULL AND r.talk_seconds IS NOT NULL)::int"),
    ("answer_wait_seconds", """CASE WHEN r.date_answer IS NOT NULL AND r.direction = 'inbound'
                                    THEN COALESCE(r.wait_seconds, 0) ELSE 0 END"""),
    ("answer_waits", """(r.date_answer IS NOT NULL AND r.direction = 'inbound'
                         AND r.wait_seconds IS NOT NULL)::int"""),
    ("inbound", "(r.direction = 'inbound')::int"),
    ("within_20", """(r.direction = 'inbound' AND r.date_answer IS NOT NULL
                                 AND r.wait_seconds <= %d)::int""" % SERVICE_LEVEL_SECONDS),
    ("satisfaction_sum", "COALESCE(r.satisfaction, 0)"),
    ("rated", "(r.satisfaction IS NOT NULL)::int"),
]
# a comparison with NULL (a call without result, an answer without wait) is 0
COUNTERS = [(name, "COALESCE(%s, 0)" % sql) for name, sql in COUNTERS]

#: table: (bucket column, its SQL, other dimension columns and their SQL)
TABLES = {
    "crm_call_summary_hour": ("hour", HOUR, [
        ("local_hour", LOCAL_HOUR, "integer"), ("company_id", "r.company_id", "integer"),
        ("direction", "r.direction", "varchar"), ("result", "r.result", "varchar"),
        ("queue", "r.queue", "varchar")]),
    "crm_call_summary_day": ("day", DAY, [
        ("company_id", "r.company_id", "integer"), ("direction", "r.direction", "varchar"),
        ("result", "r.result", "varchar"), ("queue", "r.queue", "varchar"),
        ("user_id", "r.user_id", "integer"), ("department_id", "r.department_id", "integer")]),
}

#: the crm_call columns the summaries read
WATCHED = ("state", "date_start", "date_answer", "result", "direction", "queue", "user_id",
           "department_id", "company_id", "talk_seconds", "wait_seconds", "satisfaction")


def _keys(table):
    bucket, _expr, dims = TABLES[table]
    return [bucket] + [name for name, _sql, _type in dims]


def _key_values(table):
    _bucket, expr, dims = TABLES[table]
    return [expr] + [sql for _name, sql, _kind in dims]


def create(cr):
    """Tables, functions and trigger; the content when the trigger is new."""
    for table, (bucket, _expr, dims) in TABLES.items():
        columns = ", ".join(["%s timestamp NOT NULL" % bucket]
                            + ["%s %s" % (name, kind) for name, _sql, kind in dims]
                            + ["%s bigint NOT NULL DEFAULT 0" % name for name, _sql in COUNTERS])
        # NULLS NOT DISTINCT (PostgreSQL 15): a call without queue or agent is
        # a bucket of its own, as in the raw rows
        # pylint: disable=sql-injection  # DDL from this module's constants, no input
        cr.execute("""
            CREATE TABLE IF NOT EXISTS {table} (id serial PRIMARY KEY, {columns});
            CREATE UNIQUE INDEX IF NOT EXISTS {table}_key ON {table} ({keys})
                NULLS NOT DISTINCT""".format(table=table, columns=columns,
                                             keys=", ".join(_keys(table))))
    counters = [name for name, _sql in COUNTERS]
    upserts = [summary.upsert(table, _keys(table), counters, _key_values(table) + [
        "sign * (%s)" % sql for _name, sql in COUNTERS]) for table in TABLES]
    if summary.create_trigger(cr, "crm_call", "crm_call_summary",
                              "r.state IS DISTINCT FROM 'done' OR r.date_start IS NULL",
                              upserts, WATCHED):
        rebuild(cr)


def rebuild(cr):
    """Both summaries again from the calls (in one transaction: the
    trigger's own updates wait for it)."""
    summary.lock(cr, TABLES)
    for table in TABLES:
        summary.refill(cr, table, list(zip(_keys(table), _key_values(table))),
                       [(name, "sum(%s)" % sql) for name, sql in COUNTERS],
                       "crm_call", "r.state = 'done' AND r.date_start IS NOT NULL")
