"""The telephony AMI client and call tracker against the fake AMI server.

Runs in the e2e venv (Python 3.11); the ``telephony`` package is imported
straight from the add-on folder, as it imports nothing from Odoo.
"""
import asyncio
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
ADDON = ROOT / "addons" / "crm_telephony"
sys.path[:0] = [str(ADDON), str(ROOT / "tests")]

from fakeami import scenarios  # noqa: E402
from fakeami.server import FakeAMIServer, ThreadedFakeAMI  # noqa: E402
from telephony import ami, calls  # noqa: E402

DATA = ADDON / "tests" / "data" / "ami"
DEADLINE = 20


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, DEADLINE))


class Harness:
    """A fake server and a client wired to a tracker, like the listener."""

    def __init__(self, secret="s3cret", **client_options):
        self.secret, self.options = secret, client_options
        self.events, self.facts, self.connects = [], [], 0
        self.changed = None

    async def __aenter__(self):
        self.changed = asyncio.Event()
        self.server = await FakeAMIServer(style="pjsip").start()
        self.tracker = calls.CallTracker()
        self.client = ami.AMIClient("127.0.0.1", self.server.port, "callcenter", self.secret,
                                    on_event=self.on_event, on_connect=self.on_connect,
                                    on_disconnect=self.on_disconnect, backoff=0.01,
                                    backoff_max=0.05, timeout=5, **self.options)
        return self

    async def __aexit__(self, *exc):
        await self.client.close()
        await self.server.stop()

    def on_event(self, message):
        self.events.append(message)
        self.facts.extend(self.tracker.feed(message))
        self.changed.set()

    async def on_connect(self, client):
        status = await client.send_action("QueueStatus")
        for event in status.events:
            self.facts.extend(self.tracker.feed(event))
        self.connects += 1
        self.changed.set()

    def on_disconnect(self, client):
        self.facts.extend(self.tracker.on_disconnect())

    async def until(self, predicate):
        """Wait (with the test's deadline) until ``predicate()`` holds."""
        while not predicate():
            self.changed.clear()
            await self.changed.wait()

    def ended(self):
        return [f.record for f in self.facts if isinstance(f, calls.CallEnded)]


def test_login_fullybooted_and_queue_status():
    async def scenario():
        async with Harness() as h:
            task = asyncio.ensure_future(h.client.run())
            await h.until(lambda: h.connects == 1)
            assert h.client.banner == "Asterisk Call Manager/11.0.0"
            booted = [e for e in h.events if e.name == "FullyBooted"]
            assert [(e["Uptime"], e["Status"]) for e in booted] == [("59", "Fully Booted")]
            status = await h.client.send_action("QueueStatus")
            assert [e.name for e in status.events] == ["QueueParams"] + ["QueueMember"] * 3
            assert status.events[1]["Location"] == "PJSIP/1001"
            states = {f.extension: f.state for f in h.facts
                      if isinstance(f, calls.AgentStateChanged)}
            assert states == {"1001": "ready", "1002": "ready", "1003": "ready"}
            pong = await h.client.send_action("Ping")
            assert pong["Ping"] == "Pong"
            task.cancel()
    run(scenario())


def test_scenario_events_are_tracked():
    async def scenario():
        async with Harness() as h:
            task = asyncio.ensure_future(h.client.run())
            await h.until(lambda: h.connects == 1)
            sent = await h.server.play("transfer")
            await h.until(lambda: h.ended())
            (record,) = h.ended()
            assert (record.result, record.transfer_target) == ("transferred", "1002")
            pops = [(f.extension, f.caller) for f in h.facts if isinstance(f, calls.Pop)]
            assert pops == [("1001", "+8613800138000"), ("1002", "+8613800138000")]
            assert len([e for e in h.events if e.name != "FullyBooted"]) == sent
            task.cancel()
    run(scenario())


def test_reconnect_after_drop_and_restart():
    async def scenario():
        async with Harness() as h:
            task = asyncio.ensure_future(h.client.run())
            await h.until(lambda: h.connects == 1)
            await h.server.drop()
            await h.until(lambda: h.connects == 2)
            assert h.server.logins == 2
            await h.server.play("restart")
            await h.until(lambda: len(h.ended()) == 2)
            results = sorted((r.agent_extension, r.result) for r in h.ended())
            assert results == [("1001", "interrupted"), ("1002", "answered")]
            booted = [e["Uptime"] for e in h.events if e.name == "FullyBooted"]
            assert booted == ["59", "59", "0"], "a restarted PBX reports Uptime 0"
            channels = [e["Channel"] for e in h.events if e.name == "Newchannel"]
            assert channels[-2].endswith("-00000000"), "numbering restarts with the PBX"
            task.cancel()
    run(scenario())


