"""Issue 14, telephony and live notifications, attacked over the real
protocols as the attacking role: JSON-RPC (/web/dataset/call_kw, the web
client's path) and XML-RPC (execute_kw), against a live server and the fake
AMI server, asserting what reaches the PBX."""
import http.cookiejar
import json
import os
import tempfile
import urllib.error
import urllib.request
import uuid
import xmlrpc.client

import pytest
from fakeami.server import ThreadedFakeAMI


class JsonSession:
    """A logged-in web session speaking JSON-RPC like the web client."""

    def __init__(self, server, login, password):
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        result = self.post("/web/session/authenticate",
                           {"db": server.db, "login": login, "password": password})
        assert result.get("result", {}).get("uid"), "login %s refused: %s" % (login, result)

    def post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                           "params": params}).encode()
        request = urllib.request.Request(self.server.url + path, data=body,
                                         headers={"Content-Type": "application/json"})
        with self.opener.open(request, timeout=30) as response:
            return json.loads(response.read().decode())

    def call_kw(self, model, method, args, kwargs=None, path="/web/dataset/call_kw"):
        return self.post(path, {"model": model, "method": method, "args": args,
                                "kwargs": kwargs or {}})

    def get(self, path):
        """(status, body) of a GET in this session, without following redirects."""
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        opener = urllib.request.build_opener(
            NoRedirect, *[h for h in self.opener.handlers
                          if isinstance(h, urllib.request.HTTPCookieProcessor)])
        try:
            with opener.open(self.server.url + path, timeout=30) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)


