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