def test_reconnects_leave_no_socket_open():
    """Each PBX disconnect closes the client's end of the old link (before,
    it was only dropped: the socket stayed in CLOSE_WAIT until the garbage
    collector or the keep-alive let go of it)."""
    async def scenario():
        async with Harness() as h:
            task = asyncio.ensure_future(h.client.run())
            links = []
            for attempt in range(1, 4):
                await h.until(lambda: h.connects == attempt)
                links.append(h.client._writer)
                await h.server.drop()
            await h.until(lambda: h.connects == 4)
            assert all(link is not None for link in links)
            assert [link.transport.is_closing() for link in links] == [True] * 3, \
                "a dropped link's socket was left open"
            assert not h.client._writer.transport.is_closing(), "the live link is open"
            task.cancel()
    run(scenario())


def test_wrong_secret_refused():
    async def scenario():
        async with Harness(secret="wrong") as h:
            with pytest.raises(ami.AuthenticationError, match="Authentication failed"):
                await h.client.connect()
            with pytest.raises(ami.AuthenticationError):
                await h.client.run()
            assert (h.server.logins, h.server.failed_logins) == (0, 2)
    run(scenario())


def test_actions_and_their_events():
    async def scenario():
        async with Harness() as h:
            await h.client.connect()
            await h.until(lambda: h.connects == 1)  # on_connect's QueueStatus is done
            mark = len(h.facts)
            response = await h.client.send_action("QueuePause", Interface="PJSIP/1002",
                                                  Paused="true", Reason="Lunch")
            assert response["Message"] == "Interface paused successfully"
            await h.until(lambda: any(e.name == "QueueMemberPause" for e in h.events))
            added = await h.client.send_action("QueueAdd", Queue="support",
                                               Interface="PJSIP/1004", Paused="true")
            assert added["Message"] == "Added interface to queue"
            with pytest.raises(ami.AMIError, match="Already there"):
                await h.client.send_action("QueueAdd", Queue="support", Interface="PJSIP/1004")
            await h.client.send_action("QueueRemove", Queue="support", Interface="PJSIP/1004")
            await h.until(lambda: any(e.name == "QueueMemberRemoved" for e in h.events))
            states = [(f.extension, f.state, f.reason) for f in h.facts[mark:]
                      if isinstance(f, calls.AgentStateChanged)]
            assert states == [("1002", "paused", "Lunch"), ("1004", "paused", None),
                              ("1004", "logged_out", None)]
            originate = await h.client.send_action(
                "Originate", Channel="PJSIP/1001", Exten="+8613800138000", Context="out",
                Async="true")
            assert originate["Message"] == "Originate successfully queued"
            await h.until(lambda: any(e.name == "OriginateResponse" for e in h.events))
            with pytest.raises(ami.AMIError, match="Invalid/unknown command"):
                await h.client.send_action("NoSuchAction")
            channels = await h.client.send_action("CoreShowChannels")
            assert channels.events == []
    run(scenario())


def test_event_filter_and_threaded_server():
    with ThreadedFakeAMI(style="local") as fake:
        async def scenario():
            got = []
            client = ami.AMIClient("127.0.0.1", fake.port, "callcenter", "s3cret",
                                   on_event=got.append, event_filters=["Event: Agent"])
            await client.connect()
            sent = asyncio.wrap_future(asyncio.run_coroutine_threadsafe(
                fake.server.play("answered"), fake.loop))
            await sent
            while len(got) < 3:
                await client.send_action("Ping")
            await client.close()
            return got
        got = run(scenario())
    # FullyBooted comes with the login, before the Filter action, as on Asterisk
    assert [e.name for e in got] == ["FullyBooted", "AgentCalled", "AgentConnect",
                                     "AgentComplete"]


def test_scenario_files_are_current():
    """The add-on's unit tests replay these files: regenerate them with
    ``python -m fakeami.scenarios`` when the scenarios change."""
    for name, data in scenarios.files().items():
        assert (DATA / "scenarios" / name).read_bytes() == data, name


