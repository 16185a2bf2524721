"""CC-3: the phone bar's call actions reach the fake PBX as the AMI actions
an Asterisk administrator configures for (docs/PBX.md), on the channels of
the agent's live call as the PBX lists them (CoreShowChannels)."""
import xmlrpc.client

import pytest
from fakeami.server import ThreadedFakeAMI


@pytest.fixture
def phone(odoo_server):
    fake = ThreadedFakeAMI(username="callcenter", secret="s3cret", style="pjsip").start()
    admin = odoo_server.rpc("admin", "admin")
    agent = odoo_server.rpc("agent", "agent")
    old = admin("res.users", "read", [agent.uid], ["extension"])[0]["extension"]
    admin("res.users", "write", [agent.uid], {"extension": "1001"})
    pbx_id = admin("crm.pbx", "create", {
        "name": "话务条测试交换机", "host": "127.0.0.1", "port": fake.port,
        "username": "callcenter", "secret": "s3cret", "sequence": 0,
        "agent_interface": "PJSIP/{extension}", "survey_extension": "9000"})
    try:
        yield fake, agent, admin
    finally:
        admin("crm.pbx", "write", [pbx_id], {"active": False})
        admin("res.users", "write", [agent.uid], {"extension": old})
        fake.stop()


def sent(fake, since):
    return [action for action in fake.server.actions[since:]
            if action.get("Action") not in ("Login", "Logoff", "CoreShowChannels")]


def test_hold_resume_conference_and_survey(phone):
    fake, agent, admin = phone
    with pytest.raises(xmlrpc.client.Fault) as info:
        agent("res.users", "cc_hold", True)
    assert "not in a call" in info.value.faultString

    fake.call(fake.server.play(fake.server.pbx.talking()))  # the agent talks to a caller
    trunk = next(name for name in fake.server._channel_names() if "/trunk-" in name)
    mine = next(name for name in fake.server._channel_names()
                if name.startswith("PJSIP/1001-"))

    before = len(fake.server.actions)
    assert agent("res.users", "cc_hold", True)["held"] is True
    (redirect,) = sent(fake, before)
    assert (redirect["Action"], redirect["Channel"], redirect["Context"], redirect["Exten"]) \
        == ("Redirect", trunk, "crm-hold", "s")
    assert (redirect["ExtraChannel"], redirect["ExtraExten"]) == (mine, "agent")
    assert admin("res.users", "read", [agent.uid], ["cc_on_hold"])[0]["cc_on_hold"]
    assert agent("res.users", "cc_phone_bar")["held"] is True

    before = len(fake.server.actions)
    assert agent("res.users", "cc_hold", False)["held"] is False
    (bridge,) = sent(fake, before)
    assert (bridge["Action"], bridge["Channel1"], bridge["Channel2"]) == ("Bridge", mine, trunk)
    assert not admin("res.users", "read", [agent.uid], ["cc_on_hold"])[0]["cc_on_hold"]

    before = len(fake.server.actions)
    agent("res.users", "cc_conference", "139 1234 5678")
    redirect, originate = sent(fake, before)
    assert (redirect["Action"], redirect["Channel"], redirect["ExtraChannel"]) == (
        "Redirect", trunk, mine)
    assert (redirect["Context"], redirect["Exten"], redirect["ExtraExten"]) == (
        "crm-conference", "1001", "1001")
    assert (originate["Action"], originate["Channel"], originate["Exten"]) == (
        "Originate", "Local/13912345678@from-internal", "1001")
    # issue 16.8: the leg's Uniqueid (so its Linkedid) names the call it joins
    linkedid = next(live for live in fake.server.channels.values()
                    if live.get("Channel") == mine).get("Linkedid")
    assert originate["ChannelId"].startswith(linkedid + "-3way-")
    with pytest.raises(xmlrpc.client.Fault) as info:
        agent("res.users", "cc_conference", "not a number")
    assert "cannot be dialled" in info.value.faultString or \
        "not a phone number" in info.value.faultString

    before = len(fake.server.actions)
    agent("res.users", "cc_transfer_to_survey")
    (transfer,) = sent(fake, before)
    assert (transfer["Action"], transfer["Channel"], transfer["Exten"]) == (
        "BlindTransfer", mine, "9000")

    before = len(fake.server.actions)
    agent("res.users", "cc_transfer", "1002", True)
    (atxfer,) = sent(fake, before)
    assert (atxfer["Action"], atxfer["Channel"], atxfer["Exten"]) == ("Atxfer", mine, "1002")

    fake.call(fake.server.restart())  # the PBX restarted: the call is gone
    with pytest.raises(xmlrpc.client.Fault) as info:
        agent("res.users", "cc_hold", False)
    assert "not in a call" in info.value.faultString


