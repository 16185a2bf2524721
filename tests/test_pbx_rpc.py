"""CC-1: an Administrator tests the PBX connection against the fake AMI
server speaking the recorded Asterisk dialect."""
import xmlrpc.client

import pytest
from fakeami.server import ThreadedFakeAMI


@pytest.fixture
def fake_pbx():
    server = ThreadedFakeAMI(username="callcenter", secret="s3cret").start()
    try:
        yield server
    finally:
        server.stop()


def test_connection_test_reports_version_and_bad_secret(odoo_server, fake_pbx):
    admin = odoo_server.rpc("admin", "admin")
    pbx_id = admin("crm.pbx", "create", {
        "name": "测试交换机", "host": "127.0.0.1", "port": fake_pbx.port,
        "username": "callcenter", "secret": "s3cret"})
    admin("crm.pbx", "action_test_connection", [pbx_id])
    pbx = admin("crm.pbx", "read", [pbx_id], ["state", "asterisk_version", "last_test_message"])[0]
    assert pbx["state"] == "ok", pbx["last_test_message"]
    assert pbx["asterisk_version"] == "22.10.1"
    assert fake_pbx.server.logins == 1

    admin("crm.pbx", "write", [pbx_id], {"secret": "wrong"})
    admin("crm.pbx", "action_test_connection", [pbx_id])
    pbx = admin("crm.pbx", "read", [pbx_id], ["state", "last_test_message"])[0]
    assert pbx["state"] == "failed"
    assert "refused the AMI user" in pbx["last_test_message"]
    assert fake_pbx.server.failed_logins == 1


def test_supervisor_cannot_read_the_secret(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    pbx_id = admin("crm.pbx", "create", {"name": "secret test", "host": "127.0.0.1",
                                         "port": 5038, "username": "u", "secret": "x"})
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    with pytest.raises(xmlrpc.client.Fault):
        supervisor("crm.pbx", "read", [pbx_id], ["secret"])
    assert supervisor("crm.pbx", "read", [pbx_id], ["host"])[0]["host"] == "127.0.0.1"


def test_office_hours_endpoint_for_the_dialplan(odoo_server):
    """CC-13: the dialplan reads open / closed / holiday over HTTP with the
    phone system's token; a wrong token gets 403."""
    import urllib.error
    import urllib.request

    admin = odoo_server.rpc("admin", "admin")
    pbx_id = admin("crm.pbx", "create", {"name": "hours test", "host": "127.0.0.1",
                                         "port": 5038, "username": "u", "secret": "x"})
    pbx = admin("crm.pbx", "read", [pbx_id], ["hours_token"])[0]
    url = "%s/crm_callcenter/office_hours/%d?db=%s&token=%s" % (
        odoo_server.url, pbx_id, odoo_server.db, pbx["hours_token"])
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.read().decode() in ("open", "closed", "holiday")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url.replace(pbx["hours_token"], "wrong"), timeout=30)
    assert refused.value.code == 403
    admin("crm.pbx", "write", [pbx_id], {"active": False})


def test_office_hours_strange_tokens_get_403_not_500(odoo_server):
    """L5: a non-ASCII token made hmac.compare_digest raise (500); the token
    check and the office state are no longer callable over RPC."""
    import urllib.error
    import urllib.parse
    import urllib.request

    admin = odoo_server.rpc("admin", "admin")
    pbx_id = admin("crm.pbx", "create", {"name": "hours token test", "host": "127.0.0.1",
                                         "port": 5038, "username": "u", "secret": "x"})
    try:
        for token in ("密码", "é" * 32, "\x00", ""):
            url = "%s/crm_callcenter/office_hours/%d?%s" % (
                odoo_server.url, pbx_id,
                urllib.parse.urlencode({"db": odoo_server.db, "token": token}))
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url, timeout=30)
            assert refused.value.code == 403, "token %r: %s" % (token, refused.value.code)
        agent = odoo_server.rpc("agent", "agent")
        for method, args in (("cc_check_hours_token", ["x"]), ("cc_office_state", [])):
            with pytest.raises(xmlrpc.client.Fault):
                agent("crm.pbx", method, [pbx_id], *args)
    finally:
        admin("crm.pbx", "write", [pbx_id], {"active": False})
