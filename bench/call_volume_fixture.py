"""Ten million calls (issue 18 item 4) made with SQL in the bench database,
once, and kept: two years of a 500-agent, 30-queue call center on the
1,000,000 customers of ``customer_fixture``, with the agents' state history.

* Agents work 5 days of 7, in two 8-hour shifts (08:00-16:00 and
  12:00-20:00, Asia/Shanghai). A shift has 33 slots of ~14.5 min; each slot
  is one call the agent handles (every 10th an outbound call, a quarter of
  those unanswered): queue wait (exponential, mean 12 s), ring 3-12 s, talk
  20 s + exponential (mean 3 min, at most 9 min), wrap-up 15-60 s. The
  agent's state periods tile the shift: ready (paused at lunch) until the
  call rings, in call, wrap-up; offline from the end of the shift.
* ~1.4 million abandoned inbound calls (≈15 % of the inbound calls), ~64 per
  queue and day, peaking in the afternoon, waiting 10 s + exponential
  (mean 40 s) before the caller hangs up.
* Callers: 5 % unknown numbers, 2 % from 1,000 frequent callers (~200 calls
  each over the two years), the rest spread over the 1,000,000 customers.

Idempotent and resumable: each of the 24 chunks of days is one
transaction recorded in ``bench_call_volume``; the tables' secondary
indexes are dropped during the load (their definitions kept in the same
table) and built again at the end, which is ~10x faster than maintaining
17 indexes row by row. Foreign-key triggers are skipped during the load
(``session_replication_role = replica``): the rows are consistent by
construction; the agent-time summary is refilled afterwards."""
import datetime
import json

from customer_fixture import MARK
from customer_fixture import ensure as ensure_customers

AGENTS, QUEUES, DEPARTMENTS, DAYS, SLOTS, CHUNKS = 500, 30, 10, 730, 33, 24
ABANDONED_PER_QUEUE_DAY = 64
FREQUENT = 1000
TZ = "Asia/Shanghai"
TABLES = ("crm_call", "crm_agent_state_log")


def _step(cr, name):
    cr.execute("SELECT value FROM bench_call_volume WHERE step = %s", (name,))
    row = cr.fetchone()
    return row and json.loads(row[0])


def _done(cr, name, value=True):
    cr.execute("""INSERT INTO bench_call_volume (step, value) VALUES (%s, %s)
                  ON CONFLICT (step) DO UPDATE SET value = EXCLUDED.value""",
               (name, json.dumps(value)))


def _setup(env):
    """Departments, a Manager and 500 agents (cloned from the Manager in SQL,
    like bench/call_monitor.py), committed."""
    cr = env.cr
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    departments = env["crm.department"].browse()
    for index in range(DEPARTMENTS):
        departments |= env["crm.department"].create(
            {"name": "话务 %d 部" % index, "code": "BV-D%d" % index})
    manager = Users.create({
        "name": "话务经理", "login": "bench_volume_manager",
        "crm_department_id": departments[0].id,
        "groups_id": [(6, 0, env.ref("crm_callcenter.group_manager").ids)]})

    def columns(table):
        cr.execute("""SELECT column_name FROM information_schema.columns
                       WHERE table_name = %s AND column_name <> 'id'""", (table,))
        return [row[0] for row in cr.fetchall()]
    partner_columns, user_columns = columns("res_partner"), columns("res_users")
    name = "'话务员' || lpad(g::text, 3, '0')"
    partner = {"name": name, "display_name": name, "email": "NULL"}
    user = {"login": "'bench_volume_agent_' || lpad(n.g::text, 3, '0')", "partner_id": "np.id",
            "extension": "'8' || lpad(n.g::text, 3, '0')",
            "crm_department_id": "(%(departments)s::int[])[1 + n.g %% %(nd)s]",
            "cc_agent_state": "'offline'"}
    cr.execute("""
        WITH np AS (
            INSERT INTO res_partner (%s)
            SELECT %s FROM res_partner p, generate_series(0, %%(n)s - 1) g
             WHERE p.id = %%(partner)s
         RETURNING id, display_name)
        INSERT INTO res_users (%s)
        SELECT %s FROM res_users u, np,
               LATERAL (SELECT right(np.display_name, 3)::int AS g) n
         WHERE u.id = %%(user)s
     RETURNING id""" % (
        ", ".join(partner_columns),
        ", ".join(partner.get(c, "p.%s" % c) for c in partner_columns),
        ", ".join(user_columns),
        ", ".join(user.get(c, "u.%s" % c) for c in user_columns)), {
        "n": AGENTS, "departments": departments.ids, "nd": DEPARTMENTS,
        "partner": manager.partner_id.id, "user": manager.id})
    user_ids = [row[0] for row in cr.fetchall()]
    cr.execute("INSERT INTO res_company_users_rel (user_id, cid) SELECT unnest(%s), %s",
               (user_ids, manager.company_id.id))
    cr.execute("INSERT INTO res_groups_users_rel (uid, gid) SELECT unnest(%s), %s",
               (user_ids, env.ref("crm_callcenter.group_agent").id))
    last_day = datetime.date.today() - datetime.timedelta(days=1)
    _done(cr, "setup", {"manager": manager.id, "last_day": last_day.isoformat()})
    cr.commit()


