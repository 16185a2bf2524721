"""The call summaries behind ``crm.call.statistics`` (issue 18: a month is
~400,000 calls): finished calls counted per local hour without agent
(``crm_call_summary_hour``: the time and queue screens) and per local day
with agent and department (``crm_call_summary_day``: the agent screens),
kept by a trigger on ``crm_call`` (insert, delete, and updates of the
columns they depend on) and rebuilt from the calls when the trigger is new
(or by ``_cc_rebuild_summary``). Each row holds sums and counts only, so
that every figure of the statistics (rates and averages too) is a ratio of
sums, the same from the calls and from the summaries."""
from odoo.addons.crm_callcenter import localtime

from .crm_call import SERVICE_LEVEL_SECONDS

#: a call's local hour / day start on its company's clock, in UTC; its local hour
HOUR = """((date_trunc('hour', (r.date_start AT TIME ZONE 'UTC') AT TIME ZONE z.tz)
            AT TIME ZONE z.tz) AT TIME ZONE 'UTC')"""
DAY = HOUR.replace("'hour'", "'day'")
LOCAL_HOUR = "EXTRACT(hour FROM (r.date_start AT TIME ZONE 'UTC') AT TIME ZONE z.tz)::int"

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
    zone = """(SELECT COALESCE(c.cc_tz, %s) AS tz FROM res_company c
                WHERE c.id = r.company_id) z"""
    upserts = []
    for table, (bucket, expr, dims) in TABLES.items():
        upserts.append("""
            INSERT INTO {table} AS s ({keys}, {counters})
            SELECT {expr}, {dims}, {values} FROM {zone}
            ON CONFLICT ({keys}) DO UPDATE SET {sums};""".format(
            table=table, keys=", ".join(_keys(table)),
            counters=", ".join(name for name, _sql in COUNTERS), expr=expr,
            dims=", ".join(sql for _name, sql, _kind in dims),
            values=", ".join("sign * (%s)" % sql for _name, sql in COUNTERS), zone=zone,
            sums=", ".join("%s = s.%s + EXCLUDED.%s" % (name, name, name)
                           for name, _sql in COUNTERS)))
    cr.execute("""
        CREATE OR REPLACE FUNCTION crm_call_summary_add(r crm_call, sign integer)
        RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            IF r.state IS DISTINCT FROM 'done' OR r.date_start IS NULL THEN
                RETURN;
            END IF;
            {upserts}
        END $$;
        CREATE OR REPLACE FUNCTION crm_call_summary_trigger() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM crm_call_summary_add(OLD, -1);
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                PERFORM crm_call_summary_add(NEW, 1);
            END IF;
            RETURN NULL;
        END $$""".format(upserts="".join(upserts)),
               (localtime.DEFAULT_TZ,) * len(TABLES))
    cr.execute("SELECT 1 FROM pg_trigger WHERE tgname = 'crm_call_summary_update'")
    if cr.fetchone():
        return
    # pylint: disable=sql-injection  # DDL from this module's constants, no input
    cr.execute("""
        CREATE TRIGGER crm_call_summary_insert_delete AFTER INSERT OR DELETE ON crm_call
            FOR EACH ROW EXECUTE PROCEDURE crm_call_summary_trigger();
        CREATE TRIGGER crm_call_summary_update AFTER UPDATE ON crm_call
            FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new}))
            EXECUTE PROCEDURE crm_call_summary_trigger()""".format(
        old=", ".join("OLD.%s" % name for name in WATCHED),
        new=", ".join("NEW.%s" % name for name in WATCHED)))
    rebuild(cr)


def rebuild(cr):
    """Both summaries again from the calls (in one transaction: the
    trigger's own updates wait for it)."""
    # pylint: disable=sql-injection  # DDL from this module's constants, no input
    cr.execute("LOCK TABLE %s IN EXCLUSIVE MODE; SET LOCAL work_mem = '256MB'"
               % ", ".join(TABLES))
    for table, (_bucket, expr, dims) in TABLES.items():
        cr.execute("""
            TRUNCATE {table};
            INSERT INTO {table} ({keys}, {counters})
            SELECT {expr}, {dims}, {values}
              FROM crm_call r
              JOIN (SELECT id, COALESCE(cc_tz, %s) AS tz FROM res_company) z
                ON z.id = r.company_id
             WHERE r.state = 'done' AND r.date_start IS NOT NULL
             GROUP BY {groups}
             ORDER BY 1;  -- a period's rows together on disk (as the trigger adds them)
            ANALYZE {table}""".format(
            table=table, keys=", ".join(_keys(table)),
            counters=", ".join(name for name, _sql in COUNTERS), expr=expr,
            dims=", ".join(sql for _name, sql, _kind in dims),
            values=", ".join("sum(%s)" % sql for _name, sql in COUNTERS),
            groups=", ".join(str(i + 1) for i in range(len(dims) + 1))),
            (localtime.DEFAULT_TZ,))