@pytest.fixture(scope="module")
def portal(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    login = "sec_tel_portal_%s" % uuid.uuid4().hex[:8]
    uid = admin("res.users", "create", {
        "name": "Portal attacker", "login": login, "password": "portal-pw",
        "groups_id": [(6, 0, [admin.ref("base.group_portal")])]},
        context={"no_reset_password": True})
    try:
        yield login, "portal-pw"
    finally:
        admin("res.users", "write", [uid], {"active": False})


def _bus_attacks(odoo_server, admin):
    """(method, args) of every bus.bus attack: forge a reminder with HTML
    into the Administrator's channel, read an agent's channel."""
    admin_partner = admin("res.users", "read", [admin.uid], ["partner_id"])[0]["partner_id"][0]
    agent_partner = admin("res.users", "search_read", [("login", "=", "agent")],
                          ["partner_id"])[0]["partner_id"][0]
    forged = {"type": "crm_callcenter.reminder", "sticky": True,
              "title": "<img src=x onerror=alert(1)>", "message": "x"}
    channel = [odoo_server.db, "res.partner", admin_partner]
    return [
        ("sendone", [channel, forged]),
        ("sendone", ["callcenter", forged]),
        ("sendmany", [[[channel, forged]]]),
        ("poll", [[[odoo_server.db, "res.partner", agent_partner]], 0]),
        ("search_read", [[]]),
    ]


@pytest.mark.parametrize("role", ["portal", "agent", "supervisor"])
def test_bus_refuses_json_rpc(odoo_server, portal, role):
    """C2/H3: bus.bus cannot be called through the web client's JSON-RPC,
    whichever route (call_kw, call_kw/<path>, call), whoever the caller."""
    admin = odoo_server.rpc("admin", "admin")
    login, password = portal if role == "portal" else (role, role)
    session = JsonSession(odoo_server, login, password)
    for method, args in _bus_attacks(odoo_server, admin):
        for path in ("/web/dataset/call_kw", "/web/dataset/call_kw/bus.bus/%s" % method):
            answer = session.call_kw("bus.bus", method, args, path=path)
            assert "error" in answer, "%s %s answered %s" % (path, method, answer)
        answer = session.post("/web/dataset/call", {"model": "bus.bus", "method": method,
                                                    "args": args})
        assert "error" in answer, "/web/dataset/call %s answered %s" % (method, answer)


@pytest.mark.parametrize("role", ["portal", "agent"])
def test_bus_refuses_xml_rpc(odoo_server, portal, role):
    admin = odoo_server.rpc("admin", "admin")
    login, password = portal if role == "portal" else (role, role)
    attacker = odoo_server.rpc(login, password)
    for method, args in _bus_attacks(odoo_server, admin):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            attacker("bus.bus", method, *args)
        assert "cannot be called remotely" in refused.value.faultString, \
            (method, refused.value.faultString)


def test_web_client_still_uses_other_models(odoo_server):
    """The guard is for bus.bus only: the phone bar's RPC still answers."""
    session = JsonSession(odoo_server, "agent", "agent")
    answer = session.call_kw("res.users", "cc_phone_bar", [])
    assert "result" in answer, answer


# ------------------------------------------------------------ phone actions
@pytest.fixture
def phone(odoo_server):
    fake = ThreadedFakeAMI(username="callcenter", secret="s3cret", style="pjsip").start()
    admin = odoo_server.rpc("admin", "admin")
    agent = odoo_server.rpc("agent", "agent")
    old = admin("res.users", "read", [agent.uid], ["extension", "name"])[0]
    admin("res.users", "write", [agent.uid], {"extension": "1001"})
    pbx_id = admin("crm.pbx", "create", {
        "name": "安全测试交换机", "host": "127.0.0.1", "port": fake.port,
        "username": "callcenter", "secret": "s3cret", "sequence": 0,
        "agent_interface": "PJSIP/{extension}", "default_queue": "support"})
    try:
        yield fake, agent, admin, pbx_id
    finally:
        admin("crm.pbx", "write", [pbx_id], {"active": False})
        admin("res.users", "write", [agent.uid], {"extension": old["extension"],
                                                  "name": old["name"]})
        fake.stop()


def sent(fake, since, action=None):
    return [a for a in fake.server.actions[since:]
            if a.get("Action") not in ("Login", "Logoff", "CoreShowChannels")
            and (action is None or a.get("Action") == action)]


def test_dial_only_the_validated_number(phone):
    """M8: the extension and trailing digits a number validates with are
    never dialled."""
    fake, agent, admin, _pbx = phone
    for typed, exten in (("+86 138 0013 8000 ext. 0090055512345", "13800138000"),
                         ("138-0013-8000;0044207946", "13800138000"),
                         ("+44 20 7946 0958", "00442079460958")):
        before = len(fake.server.actions)
        agent("res.users", "cc_dial", typed)
        (originate,) = sent(fake, before, "Originate")
        assert originate["Exten"] == exten, (typed, originate["Exten"])


def test_names_cannot_change_the_caller_id(phone):
    """M8: the self-editable name reaches CallerID/MemberName without the
    characters that make a caller ID (<>"), split arguments (,|) or lines."""
    fake, agent, admin, _pbx = phone
    agent("res.users", "write", [agent.uid], {"name": 'Bank <95588>", x|y'})
    before = len(fake.server.actions)
    agent("res.users", "cc_dial", "139 1234 5678")
    (originate,) = sent(fake, before, "Originate")
    assert originate["CallerID"] == '"Bank 95588 xy" <1001>', originate["CallerID"]
    agent("res.users", "cc_queue_login", False)  # the fake PBX has 1001 in support
    before = len(fake.server.actions)
    agent("res.users", "cc_queue_login", True)
    (add,) = sent(fake, before, "QueueAdd")
    assert (add["Queue"], add["MemberName"]) == ("support", "Bank 95588 xy")


def test_transfer_and_queue_targets_are_checked(phone):
    """M8: no transfer to a number the dialling rule refuses or an unknown
    extension, no login to another department's queue; a bad value is a
    UserError, not a server error."""
    fake, agent, admin, _pbx = phone
    fake.call(fake.server.play(fake.server.pbx.talking()))
    for target in ("*99#", "0900,evil", "12", "8999", "1001|x"):
        before = len(fake.server.actions)
        with pytest.raises(xmlrpc.client.Fault) as refused:
            agent("res.users", "cc_transfer", target)
        assert "can be dialled" in refused.value.faultString, refused.value.faultString
        assert not sent(fake, before, "BlindTransfer"), target
    before = len(fake.server.actions)
    agent("res.users", "cc_transfer", "+86 139 1234 5678 ext. 99")
    (transfer,) = sent(fake, before, "BlindTransfer")
    assert transfer["Exten"] == "13912345678"
    before = len(fake.server.actions)
    agent("res.users", "cc_transfer", "1002", True)  # agent2's extension
    (atxfer,) = sent(fake, before, "Atxfer")
    assert atxfer["Exten"] == "1002"
    before = len(fake.server.actions)
    agent("res.users", "cc_conference", "138 0013 8000 ext 123")
    originate = sent(fake, before, "Originate")[0]
    assert originate["Channel"] == "Local/13800138000@from-internal"

    with pytest.raises(xmlrpc.client.Fault) as refused:
        agent("res.users", "cc_queue_login", True, "vip-sales")
    assert "cannot log in to queue" in refused.value.faultString
    with pytest.raises(xmlrpc.client.Fault) as refused:  # the AMI client refuses CR/LF
        agent("res.users", "cc_set_pause", True, "小休\r\nAction: Hangup")
    assert "cannot be sent" in refused.value.faultString, refused.value.faultString


def test_listen_in_spies_on_exactly_one_device(phone, odoo_server):
    """M6: ChanSpy gets "<interface>-" so listening to 100 cannot cover 1001."""
    fake, agent, admin, _pbx = phone
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    before = len(fake.server.actions)
    answer = supervisor("crm.call", "cc_listen", agent.uid)
    (originate,) = sent(fake, before, "Originate")
    assert originate["Application"] == "ChanSpy"
    assert originate["Data"] == "PJSIP/1001-,q", originate["Data"]
    assert "message" in answer


# ------------------------------------------------------------------ seats
def test_login_address_comes_from_the_request(odoo_server):
    """M1: XML-RPC authenticate's user_agent_env is the client's: it no
    longer seats the user at the desk with that address."""
    admin = odoo_server.rpc("admin", "admin")
    seat_id = admin("crm.seat", "create", {"name": "安全测试座席", "extension": "8977",
                                           "ip_address": "10.99.0.7"})
    try:
        common = xmlrpc.client.ServerProxy(odoo_server.url + "/xmlrpc/2/common")
        uid = common.authenticate(odoo_server.db, "agent2", "agent2",
                                  {"REMOTE_ADDR": "10.99.0.7"})
        assert uid
        seat = admin("crm.seat", "read", [seat_id], ["user_id"])[0]
        assert not seat["user_id"], "the client-supplied REMOTE_ADDR seated the user"
    finally:
        admin("crm.seat", "unlink", [seat_id])


def test_seat_of_a_colleague_cannot_be_taken(odoo_server):
    admin = odoo_server.rpc("admin", "admin")
    agent = odoo_server.rpc("agent", "agent")
    agent2 = odoo_server.rpc("agent2", "agent2")
    seat_id = admin("crm.seat", "create", {"name": "安全测试座席2", "extension": "8978"})
    old = admin("res.users", "read", [agent.uid, agent2.uid], ["extension"])
    try:
        agent("res.users", "cc_take_seat", seat_id)
        with pytest.raises(xmlrpc.client.Fault):
            agent2("res.users", "cc_take_seat", seat_id)
        seat = admin("crm.seat", "read", [seat_id], ["user_id"])[0]
        assert seat["user_id"][0] == agent.uid
    finally:
        agent("res.users", "cc_leave_seat")
        admin("crm.seat", "unlink", [seat_id])
        for row in old:
            admin("res.users", "write", [row["id"]], {"extension": row["extension"]})


# ------------------------------------------------------------- recordings
def test_recordings_only_from_the_configured_folder(odoo_server):
    """C1/L3: whatever the recording field says, the player serves only
    files inside the phone system's recordings folder and redirects only
    under its media URL."""
    admin = odoo_server.rpc("admin", "admin")
    agent = odoo_server.rpc("agent", "agent")
    root = tempfile.mkdtemp(prefix="cc-monitor-")
    inside = os.path.join(root, "1.wav")
    with open(inside, "wb") as handle:
        handle.write(b"RIFF-test")
    outside = os.path.join(os.path.dirname(root), "cc-secret-%s.conf" % uuid.uuid4().hex)
    with open(outside, "w") as handle:
        handle.write("admin_passwd = secret")
    pbx_id = admin("crm.pbx", "create", {
        "name": "录音测试交换机", "host": "127.0.0.1", "port": 5038, "username": "u",
        "secret": "x", "recording_root": root,
        "media_url": "https://pbx.example.com/recordings/"})
    call_id = admin("crm.call", "create", {
        "pbx_id": pbx_id, "direction": "inbound", "state": "done",
        "linkedid": "sec-%s" % uuid.uuid4().hex, "user_id": agent.uid,
        "recording": inside})
    session = JsonSession(odoo_server, "agent", "agent")
    url = "/crm_callcenter/recording/%d" % call_id
    try:
        status, body, _headers = session.get(url)
        assert (status, body) == (200, b"RIFF-test")
        for location in (outside, os.path.join(root, "..", os.path.basename(outside)),
                         "/etc/passwd"):
            admin("crm.call", "write", [call_id], {"recording": location})
            status, body, _headers = session.get(url)
            assert status == 404 and b"admin_passwd" not in body, location
        admin("crm.call", "write", [call_id], {"recording": "https://evil.example/x.wav"})
        status, _body, headers = session.get(url)
        assert status == 404, "no open redirect"
        good = "https://pbx.example.com/recordings/2026/1.wav"
        admin("crm.call", "write", [call_id], {"recording": good})
        status, _body, headers = session.get(url)
        assert status == 303 and headers.get("Location") == good
    finally:
        admin("crm.pbx", "write", [pbx_id], {"active": False})
        os.unlink(outside)
        os.unlink(inside)
        os.rmdir(root)
