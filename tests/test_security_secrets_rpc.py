"""Review C3 and M11 over real XML-RPC: the secrets and internal fields
cannot be learnt by a portal user or a Supervisor through read_group, a
search oracle, a dotted path or an export. Each call succeeded before the
fix."""
import xmlrpc.client

import pytest

PORTAL = ("wangjianguo", "wangjianguo")


def refused(rpc, model, method, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as error:
        rpc(model, method, *args, **kwargs)
    fault = error.value.faultString
    assert any(text in fault for text in (
        "security restrictions", "restricted to some user groups",
        "not allowed to access this document")), fault


@pytest.fixture(scope="module")
def secrets(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    pbx_id = admin("crm.pbx", "create", {"name": "rpc secrets", "host": "127.0.0.1",
                                         "port": 5038, "username": "u", "secret": "s3cret"})
    agent_id = admin("res.users", "search", [("login", "=", "agent")])[0]
    admin("res.users", "write", [agent_id], {"cc_phone_password": "sip-s3cret"})
    return {"pbx_id": pbx_id, "agent_id": agent_id}


def test_portal_cannot_get_the_phone_passwords(odoo_server, secrets):
    portal = odoo_server.rpc(*PORTAL)
    refused(portal, "res.users", "read_group", [], ["cc_phone_password"],
            ["cc_phone_password"], lazy=False)
    refused(portal, "res.users", "search_count", [("cc_phone_password", "=like", "s%")])
    refused(portal, "res.partner", "search_count",
            [("user_ids.cc_phone_password", "=like", "s%")])
    refused(portal, "res.users", "export_data", [secrets["agent_id"]], ["cc_phone_password"])


def test_portal_cannot_read_the_agents_extensions(odoo_server, secrets):
    portal = odoo_server.rpc(*PORTAL)
    refused(portal, "res.users", "read", [secrets["agent_id"]], ["extension"])
    refused(portal, "res.users", "read_group", [], ["extension"], ["extension"], lazy=False)
    refused(portal, "res.partner", "search_count", [("user_ids.extension", "=like", "1%")])


def test_supervisor_cannot_get_the_ami_secret(odoo_server, secrets):
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    refused(supervisor, "crm.pbx", "read_group", [], ["host", "secret"], ["secret"],
            lazy=False)
    refused(supervisor, "crm.pbx", "search_count", [("secret", "=like", "s%")])
    refused(supervisor, "crm.pbx", "search_count", [("hours_token", "!=", False)])
    refused(supervisor, "crm.call", "search_count", [("pbx_id.secret", "=like", "s%")])
    refused(supervisor, "crm.pbx", "export_data", [secrets["pbx_id"]], ["name", "secret"])
    refused(supervisor, "crm.secret", "search_read", [], ["value"])
    # the rest of the phone system stays readable
    assert supervisor("crm.pbx", "read", [secrets["pbx_id"]], ["host"])[0]["host"] == \
        "127.0.0.1"


def test_administrator_still_reads_and_the_value_is_kept(odoo_server, secrets):
    admin = odoo_server.rpc("admin", "admin")
    assert admin("crm.pbx", "read", [secrets["pbx_id"]], ["secret"])[0]["secret"] == "s3cret"
    assert admin("res.users", "read", [secrets["agent_id"]],
                 ["cc_phone_password"])[0]["cc_phone_password"] == "sip-s3cret"
