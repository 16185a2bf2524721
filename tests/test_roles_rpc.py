"""Demo roles over XML-RPC: the role chain and what each role may touch."""
import xmlrpc.client

import pytest

ROLES = {
    "agent": "crm_callcenter.group_agent",
    "expert": "crm_callcenter.group_expert",
    "supervisor": "crm_callcenter.group_supervisor",
    "manager": "crm_callcenter.group_manager",
}
CHAIN = ["agent", "expert", "supervisor", "manager"]


@pytest.mark.parametrize("login", CHAIN)
def test_demo_user_has_its_role_and_the_roles_below(odoo_server, login):
    rpc = odoo_server.rpc(login, login)

    def has(role):
        return rpc("res.users", "search_count",
                   [("id", "=", rpc.uid), ("groups_id", "in", [rpc.ref(ROLES[role])])]) == 1

    position = CHAIN.index(login)
    for lower in CHAIN[:position + 1]:
        assert has(lower), "%s lacks the role %s" % (login, lower)
    for higher in CHAIN[position + 1:]:
        assert not has(higher), "%s has the higher role %s" % (login, higher)


def test_agents_and_supervisors_cannot_edit_flows_but_managers_can(odoo_server):
    """M10: Supervisors are subject to the flows' reviews; they read flows."""
    agent = odoo_server.rpc("agent", "agent")
    model_id = agent("ir.model", "search", [("model", "=", "test.crm.flow.document")])[0]
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    for user in (agent, supervisor):
        with pytest.raises(xmlrpc.client.Fault) as info:
            user("crm.flow", "create", {"name": "their flow", "model_id": model_id})
        assert "AccessError" in info.value.faultString or \
            "access" in info.value.faultString.lower()
    flows = supervisor("crm.flow", "search_read", [], ["name"], limit=1)
    assert flows, "Supervisors read the flows"
    with pytest.raises(xmlrpc.client.Fault):
        supervisor("crm.flow", "write", [flows[0]["id"]], {"active": False})
    manager = odoo_server.rpc("manager", "manager")
    flow_id = manager("crm.flow", "create", {"name": "manager flow", "model_id": model_id,
                                             "active": False})
    assert manager("crm.flow", "search_count",
                   [("id", "=", flow_id), ("active", "=", False)]) == 1


def test_agent_cannot_edit_departments(odoo_server):
    agent = odoo_server.rpc("agent", "agent")
    departments = agent("crm.department", "search_read", [], ["complete_name"])
    assert any(d["complete_name"].endswith("售后服务部") for d in departments)
    with pytest.raises(xmlrpc.client.Fault):
        agent("crm.department", "write", [departments[0]["id"]], {"phone": "1"})


def test_demo_customers_have_chinese_numbers(odoo_server):
    agent = odoo_server.rpc("agent", "agent")
    customers = agent("res.partner", "search_read",
                      [("customer", "=", True), ("mobile_e164", "=like", "+86%")],
                      ["name", "mobile"])
    assert len(customers) >= 5, "demo customers with +86 mobiles are missing"
    assert "张三丰" in {c["name"] for c in customers}