def test_scenarios_keep_the_recorded_headers():
    """Every event kind the scenarios share with the recording has the
    recording's keys in the recording's order."""
    recorded = {}
    for message in ami.Parser().feed((DATA / "asterisk-22.10-ami-queue-calls.txt").read_bytes()):
        if message.kind == "event":
            recorded.setdefault(message.name, set()).add(tuple(message))
    checked = set()
    for style in scenarios.STYLES:
        for name in scenarios.SCENARIOS:
            parser = ami.Parser()
            for message in parser.feed(scenarios.render(scenarios.scenario(name, style))):
                if message.kind == "event" and message.name in recorded:
                    assert tuple(message) in recorded[message.name], (style, name, message.name)
                    checked.add(message.name)
    assert {"AgentCalled", "AgentConnect", "AgentComplete", "QueueCallerAbandon", "Cdr",
            "Hangup", "QueueMemberPause", "QueueMemberAdded", "LocalBridge"} <= checked


def test_listener_late_lane_keeps_order_and_never_holds_up_pops():
    """The listener's two lanes: the first sink (calls and pops) gets a new
    call's facts while the late sink (agent states) is still busy with the
    call before; the late sink gets every fact too, in order, and a fact it
    refuses is counted and logged, the others stored."""
    import threading

    from telephony.listener import PbxListener

    first, late = [], []
    popped, release = threading.Event(), threading.Event()

    def sink(batch):
        first.extend(type(fact) for fact in batch)
        if any(isinstance(fact, calls.Pop) for fact in batch):
            popped.set()

    def late_sink(batch):
        release.wait(DEADLINE)  # busy with the first call's agent states
        if any(isinstance(fact, calls.Pop) for fact in batch):
            raise ValueError("the late lane refuses pops (a test rule)")
        late.extend(type(fact) for fact in batch)

    async def scenario():
        loop = asyncio.get_running_loop()
        server = await FakeAMIServer(style="pjsip").start()
        listener = PbxListener("127.0.0.1", server.port, "callcenter", "s3cret", sink,
                               late_sink=late_sink, backoff=0.01)
        task = asyncio.ensure_future(listener.run())
        try:
            await server.wait_logins(1)
            await server.play("answered")
            assert await loop.run_in_executor(None, popped.wait, DEADLINE)
            popped.clear()
            await server.play("answered", caller="+8613900139000")
            assert await loop.run_in_executor(None, popped.wait, 5), \
                "the second call's pop waited for the late lane"
            assert late == []
            release.set()
            await listener.drain()
            assert first.count(calls.Pop) == 2
            assert late == [kind for kind in first if kind is not calls.Pop]
            assert listener.failed_facts == 2
        finally:
            release.set()
            await listener.close()
            task.cancel()
            await server.stop()
    run(scenario())


class ListenerHarness:
    """A PbxListener on the fake server; its facts and statuses."""

    def __init__(self, **options):
        self.options = options
        self.facts, self.statuses = [], []

    async def __aenter__(self):
        from telephony.listener import PbxListener

        self.changed = asyncio.Event()
        loop = asyncio.get_running_loop()
        self.server = await FakeAMIServer(style="sip").start()

        def sink(batch):
            self.facts.extend(batch)
            loop.call_soon_threadsafe(self.changed.set)

        def status(state, message):
            self.statuses.append(state)
            loop.call_soon_threadsafe(self.changed.set)
        self.listener = PbxListener("127.0.0.1", self.server.port, "callcenter", "s3cret", sink,
                                    status=status, **self.options)
        self.task = asyncio.ensure_future(self.listener.run())
        return self

    async def __aexit__(self, *exc):
        self.task.cancel()
        await self.server.stop()

    async def until(self, predicate):
        while not predicate():
            self.changed.clear()
            await self.changed.wait()

    def states(self, since=0):
        """{extension: last state} of the agent facts from index ``since``."""
        return {fact.extension: fact.state for fact in self.facts[since:]
                if isinstance(fact, calls.AgentStateChanged)}

    def links(self):
        return [fact.state for fact in self.facts if isinstance(fact, calls.PbxState)]


