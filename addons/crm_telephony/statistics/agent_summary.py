"""The agent-time summaries behind ``crm.agent.statistics`` (issue 18: 500
agents make ~1 million agent-state periods a month): ended periods summed
per local hour (``crm_agent_state_summary``) and per local day
(``crm_agent_state_summary_day``) of the company's clock, agent,
department and state, kept by a trigger on ``crm_agent_state_log`` and
filled from the history when the trigger is new (or by
``_cc_rebuild_summary``)."""
from . import summary
from .summary import DAY, HOUR

#: a period's seconds (the listener's duration, else from the bounds)
SECONDS = """COALESCE(r.duration, GREATEST(0, EXTRACT(epoch FROM
             r.date_end - r.date_start))::int)"""
#: the summaries' dimensions beside the bucket: (column, SQL of a period's value);
#: no department is 0 (a key column is never NULL)
KEYS = [("user_id", "r.user_id"), ("department_id", "COALESCE(r.department_id, 0)"),
        ("company_id", "r.company_id"), ("state", "r.state")]
#: table: (bucket column, its SQL)
TABLES = {"crm_agent_state_summary": ("hour", HOUR),
          "crm_agent_state_summary_day": ("day", DAY)}
#: the crm_agent_state_log columns the summaries read
WATCHED = ("user_id", "department_id", "company_id", "state", "date_start", "date_end",
           "duration")


def _keys(table):
    return [TABLES[table][0]] + [name for name, _sql in KEYS]


def create(cr):
    """Tables, functions and trigger; the content when new."""
    cr.execute("SELECT to_regclass('crm_agent_state_summary_day') IS NULL")
    new_day = cr.fetchone()[0]
    for table, (bucket, _expr) in TABLES.items():
        # pylint: disable=sql-injection  # DDL from this module's constants, no input
        cr.execute("""
            CREATE TABLE IF NOT EXISTS {table} (
                id serial PRIMARY KEY, {bucket} timestamp NOT NULL, user_id integer NOT NULL,
                department_id integer NOT NULL, company_id integer NOT NULL,
                state varchar NOT NULL, seconds bigint NOT NULL DEFAULT 0,
                periods integer NOT NULL DEFAULT 0);
            CREATE UNIQUE INDEX IF NOT EXISTS {table}_key ON {table} ({keys})
        """.format(table=table, bucket=bucket, keys=", ".join(_keys(table))))
    upserts = [summary.upsert(table, _keys(table), ["seconds", "periods"],
                              [expr] + [sql for _name, sql in KEYS]
                              + ["sign * %s" % SECONDS, "sign"])
               for table, (_bucket, expr) in TABLES.items()]
    if summary.create_trigger(cr, "crm_agent_state_log", "crm_agent_state_summary",
                              "r.date_end IS NULL OR r.user_id IS NULL", upserts, WATCHED):
        rebuild(cr)
    elif new_day:
        fill_days(cr)


def rebuild(cr):
    """Both summaries again from the history (any time: in one
    transaction, which the trigger's own updates wait for)."""
    summary.lock(cr, TABLES)
    summary.refill(cr, "crm_agent_state_summary", [("hour", HOUR)] + KEYS,
                   [("seconds", "sum(%s)" % SECONDS), ("periods", "count(*)")],
                   "crm_agent_state_log", "r.date_end IS NOT NULL AND r.user_id IS NOT NULL")
    fill_days(cr)


def fill_days(cr):
    """The day summary from the hour summary (local hours make local days)."""
    summary.refill(cr, "crm_agent_state_summary_day",
                   [("day", DAY)] + [(name, "r.%s" % name) for name, _sql in KEYS],
                   [("seconds", "sum(r.seconds)"), ("periods", "sum(r.periods)")],
                   "(SELECT hour AS date_start, * FROM crm_agent_state_summary)", "TRUE")