def _agents(cr):
    """Agent ids in extension order, with their departments."""
    cr.execute("""SELECT id, crm_department_id FROM res_users
                   WHERE login LIKE 'bench\\_volume\\_agent\\_%%' ORDER BY login""")
    rows = cr.fetchall()
    assert len(rows) == AGENTS, len(rows)
    return [row[0] for row in rows], [row[1] for row in rows]


def _drop_indexes(cr):
    """Keep the secondary indexes' definitions, then drop them."""
    saved = _step(cr, "indexes") or []
    cr.execute("""
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
          FROM pg_index i
         WHERE i.indrelid::regclass::text IN %s AND NOT i.indisprimary AND NOT i.indisunique""",
               (TABLES,))
    found = cr.fetchall()
    known = {name for name, _definition in saved}
    saved += [[name, definition] for name, definition in found if name not in known]
    _done(cr, "indexes", saved)
    for name, _definition in found:
        cr.execute('DROP INDEX IF EXISTS "%s"' % name)
    cr.commit()


def _build_indexes(cr):
    cr.execute("SET maintenance_work_mem = '512MB'")
    for _name, definition in _step(cr, "indexes") or []:
        cr.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
        cr.commit()
    _done(cr, "indexes_built")
    cr.commit()


def _chunk(cr, chunk, first_day, agents, departments, base, customers):
    d0, d1 = chunk * DAYS // CHUNKS, (chunk + 1) * DAYS // CHUNKS
    cr.execute("SET LOCAL session_replication_role = replica")
    params = {"d0": d0, "d1": d1, "first": first_day, "tz": TZ, "agents": agents,
              "departments": departments, "na": AGENTS, "slots": SLOTS, "q": QUEUES,
              "base": base, "customers": customers, "frequent": FREQUENT,
              "abandoned": ABANDONED_PER_QUEUE_DAY, "slot": 480 * 60 // SLOTS}
    # one row per agent call, with every random draw, shared by the call
    # and the agent's state periods
    cr.execute("""
        CREATE TEMP TABLE bv_slot ON COMMIT DROP AS
        SELECT s.*,
               (s.ring_at + make_interval(secs => s.ring + s.talk)) AS ended,
               (s.ring_at + make_interval(secs => s.ring + s.talk + s.wrap)) AS free_at
          FROM (
            SELECT d, a, k, day, shift_start, outbound, unanswered, caller,
                   shift_start + make_interval(secs => k * %(slot)s + 60 + floor(r1 * 200))
                       AS ring_at,
                   CASE WHEN outbound THEN 5 + floor(r2 * 15)::int
                        ELSE 3 + floor(r2 * 10)::int END AS ring,
                   CASE WHEN outbound THEN 0
                        ELSE least(240, floor(-ln(1 - r3) * 12))::int END AS queue_wait,
                   CASE WHEN unanswered THEN 0
                        ELSE least(540, 20 + floor(-ln(1 - r4) * 180))::int END AS talk,
                   15 + floor(r5 * 45)::int AS wrap,
                   r5
              FROM (
                SELECT d, a, k, day, outbound, outbound AND r6 < 0.25 AS unanswered,
                       ((day + make_interval(hours => CASE WHEN a %% 2 = 0 THEN 8 ELSE 12 END))
                            AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC' AS shift_start,
                       CASE WHEN r7 < 0.05 THEN NULL
                            WHEN r7 < 0.07 THEN floor(r8 * %(frequent)s)::int
                            ELSE floor(r8 * %(customers)s)::int END AS caller,
                       r1, r2, r3, r4, r5
                  FROM (
                    SELECT d, a, k, %(first)s::date + d AS day, k %% 10 = 5 AS outbound,
                           random() r1, random() r2, random() r3, random() r4, random() r5,
                           random() r6, random() r7, random() r8
                      FROM generate_series(%(d0)s, %(d1)s - 1) d,
                           generate_series(0, %(na)s - 1) a,
                           generate_series(0, %(slots)s - 1) k
                     WHERE (d + a) %% 7 < 5) raw) drawn) s""", params)
    cr.execute("""
        INSERT INTO crm_call (company_id, linkedid, direction, state, result, number,
            number_e164, number_location, caller, callee, partner_id, user_id, department_id,
            agent_extension, queue, date_start, date_answer, date_end, ring_seconds,
            wait_seconds, talk_seconds, hangup_side, satisfaction,
            create_uid, write_uid, create_date, write_date)
        SELECT 1, 'bv-' || d || '-' || a || '-' || k,
               CASE WHEN outbound THEN 'outbound' ELSE 'inbound' END, 'done',
               CASE WHEN unanswered THEN 'no_answer' ELSE 'answered' END,
               n.local, n.e164, '中国', CASE WHEN outbound THEN ext ELSE n.local END,
               CASE WHEN outbound THEN n.local ELSE ext END,
               CASE WHEN caller IS NOT NULL THEN %(base)s + caller END,
               (%(agents)s::int[])[1 + a], (%(departments)s::int[])[1 + a], ext,
               CASE WHEN outbound THEN NULL
                    ELSE 'q' || lpad((1 + (a + (r5 * 3)::int) %% %(q)s)::text, 2, '0') END,
               ring_at - make_interval(secs => queue_wait),
               CASE WHEN NOT unanswered THEN ring_at + make_interval(secs => ring) END,
               ended, ring, CASE WHEN NOT outbound THEN queue_wait + ring END, talk,
               CASE WHEN unanswered THEN NULL WHEN r5 < 0.6 THEN 'caller' ELSE 'agent' END,
               CASE WHEN NOT unanswered AND r5 < 0.6 THEN 5 - floor(r5 * r5 * 12)::int END,
               1, 1, ended, ended
          FROM bv_slot,
               LATERAL (SELECT '8' || lpad(a::text, 3, '0') AS ext,
                               '13' || lpad(COALESCE(1 + caller,
                                   90000000 + (d * 1000 + a * 37 + k) %% 9000000)::text, 9, '0')
                                   AS local) x,
               LATERAL (SELECT x.local, '+86' || x.local AS e164) n""", params)
    cr.execute("""
        INSERT INTO crm_agent_state_log (user_id, department_id, company_id, extension, state,
            reason, date_start, date_end, duration, create_uid, write_uid, create_date,
            write_date)
        SELECT (%(agents)s::int[])[1 + a], (%(departments)s::int[])[1 + a], 1,
               '8' || lpad(a::text, 3, '0'), p.state, p.reason, p.date_start, p.date_end,
               EXTRACT(epoch FROM p.date_end - p.date_start)::int, 1, 1, p.date_end, p.date_end
          FROM (SELECT *, COALESCE(lag(free_at) OVER (PARTITION BY d, a ORDER BY k),
                                   shift_start) AS ready_from
                  FROM bv_slot) s,
               LATERAL (VALUES
                   (CASE WHEN k = 16 THEN 'paused' ELSE 'ready' END,
                    CASE WHEN k = 16 THEN '午餐' END, ready_from, ring_at),
                   ('in_call', NULL, ring_at, ended),
                   ('wrapup', NULL, ended, free_at),
                   (CASE WHEN k = %(slots)s - 1 THEN 'offline' END, NULL, free_at,
                    shift_start + interval '1 day' - make_interval(secs => 60))) AS
                   p (state, reason, date_start, date_end)
         WHERE p.state IS NOT NULL""", params)
    # abandoned calls: per queue and day, business hours peaking mid-afternoon
    cr.execute("""
        INSERT INTO crm_call (company_id, linkedid, direction, state, result, number,
            number_e164, number_location, caller, partner_id, queue, date_start, date_end,
            wait_seconds, talk_seconds, hangup_side, create_uid, write_uid, create_date,
            write_date)
        SELECT 1, 'bv-ab-' || d || '-' || q || '-' || i, 'inbound', 'done', 'abandoned',
               n.local, '+86' || n.local, '中国', n.local,
               CASE WHEN caller IS NOT NULL THEN %(base)s + caller END,
               'q' || lpad((1 + q)::text, 2, '0'), start, start + make_interval(secs => wait),
               wait, 0, 'caller', 1, 1, start + make_interval(secs => wait),
               start + make_interval(secs => wait)
          FROM (
            SELECT d, q, i,
                   ((%(first)s::date + d + make_interval(hours => 8)
                     + make_interval(secs => floor((r1 + r2) / 2 * 12 * 3600)))
                       AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC' AS start,
                   least(600, 10 + floor(-ln(1 - r3) * 40))::int AS wait,
                   CASE WHEN r4 < 0.05 THEN NULL
                        WHEN r4 < 0.07 THEN floor(r5 * %(frequent)s)::int
                        ELSE floor(r5 * %(customers)s)::int END AS caller
              FROM (SELECT d, q, i, random() r1, random() r2, random() r3, random() r4,
                           random() r5
                      FROM generate_series(%(d0)s, %(d1)s - 1) d,
                           generate_series(0, %(q)s - 1) q,
                           generate_series(1, %(abandoned)s) i) raw) c,
               LATERAL (SELECT '13' || lpad(COALESCE(1 + caller,
                        99000000 + (d * 10000 + q * 100 + i) %% 900000)::text, 9, '0') AS local) n
        """, params)
    _done(cr, "chunk-%02d" % chunk)
    cr.commit()


def ensure(env):
    """Build what is missing; return the fixture's facts (manager id, last
    local day, frequent caller partner ids)."""
    ensure_customers(env)
    cr = env.cr
    cr.execute("""CREATE TABLE IF NOT EXISTS bench_call_volume
                  (step varchar PRIMARY KEY, value text)""")
    cr.commit()
    if not _step(cr, "setup"):
        _setup(env)
    setup = _step(cr, "setup")
    cr.execute("SELECT min(id), max(id), count(*) FROM res_partner WHERE comment = %s", (MARK,))
    first, last, customers = cr.fetchone()
    assert last - first + 1 == customers, "bench customers are not one id range"
    if not _step(cr, "indexes_built"):
        agents, departments = _agents(cr)
        last_day = datetime.date(*map(int, setup["last_day"].split("-")))
        first_day = last_day - datetime.timedelta(days=DAYS - 1)
        todo = [chunk for chunk in range(CHUNKS) if not _step(cr, "chunk-%02d" % chunk)]
        if todo:
            _drop_indexes(cr)
        for chunk in todo:
            _chunk(cr, chunk, first_day, agents, departments, first, customers)
            print("  call_volume_fixture: chunk %d of %d" % (chunk + 1, CHUNKS), flush=True)
        _build_indexes(cr)
        # the load skipped triggers: count the periods and calls into the
        # statistics' summaries as their triggers would have
        for model in ("crm.agent.statistics", "crm.call.statistics"):
            Stats = env[model]
            if hasattr(Stats, "_cc_rebuild_summary"):
                Stats._cc_rebuild_summary()
                cr.commit()
        from odoo.sql_db import db_connect
        with db_connect(cr.dbname).cursor() as vacuum:
            vacuum.autocommit(True)
            for table in TABLES:
                vacuum.execute("VACUUM ANALYZE %s" % table)
    return {"manager": setup["manager"], "last_day": setup["last_day"],
            "frequent": [first + index for index in range(FREQUENT)],
            "customers": (first, last)}
