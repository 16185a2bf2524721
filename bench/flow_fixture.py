"""100,000 flow test documents spread over a three-step flow, created once
with SQL in the bench database and reused by the flow benchmarks."""
DOCS = 100000
USERS = 20
FLOW_NAME = "bench flow"


def ensure(env):
    """Return (flow, nodes, checker, assignees); create the data if missing."""
    Flow = env["crm.flow"].with_context(active_test=False)
    flow = Flow.search([("name", "=", FLOW_NAME)], limit=1)
    checkers = env["res.groups"].search([("name", "=", "Bench checkers")], limit=1)
    if flow and env["test.crm.flow.document"].search_count(
            [("flow_id", "=", flow.id)]) >= DOCS:
        users = env["res.users"].search([("login", "=like", "bench_user_%")], order="login")
        return flow, flow.node_ids.sorted("sequence"), users[0], users[1:]
    env["crm.flow"].search([("model", "=", "test.crm.flow.document")]).write(
        {"active": False})
    if not checkers:
        checkers = env["res.groups"].create({"name": "Bench checkers"})
    Users = env["res.users"].with_context(no_reset_password=True)
    users = env["res.users"].search([("login", "=like", "bench_user_%")], order="login")
    for index in range(len(users), USERS + 1):
        users |= Users.create({
            "name": "Bench user %02d" % index, "login": "bench_user_%02d" % index,
            "groups_id": [(6, 0, [env.ref("base.group_user").id]
                           + ([checkers.id] if index == 0 else []))]})
    user_field = env["ir.model.fields"].search(
        [("model", "=", "test.crm.flow.document"), ("name", "=", "user_id")])
    flow = env["crm.flow"].create({
        "name": FLOW_NAME,
        "model_id": env.ref("test_crm_flow.model_test_crm_flow_document").id,
        "node_ids": [
            (0, 0, {"name": "Check", "sequence": 1, "group_ids": [(6, 0, checkers.ids)]}),
            (0, 0, {"name": "Review", "sequence": 2, "user_field_id": user_field.id,
                    "allow_send_back": True, "allow_fail": True}),
            (0, 0, {"name": "Approve", "sequence": 3,
                    "user_ids": [(6, 0, users[1:3].ids)], "allow_void": True}),
        ],
    })
    nodes = flow.node_ids.sorted("sequence")
    assignees = users[1:]
    env.cr.execute("""
        INSERT INTO test_crm_flow_document
            (name, kind, description, user_id, flow_id, flow_node_id, flow_state,
             entered_review, create_uid, write_uid, create_date, write_date)
        SELECT 'Bench document ' || n,
               CASE WHEN n %% 10 = 0 THEN 'urgent' ELSE 'normal' END,
               'bench', (%s::int[])[1 + n %% %s], %s,
               (%s::int[])[1 + n %% 3],
               CASE WHEN n %% 7 = 0 THEN 'done' ELSE 'running' END,
               0, 1, 1, now() - (n || ' minutes')::interval, now()
        FROM generate_series(1, %s) AS n
    """, (assignees.ids, len(assignees), flow.id, nodes.ids, DOCS))
    env.cr.execute("ANALYZE test_crm_flow_document")
    env.cr.commit()
    return flow, nodes, users[0], assignees
