"""Listener high availability (issue 18): two `odoo-bin telephony`
processes against one fake PBX; one listens, the other stands by. The
active one is killed (SIGKILL) mid-call: the standby takes the phone system
over, adopts the call still ringing (AMI ``Status``) and completes it, with
one record and one pop; calls that rang and ended while no listener
listened come back from the PBX's CDR file. A listener whose lock
connection is killed (``pg_terminate_backend``) stops writing."""
import os
import signal
import socket
import subprocess

import pytest
from conftest import DB, ROOT, wait_until
from fakeami.server import ThreadedFakeAMI

CALLER = "+8613800138000"


def sql(query):
    """One value from the test database (psql: the real PostgreSQL)."""
    out = subprocess.run(["psql", "-X", "-At", "-d", DB, "-c", query], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
    return out


class Listeners:
    """`odoo-bin telephony` processes of the test database."""

    def __init__(self):
        self.procs = {}
        self.logs = []

    def start(self, name):
        log = open(ROOT / ".run" / "test" / ("listener-%s.log" % name), "w")
        self.logs.append(log)
        proc = subprocess.Popen(
            [str(ROOT / "scripts" / "odoo.sh"), "telephony", "-d", DB, "--reload", "1",
             "--log-level=info"], stdout=log, stderr=subprocess.STDOUT, cwd=str(ROOT),
            env=dict(os.environ, EXTRA_ADDONS=str(ROOT / "tests" / "odoo_addons")),
            start_new_session=True)
        self.procs[name] = proc
        return proc

    @staticmethod
    def node(proc):
        return "%s:%d" % (socket.gethostname(), proc.pid)

    def kill(self, name):
        proc = self.procs.pop(name)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
        return proc

    def stop_all(self):
        for proc in self.procs.values():
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        for log in self.logs:
            log.close()


@pytest.fixture
def failover(odoo_server, tmp_path):
    """A fake PBX writing its CDRs to a Master.csv the phone system reads,
    the demo Agent on extension 1001, two listeners."""
    cdr = tmp_path / "Master.csv"
    cdr.write_text("")
    fake = ThreadedFakeAMI(username="callcenter", secret="s3cret", style="pjsip",
                           cdr_path=str(cdr)).start()
    admin = odoo_server.rpc("admin", "admin")
    agent_id = odoo_server.rpc("agent", "agent").uid
    old_extension = admin("res.users", "read", [agent_id], ["extension"])[0]["extension"]
    admin("res.users", "write", [agent_id], {"extension": "1001"})
    pbx_id = admin("crm.pbx", "create", {
        "name": "高可用测试交换机", "host": "127.0.0.1", "port": fake.port,
        "username": "callcenter", "secret": "s3cret", "agent_interface": "PJSIP/{extension}",
        "tz": "UTC", "cdr_root": str(tmp_path), "cdr_file": str(cdr)})
    listeners = Listeners()
    try:
        yield fake, admin, pbx_id, listeners
    finally:
        listeners.stop_all()
        admin("crm.pbx", "write", [pbx_id], {"active": False})
        admin("res.users", "write", [agent_id], {"extension": old_extension})
        fake.stop()


def pbx_state(admin, pbx_id):
    return admin("crm.pbx", "read", [pbx_id], [
        "listener_state", "listener_node", "listener_node_since", "cdr_date"])[0]


def calls_of(admin, pbx_id, linkedid):
    return admin("crm.call", "search_read", [("pbx_id", "=", pbx_id),
                                             ("linkedid", "=", linkedid)],
                 ["state", "result", "talk_seconds", "date_answer", "date_end",
                  "popped_extensions", "cdr_recovered", "user_id"])


def pops_of(call_id):
    return int(sql("SELECT count(*) FROM bus_bus WHERE message::json->>'type' = "
                   "'crm_callcenter.pop' AND (message::json->>'call_id')::int = %d"
                   % call_id))


def active_listener(admin, pbx_id, listeners):
    """The name of the listener process holding the phone system."""
    def holder():
        state = pbx_state(admin, pbx_id)
        if state["listener_state"] != "connected":
            return None
        for name, proc in listeners.procs.items():
            if state["listener_node"] == listeners.node(proc):
                return name
        return None
    return wait_until(holder, 120, "a listener to hold the phone system")


def linkedid_of(events):
    for line in events[0].decode().split("\r\n"):
        if line.startswith("Linkedid: "):
            return line.split(": ", 1)[1]
    raise AssertionError("no Linkedid in %r" % events[0])


def status_asked(fake, since):
    return any(action.get("Action", "").lower() == "status"
               for action in fake.server.actions[since:])


def test_standby_takes_over_mid_call(failover):
    fake, admin, pbx_id, listeners = failover
    listeners.start("a")
    first = active_listener(admin, pbx_id, listeners)
    listeners.start("b")
    # the second one stands by: it logs "standby" and never logs in to the PBX
    logins = fake.server.logins
    wait_until(lambda: "standby" in (ROOT / ".run" / "test" / "listener-b.log").read_text(),
               120, "the second listener to stand by")
    assert fake.server.logins == logins, "a standby listener logged in to the PBX"
    since_before = pbx_state(admin, pbx_id)["listener_node_since"]

    # a call rings agent 1001: one record, one pop, by the active listener
    ring, rest = fake.server.pbx.answered_parts(CALLER, "1001")
    linkedid = linkedid_of(ring)
    fake.call(fake.server.send(ring))
    wait_until(lambda: [c for c in calls_of(admin, pbx_id, linkedid)
                        if c["popped_extensions"] == "1001"], 60, "the ringing call's pop")
    call_id = calls_of(admin, pbx_id, linkedid)[0]["id"]
    assert pops_of(call_id) == 1

    # the active listener dies mid-call; the standby takes over and adopts it
    actions = len(fake.server.actions)
    listeners.kill(first)
    second = "b" if first == "a" else "a"
    wait_until(lambda: pbx_state(admin, pbx_id)["listener_node"] == listeners.node(
        listeners.procs[second]), 60, "the standby to take the phone system over")
    wait_until(lambda: status_asked(fake, actions), 60,
               "the new listener to ask the PBX for its live channels (Status)")
    state = pbx_state(admin, pbx_id)
    assert state["listener_node_since"] and state["listener_node_since"] >= since_before
    # the Supervisors' live monitor shows the new holder too
    monitor = [pbx for pbx in admin("crm.call", "cc_monitor")["pbx"]
               if pbx["name"] == "高可用测试交换机"]
    assert monitor and monitor[0]["node"] == listeners.node(listeners.procs[second]), monitor
    assert monitor[0]["node_since"] == state["listener_node_since"]
    # the adopted call is still ringing, not ended by the takeover
    assert calls_of(admin, pbx_id, linkedid)[0]["state"] == "ringing"

    # the rest of the call reaches the new listener (events that arrive
    # while it adopts the live calls wait for it): completed, once
    fake.call(fake.server.send(rest))
    wait_until(lambda: calls_of(admin, pbx_id, linkedid)[0]["state"] == "done", 60,
               "the call to end")
    calls = calls_of(admin, pbx_id, linkedid)
    assert len(calls) == 1, "the call was recorded %d times" % len(calls)
    call = calls[0]
    assert call["result"] == "answered", call
    assert call["date_answer"] and call["date_end"], call
    assert call["talk_seconds"] == 9, "the PBX's talk time (AgentComplete) is stored: %s" % call
    assert call["popped_extensions"] == "1001"
    assert pops_of(call_id) == 1, "the agent got the pop again after the takeover"


def test_gap_calls_come_back_from_the_cdrs(failover):
    fake, admin, pbx_id, listeners = failover
    listeners.start("a")
    active_listener(admin, pbx_id, listeners)
    # a call rings, then the only listener dies
    ring, rest = fake.server.pbx.answered_parts(CALLER, "1001")
    ringing = linkedid_of(ring)
    fake.call(fake.server.send(ring))
    wait_until(lambda: [c for c in calls_of(admin, pbx_id, ringing)
                        if c["popped_extensions"] == "1001"], 60, "the ringing call's pop")
    call_id = calls_of(admin, pbx_id, ringing)[0]["id"]
    listeners.kill("a")
    # while nobody listens: that call is answered and ends, another call
    # starts and ends (the PBX writes their CDRs)
    fake.call(fake.server.send(rest))
    gap = fake.server.pbx.answered("+8613900139000", "1001")
    missed = linkedid_of(gap)
    fake.call(fake.server.send(gap))
    assert fake.server.cdr_lines >= 2
    listeners.start("c")
    wait_until(lambda: pbx_state(admin, pbx_id)["listener_node"] == listeners.node(
        listeners.procs["c"]), 120, "the new listener to take the phone system")
    wait_until(lambda: calls_of(admin, pbx_id, missed), 60,
               "the call of the gap to be recovered from the CDR file")
    wait_until(lambda: calls_of(admin, pbx_id, ringing)[0]["state"] == "done", 60,
               "the call left ringing to be completed")
    for linkedid in (ringing, missed):
        calls = calls_of(admin, pbx_id, linkedid)
        assert len(calls) == 1, calls
        call = calls[0]
        assert call["result"] == "answered" and call["cdr_recovered"], call
        assert call["talk_seconds"] == 11, "the CDR's billable seconds: %s" % call
        assert call["date_end"], call
    assert pops_of(call_id) == 1, "no second pop for the recovered call"
    assert not admin("crm.call", "search_count", [("pbx_id", "=", pbx_id),
                                                  ("state", "!=", "done")]), \
        "a call was left ringing"


def test_fenced_listener_stops_writing(failover):
    """The lock connection of the active listener is killed (as a network
    cut to PostgreSQL does): it stops listening to the PBX and writes
    nothing with its old lease; it (or another) takes the PBX again as a
    new holder (new epoch)."""
    fake, admin, pbx_id, listeners = failover
    listeners.start("a")
    active_listener(admin, pbx_id, listeners)
    epoch = int(sql("SELECT listener_epoch FROM crm_pbx WHERE id = %d" % pbx_id))
    lock_pid = sql("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = %d "
                   "AND objid = %d AND granted" % (0x43524D50, pbx_id))
    assert lock_pid, "the listener holds no advisory lock for the phone system"
    logins = fake.server.logins
    sql("SELECT pg_terminate_backend(%s)" % lock_pid)
    log = ROOT / ".run" / "test" / "listener-a.log"
    wait_until(lambda: "lease lost" in log.read_text(), 60, "the listener to notice")
    # it logged off the PBX and took the phone system again, as a new holder
    wait_until(lambda: int(sql("SELECT listener_epoch FROM crm_pbx WHERE id = %d"
                               % pbx_id)) > epoch, 60, "a new claim of the phone system")
    wait_until(lambda: fake.server.logins > logins, 60, "a new login to the PBX")
    # and it listens again: a call is recorded once
    events = fake.server.pbx.answered(CALLER, "1001")
    linkedid = linkedid_of(events)
    fake.call(fake.server.send(events))
    wait_until(lambda: [c for c in calls_of(admin, pbx_id, linkedid) if c["state"] == "done"],
               60, "the call after the new claim")
    assert len(calls_of(admin, pbx_id, linkedid)) == 1