def test_pbx_restart_resynchronises_members_and_agents_see_unreachable():
    """Issue 16.5: an agent added with QueueAdd and lost by a restarted PBX
    (no persistentmembers) is logged out after the reconnection, not left
    "ready"; while the PBX is down every agent is "unreachable" (status
    "unreachable" for the monitor); a clean stop makes them offline."""
    async def scenario():
        async with ListenerHarness() as h:
            await h.until(lambda: h.links() == ["connected"])
            assert h.states() == {"1001": "ready", "1002": "ready", "1003": "ready"}
            await h.server.send(h.server.pbx.add_member("1004", paused=False))
            await h.until(lambda: h.states().get("1004") == "ready")
            mark = len(h.facts)
            await h.server.go_down()
            await h.until(lambda: h.links()[-1:] == ["unreachable"])
            assert h.states(mark) == dict.fromkeys(("1001", "1002", "1003", "1004"),
                                                   "unreachable")
            await h.until(lambda: "unreachable" in h.statuses)
            h.server.pbx.members.pop("1004")  # restarted without persistentmembers
            mark = len(h.facts)
            await h.server.come_up()
            await h.until(lambda: h.links()[-1:] == ["connected"])
            assert h.states(mark) == {"1001": "ready", "1002": "ready", "1003": "ready",
                                      "1004": "logged_out"}
            link = [fact for fact in h.facts if isinstance(fact, calls.PbxState)][-1]
            assert link.members == ["1001", "1002", "1003"]
            assert h.statuses[-1] == "connected"
            mark = len(h.facts)
            await h.listener.close()
            assert h.states(mark) == dict.fromkeys(("1001", "1002", "1003", "1004"), "offline")
            assert (h.links()[-1], h.statuses[-1]) == ("stopped", "stopped")
    run(scenario())


def test_restart_without_persistent_members_logs_out_the_added_agent():
    """The same through a real-looking ``core restart now`` (the socket
    closes, the login works again at once): 1004's QueueAdd is lost."""
    async def scenario():
        async with ListenerHarness() as h:
            await h.until(lambda: h.links() == ["connected"])
            await h.server.send(h.server.pbx.add_member("1004", paused=False))
            await h.until(lambda: h.states().get("1004") == "ready")
            await h.server.restart(persistent=False)
            await h.until(lambda: h.links()[-2:] == ["unreachable", "connected"])
            assert h.states()["1004"] == "logged_out"
            await h.listener.close()
    run(scenario())


def test_listener_comes_back_quickly_and_logs_each_link_change(caplog):
    """Issue 16.6: the retry delay is capped at 2 s (it grew to 30 s: the
    listener came back 15 s after the PBX); every connection, loss and
    outage is logged; a call cut by the dead PBX is closed with what is
    known (``cut``, end = the disconnection, talk time so far)."""
    import logging

    caplog.set_level(logging.DEBUG, logger="telephony")

    async def scenario():
        async with ListenerHarness() as h:
            assert h.listener.client.backoff_max <= 2.0
            await h.until(lambda: h.links() == ["connected"])
            await h.server.play(h.server.pbx.talking())
            await h.until(lambda: any(isinstance(f, calls.CallAnswered) for f in h.facts))
            failures = []
            original = h.listener.client.on_unreachable

            async def count(client, error):
                failures.append(error)
                h.changed.set()
                await original(client, error)
            h.listener.client.on_unreachable = count
            await h.server.go_down()
            await h.until(lambda: len(failures) >= 4)  # 0.5 + 1 + 2 + 2 s
            (ended,) = [f.record for f in h.facts if isinstance(f, calls.CallEnded)]
            assert (ended.result, ended.cut) == ("interrupted", True)
            assert ended.end >= ended.answer and ended.talk_seconds is not None
            await h.server.come_up()
            await h.until(lambda: h.links()[-1:] == ["connected"])
            await h.listener.close()
        return failures

    failures = run(scenario())
    messages = [record.getMessage() for record in caplog.records]
    assert len([m for m in messages if " connected (" in m]) == 2, messages
    assert any("connection to" in m and "lost" in m for m in messages)
    unreachable = [r for r in caplog.records if "unreachable (" in r.getMessage()]
    assert [r.levelno for r in unreachable[:2]] == [logging.WARNING, logging.DEBUG]
    assert any("reachable again after %d failed attempts" % len(failures) in m
               for m in messages)
    assert any("logged off" in m for m in messages)
