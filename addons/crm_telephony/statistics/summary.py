"""What the summaries of the statistics share (issue 18: a month is
~400,000 calls and ~1 million agent-state periods): a row's bucket on its
company's clock, the trigger that adds a row to its buckets and takes it
out again, and the refill of a summary from its rows.

In the SQL below ``r`` is a row (a call, an agent-state period) and
``z.tz`` the time zone of its company."""
from odoo.addons.crm_callcenter import localtime

#: a row's local hour / day start on its company's clock, in UTC; its local hour
HOUR = """((date_trunc('hour', (r.date_start AT TIME ZONE 'UTC') AT TIME ZONE z.tz)
            AT TIME ZONE z.tz) AT TIME ZONE 'UTC')"""
DAY = HOUR.replace("'hour'", "'day'")
LOCAL_HOUR = "EXTRACT(hour FROM (r.date_start AT TIME ZONE 'UTC') AT TIME ZONE z.tz)::int"

#: the zone ``z`` of one row's company (in a trigger); one parameter, the default zone
ROW_ZONE = """(SELECT COALESCE(c.cc_tz, %s) AS tz FROM res_company c
                WHERE c.id = r.company_id) z"""
#: the zones ``z`` of all companies (joined on ``z.id``); one parameter, the default zone
COMPANY_ZONES = "(SELECT id, COALESCE(cc_tz, %s) AS tz FROM res_company)"


def upsert(table, keys, counters, values):
    """SQL adding one row (``r``, its zone ``z``: see ROW_ZONE) to its
    bucket of ``table``: ``keys`` the bucket's columns and ``values`` their
    SQL then the counters', the ``counters`` summed on conflict."""
    # pylint: disable=sql-injection  # from this package's constants, no input
    return """
        INSERT INTO {table} AS s ({keys}, {counters})
        SELECT {values} FROM {zone}
        ON CONFLICT ({keys}) DO UPDATE SET {sums};""".format(
        table=table, keys=", ".join(keys), counters=", ".join(counters),
        values=", ".join(values), zone=ROW_ZONE,
        sums=", ".join("%s = s.%s + EXCLUDED.%s" % (name, name, name) for name in counters))


def create_trigger(cr, source, prefix, skip, upserts, watched):
    """The functions ``<prefix>_add(r <source>, sign)``, which runs the
    ``upserts`` (see :func:`upsert`; ``sign`` is 1 or -1) unless ``skip``
    (SQL on ``r``) holds, and ``<prefix>_trigger()``, which takes the old
    row out and adds the new one; then, unless they exist, the triggers
    on ``source`` (an update only when one of the ``watched`` columns
    changed). True when the triggers are new: the summaries must then be
    filled from the rows."""
    # pylint: disable=sql-injection  # DDL from this package's constants, no input
    cr.execute("""
        CREATE OR REPLACE FUNCTION {prefix}_add(r {source}, sign integer)
        RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            IF {skip} THEN
                RETURN;
            END IF;
            {upserts}
        END $$;
        CREATE OR REPLACE FUNCTION {prefix}_trigger() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM {prefix}_add(OLD, -1);
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                PERFORM {prefix}_add(NEW, 1);
            END IF;
            RETURN NULL;
        END $$""".format(prefix=prefix, source=source, skip=skip, upserts="".join(upserts)),
               (localtime.DEFAULT_TZ,) * len(upserts))
    cr.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s", ("%s_update" % prefix,))
    if cr.fetchone():
        return False
    # pylint: disable=sql-injection  # DDL from this package's constants, no input
    cr.execute("""
        CREATE TRIGGER {prefix}_insert_delete AFTER INSERT OR DELETE ON {source}
            FOR EACH ROW EXECUTE PROCEDURE {prefix}_trigger();
        CREATE TRIGGER {prefix}_update AFTER UPDATE ON {source}
            FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new}))
            EXECUTE PROCEDURE {prefix}_trigger()""".format(
        prefix=prefix, source=source,
        old=", ".join("OLD.%s" % name for name in watched),
        new=", ".join("NEW.%s" % name for name in watched)))
    return True


def lock(cr, tables):
    """Before a refill: the trigger's own updates wait for the transaction."""
    # pylint: disable=sql-injection  # table names from this package's constants
    cr.execute("LOCK TABLE %s IN EXCLUSIVE MODE; SET LOCAL work_mem = '256MB'"
               % ", ".join(tables))


def refill(cr, table, keys, sums, source, where):
    """Empty ``table`` and fill it from ``source`` (SQL of the rows ``r``;
    their company's zone ``z``) where ``where`` holds: ``keys`` and ``sums``
    are (column, SQL) pairs, the rows grouped by the keys."""
    # pylint: disable=sql-injection  # DDL from this package's constants, no input
    cr.execute("""
        TRUNCATE {table};
        INSERT INTO {table} ({columns})
        SELECT {values}
          FROM {source} r
          JOIN {zones} z ON z.id = r.company_id
         WHERE {where}
         GROUP BY {groups}
         ORDER BY 1;  -- a period's rows together on disk (as the trigger adds them)
        ANALYZE {table}""".format(
        table=table, columns=", ".join(name for name, _sql in keys + sums),
        values=", ".join(sql for _name, sql in keys + sums), source=source,
        zones=COMPANY_ZONES, where=where,
        groups=", ".join(str(i + 1) for i in range(len(keys)))),
        (localtime.DEFAULT_TZ,))
