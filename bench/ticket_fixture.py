"""1,000,000 tickets over two years, 8 departments, 40 handlers, 20 business
types and 20,000 customers, created once with SQL in the bench database and
reused by the ticket benchmarks."""
from psycopg2 import sql

from common import column_defaults

TICKETS = 1000000
DEPARTMENTS = 8
HANDLERS = 40
TYPES = 20
CUSTOMERS = 20000


def ensure(env):
    """Return (agent, manager, types, customers); create the data if missing."""
    Users = env["res.users"].with_context(no_reset_password=True)
    agent = Users.search([("login", "=", "bench_ticket_agent")])
    if agent and env["crm.ticket"].search_count([]) >= TICKETS:
        manager = Users.search([("login", "=", "bench_ticket_manager")])
        types = env["crm.ticket.type"].search([("code", "=like", "BT-%")])
        env.cr.execute("SELECT id FROM res_partner WHERE ref LIKE 'bench-ticket-%%' LIMIT 1000")
        customers = env["res.partner"].browse([r[0] for r in env.cr.fetchall()])
        return agent, manager, types, customers
    departments = env["crm.department"].browse()
    for index in range(DEPARTMENTS):
        departments |= env["crm.department"].create(
            {"name": "工单部门 %d" % index, "code": "BT-D%d" % index})
    handlers = env["res.users"].browse()
    expert = env.ref("crm_callcenter.group_expert")
    for index in range(HANDLERS):
        handlers |= Users.create({
            "name": "处理人 %02d" % index, "login": "bench_ticket_handler_%02d" % index,
            "crm_department_id": departments[index % DEPARTMENTS].id,
            "groups_id": [(6, 0, expert.ids)]})
    agent = Users.create({
        "name": "Bench ticket agent", "login": "bench_ticket_agent",
        "email": "bench.agent@example.com",
        "crm_department_id": departments[0].id, "cc_ticket_scope": "department",
        "groups_id": [(6, 0, env.ref("crm_callcenter.group_agent").ids)]})
    manager = Users.create({
        "name": "Bench ticket manager", "login": "bench_ticket_manager",
        "crm_department_id": departments[0].id,
        "groups_id": [(6, 0, env.ref("crm_callcenter.group_manager").ids)]})
    model = env.ref("crm_ticket.model_crm_ticket")
    flow = env["crm.flow"].create({
        "name": "bench ticket flow", "model_id": model.id,
        "node_ids": [(0, 0, {"name": "结果", "code": "result", "sequence": 1,
                             "group_ids": [(6, 0, expert.ids)]}),
                     (0, 0, {"name": "归档", "code": "archive", "sequence": 2,
                             "group_ids": [(6, 0, expert.ids)]})]})
    types = env["crm.ticket.type"].browse()
    for index in range(TYPES):
        types |= env["crm.ticket.type"].create({
            "name": "业务 %02d" % index, "code": "BT-%02d" % index, "flow_id": flow.id,
            "department_id": departments[index % DEPARTMENTS].id,
            "handler_id": handlers[index].id})
    ours = {"name", "display_name", "ref", "active", "type", "is_company", "customer",
            "supplier", "employee", "cc_customer", "mobile", "company_id", "lang"}
    defaults = column_defaults(env["res.partner"], ours)
    query = sql.SQL("""
        INSERT INTO res_partner (name, display_name, ref, active, type, is_company,
                                 customer, supplier, employee, cc_customer, mobile,
                                 company_id, lang, create_date, write_date{})
        SELECT '客户' || n, '客户' || n, 'bench-ticket-' || n, true, 'contact', false,
               true, false, false, true, '+86 137 ' || lpad(n::text, 8, '0'), 1,
               'zh_CN', now(), now(){}
          FROM generate_series(1, %(customers)s) AS n
        RETURNING id
    """).format(
        sql.SQL("").join(sql.SQL(", {}").format(sql.Identifier(n)) for n in defaults),
        sql.SQL("").join(sql.SQL(", {}").format(sql.Placeholder(n)) for n in defaults))
    params = dict(defaults, customers=CUSTOMERS)
    env.cr.execute(query.as_string(env.cr._obj), params)
    customer_ids = [r[0] for r in env.cr.fetchall()]
    nodes = flow.node_ids.sorted("sequence")
    env.cr.execute("""
        INSERT INTO crm_ticket
            (name, partner_id, contact_number, type_id, acceptance_type, source, priority,
             description, user_id, department_id, handler_id, handler_department_id,
             company_id, stage, flow_state, flow_id, flow_node_id, step_code,
             needs_callback, sla_overdue, close_date,
             create_uid, write_uid, create_date, write_date)
        SELECT 'BT' || lpad(n::text, 9, '0'),
               (%(customers)s::int[])[1 + n %% %(ncust)s],
               '+86 137 ' || lpad((1 + n %% %(ncust)s)::text, 8, '0'),
               (%(types)s::int[])[1 + n %% %(ntypes)s],
               (ARRAY['complaint','report','consultation','suggestion','repair',
                      'installation','other'])[1 + n %% 7],
               (ARRAY['phone','phone','phone','manual','email','portal','web'])[1 + n %% 7],
               (1 + n %% 3)::text, '空调不制冷 ' || n,
               (%(handlers)s::int[])[1 + (n / 7) %% %(nhandlers)s],
               (%(departments)s::int[])[1 + n %% %(ndep)s],
               (%(handlers)s::int[])[1 + n %% %(nhandlers)s],
               (%(departments)s::int[])[1 + (n / 3) %% %(ndep)s],
               1,
               CASE WHEN n %% 5 = 0 THEN 'processing' ELSE 'archived' END,
               CASE WHEN n %% 5 = 0 THEN 'running' ELSE 'done' END,
               %(flow)s, %(node)s, 'result', false, false,
               CASE WHEN n %% 5 = 0 THEN NULL
                    ELSE now() - ((n * 63) || ' seconds')::interval + interval '5 hours' END,
               1, 1, now() - ((n * 63) || ' seconds')::interval, now()
          FROM generate_series(1, %(n)s) AS n
    """, {"customers": customer_ids, "ncust": len(customer_ids), "types": types.ids,
          "ntypes": len(types), "handlers": handlers.ids, "nhandlers": len(handlers),
          "departments": departments.ids, "ndep": len(departments), "flow": flow.id,
          "node": nodes[0].id, "n": TICKETS})
    env.cr.execute("ANALYZE crm_ticket")
    env.cr.execute("ANALYZE res_partner")
    env.cr.commit()
    # a live database's autovacuum keeps the visibility map that index-only
    # scans (the pager count) rely on; do its work once after the bulk load
    from odoo.sql_db import db_connect
    with db_connect(env.cr.dbname).cursor() as cr:
        cr.autocommit(True)
        cr.execute("VACUUM ANALYZE crm_ticket")
    return agent, manager, types, env["res.partner"].browse(customer_ids[:1000])