def test_login_at_a_desk_takes_its_seat(odoo_server):
    """CC-2: logging in from a seat's computer gives the user its extension;
    leaving gives the user's own extension back. The address is the HTTP
    request's (M1): the REMOTE_ADDR an XML-RPC client sends is ignored."""
    from test_security_telephony_rpc import JsonSession

    admin = odoo_server.rpc("admin", "admin")
    agent = odoo_server.rpc("agent", "agent")
    own = admin("res.users", "read", [agent.uid], ["extension"])[0]["extension"]
    seat_id = admin("crm.seat", "create", {"name": "测试席位", "extension": "8988",
                                           "ip_address": "127.0.0.1"})
    common = xmlrpc.client.ServerProxy(odoo_server.url + "/xmlrpc/2/common")
    try:
        assert common.authenticate(odoo_server.db, "agent", "agent",
                                   {"REMOTE_ADDR": "127.0.0.1"}) == agent.uid
        assert admin("res.users", "read", [agent.uid], ["extension"])[0]["extension"] == own
        JsonSession(odoo_server, "agent", "agent")  # the web login, from this machine
        user = admin("res.users", "read", [agent.uid], ["extension", "cc_seat_id"])[0]
        assert user["cc_seat_id"] and (user["extension"], user["cc_seat_id"][0]) == (
            "8988", seat_id)
        assert agent("res.users", "cc_phone_bar")["seat"] == "测试席位"
        agent("res.users", "cc_leave_seat")
        assert admin("res.users", "read", [agent.uid], ["extension"])[0]["extension"] == own
    finally:
        agent("res.users", "cc_leave_seat")
        admin("crm.seat", "unlink", [seat_id])


def test_supervisor_listens_in_only_on_own_departments(phone, odoo_server):
    """CC-9 listen-in: a ChanSpy Originate on the Supervisor's own phone, for
    the agents of the Supervisor's department tree only."""
    fake, agent, admin = phone
    supervisor = odoo_server.rpc("supervisor", "supervisor")
    supervisor_extension = admin("res.users", "read", [supervisor.uid],
                                 ["extension"])[0]["extension"]
    agent2 = admin("res.users", "search", [("login", "=", "agent2")])[0]  # another department
    before = len(fake.server.actions)
    result = supervisor("crm.call", "cc_listen", agent.uid, False)
    assert result["message"]
    (originate,) = sent(fake, before)
    assert (originate["Action"], originate["Channel"], originate["Application"],
            originate["Data"]) == ("Originate", "PJSIP/%s" % supervisor_extension,
                                   "ChanSpy", "PJSIP/1001-,q")
    before = len(fake.server.actions)
    for who, user_id in ((supervisor, agent2), (agent, agent.uid)):
        with pytest.raises(xmlrpc.client.Fault) as info:
            who("crm.call", "cc_listen", user_id, True)
        assert "listen to this agent" in info.value.faultString or \
            "for Supervisors" in info.value.faultString
    assert sent(fake, before) == [], "nothing reached the PBX"
