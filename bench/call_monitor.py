"""bench call_monitor: one refresh of the Supervisors' live monitor (the
snapshot RPC ``crm.call.cc_monitor``) with 200 agents in 20 queues, 60 calls
live (40 waiting, 20 talking) and 20,000 calls earlier today (issue 4
target: one refresh <= 200 ms). Data is made in SQL (users through the ORM:
200 rows), rolled back at the end. Timed as a Manager (sees all agents),
cold record cache each time, median of 30; the p95 is printed too."""
import datetime

from common import environment, median, parse_args, timed, verdict

AGENTS, QUEUES, TODAY = 200, 20, 20000
STATES = ["ready", "in_call", "paused", "wrapup", "ringing", "ready", "offline"]


def build(env):
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    department = env["crm.department"].create({"name": "监控压测部"})
    agent_group = env.ref("crm_callcenter.group_agent")
    manager = Users.create({
        "name": "压测经理", "login": "bench_monitor_manager",
        "groups_id": [(6, 0, env.ref("crm_callcenter.group_manager").ids)]})
    cr = env.cr
    company = env.user.company_id.id
    # partners and users cloned in SQL from the manager's (other add-ons add
    # NOT NULL columns with defaults)

    def columns(table):
        cr.execute("""SELECT column_name FROM information_schema.columns
                       WHERE table_name = %s AND column_name <> 'id'""", (table,))
        return [row[0] for row in cr.fetchall()]
    partner_columns, user_columns = columns("res_partner"), columns("res_users")
    name = "'坐席' || lpad(g::text, 3, '0')"
    partner = {"name": name, "display_name": name, "email": "NULL"}
    user = {"login": "'bench_monitor_' || g", "partner_id": "np.id",
            "extension": "'7' || lpad(g::text, 3, '0')", "crm_department_id": "%(d)s"}
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
        "n": AGENTS, "d": department.id, "partner": manager.partner_id.id,
        "user": manager.id})
    user_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO res_company_users_rel (user_id, cid) SELECT unnest(%s), %s""",
               (user_ids, company))
    cr.execute("""
        INSERT INTO res_groups_users_rel (uid, gid) SELECT unnest(%s), %s""",
               (user_ids, agent_group.id))
    users = Users.browse(user_ids)
    now = datetime.datetime.utcnow()
    cr.execute("""
        UPDATE res_users SET cc_agent_state = (%s::varchar[])[1 + id %% %s],
               cc_agent_state_date = %s - (id %% 600) * interval '1 second'
         WHERE id IN %s""", (STATES, len(STATES), now, tuple(users.ids)))
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    span = max(60, int((now - midnight).total_seconds()))
    cr.execute("""
        INSERT INTO crm_call (pbx_id, company_id, linkedid, direction, state, result, number,
                              caller, queue, user_id, department_id, date_start, date_answer,
                              date_end, wait_seconds, talk_seconds, create_date, write_date)
        SELECT NULL, %(company)s, 'bench-mon-' || g, 'inbound', 'done',
               CASE WHEN g %% 9 = 0 THEN 'abandoned' ELSE 'answered' END,
               '138' || lpad((g %% 100000000)::text, 8, '0'), '138', 'queue' || (g %% %(q)s),
               CASE WHEN g %% 9 = 0 THEN NULL ELSE (%(users)s)[1 + g %% %(n)s] END,
               %(department)s, s.start,
               CASE WHEN g %% 9 = 0 THEN NULL ELSE s.start + interval '12 seconds' END,
               s.start + interval '3 minutes', 5 + g %% 40, 170,
               now() at time zone 'UTC', now() at time zone 'UTC'
          FROM generate_series(1, %(today)s) g,
               LATERAL (SELECT %(midnight)s::timestamp + (g %% %(span)s) * interval '1 second'
                        AS start) s""", {
        "company": company, "q": QUEUES, "users": users.ids, "n": AGENTS,
        "department": department.id, "today": TODAY, "midnight": midnight, "span": span})
    talking = [user for user in users if user.cc_agent_state == "in_call"][:20]
    live = []
    for index in range(40):
        live.append(("waiting", None, "queue%d" % (index % QUEUES), index * 3))
    for index, user in enumerate(talking):
        live.append(("talking", user.id, "queue%d" % (index % QUEUES), 90 + index))
    for index, (state, user_id, queue, age) in enumerate(live):
        start = now - datetime.timedelta(seconds=age)
        cr.execute("""
            INSERT INTO crm_call (company_id, linkedid, direction, state, number, caller,
                                  queue, user_id, department_id, date_start, date_answer,
                                  create_date, write_date)
            VALUES (%s, %s, 'inbound', %s, %s, %s, %s, %s, %s, %s, %s,
                    now() at time zone 'UTC', now() at time zone 'UTC')""", (
            company, "bench-live-%d" % index, "talking" if user_id else "ringing",
            "139%08d" % index, "139%08d" % index, queue, user_id,
            department.id if user_id else None, start,
            start + datetime.timedelta(seconds=5) if user_id else None))
    cr.execute("ANALYZE crm_call")
    env["crm.call"].invalidate_cache()
    return manager


def main():
    args = parse_args(__doc__)
    with environment(args.db) as env:
        manager = build(env)
        Monitor = env["crm.call"].sudo(manager)
        snapshot = Monitor.cc_monitor()
        waiting = sum(queue["waiting"] for queue in snapshot["queues"])
        assert len([a for a in snapshot["agents"] if a["extension"].startswith("7")]) >= AGENTS
        assert waiting >= 40 and len(snapshot["queues"]) >= QUEUES, snapshot["queues"][:3]

        def refresh(_index):
            env["crm.call"].invalidate_cache()
            Monitor.cc_monitor()
        durations = timed(refresh, 30)
        p95 = sorted(durations)[int(len(durations) * 0.95) - 1]
        verdict("call_monitor", median(durations), "ms", "<=", 200,
                "%d agents, %d queues, %d live calls, %d calls today; median of 30, "
                "p95 %.1f ms" % (len(snapshot["agents"]), len(snapshot["queues"]),
                                 len(snapshot["calls"]), TODAY, p95))


if __name__ == "__main__":
    main()
