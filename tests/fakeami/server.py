"""Fake Asterisk Manager Interface server (asyncio, Python 3.7 and 3.11).

It speaks the dialect recorded from Asterisk 22.10: the banner
``Asterisk Call Manager/11.0.0``, ``Response: Success`` / ``Message:
Authentication accepted`` then ``Event: FullyBooted``; a wrong secret gets
``Message: Authentication failed`` and the connection is closed, as
Asterisk does. It answers Ping, CoreSettings, QueueStatus, QueueSummary, CoreShowChannels,
Originate, QueuePause, QueueAdd, QueueRemove, Filter, Status and Logoff, and
plays the scenarios of :mod:`fakeami.scenarios` to every logged-in client.
``Status`` answers as Asterisk 20 and 22 build it (``generate_status`` in
main/manager.c: the channel snapshot, then ``Type``, ``DNID``, ...,
``Seconds``; the list ends with ``StatusComplete`` and ``Items``), from the
channels the events it sent created and changed. With ``cdr_path`` it
appends each call's CDRs to a cdr_csv ``Master.csv`` (loguniqueid,
loguserfield, newcdrcolumns; times in UTC), also while no client listens,
as Asterisk does: that is how the CRM recovers the calls its listener
missed.

Use it from asyncio code (``await FakeAMIServer().start()``), from plain
code and pytest fixtures through :class:`ThreadedFakeAMI`, or on the command
line: ``python -m fakeami.server --port 5038 --scenario answered``.
"""
import argparse
import asyncio
import csv
import io
import re
import threading
import time

try:
    from . import dialplan as dialplans
    from . import scenarios
except ImportError:  # run as a script
    import dialplan as dialplans
    import scenarios

CRLF = "\r\n"
#: the keys of a channel snapshot (ast_manager_build_channel_state_string)
_SNAPSHOT_KEYS = ("Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum", "CallerIDName",
                  "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context",
                  "Exten", "Priority", "Uniqueid", "Linkedid")


def _parse(text):
    fields = {}
    for line in text.split("\n"):
        key, sep, value = line.rstrip("\r").partition(":")
        if sep:
            fields.setdefault(key.strip(), value.strip())
    return fields


class _Client:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer
        self.authenticated = False
        self.events = True
        self.filters = []

    def wants(self, event):
        if not (self.authenticated and self.events):
            return False
        if not self.filters:
            return True
        text = event.decode("utf-8", "replace")
        allowed = [f for f in self.filters if not f.startswith("!")]
        denied = [f[1:] for f in self.filters if f.startswith("!")]
        if allowed and not any(re.search(f, text) for f in allowed):
            return False
        return not any(re.search(f, text) for f in denied)


class _Live:
    """A live channel: its latest snapshot lines, what it runs, its bridge."""

    __slots__ = ("lines", "created", "application", "data", "bridge")

    def __init__(self, lines):
        self.lines = lines
        self.created = time.time()
        self.application, self.data, self.bridge = "", "", ""

    def get(self, key):
        for line in self.lines:
            name, _, value = line.partition(": ")
            if name == key:
                return value
        return ""


#: Status "Type": the channel driver's name (ast_channel_tech(chan)->type)
_TYPES = {"pjsip": "PJSIP", "sip": "SIP", "local": "Local", "iax2": "IAX2"}


class FakeAMIServer:
    """One fake PBX on 127.0.0.1 (``port=0``: any free port, see ``port``)."""

    def __init__(self, username="callcenter", secret="s3cret", host="127.0.0.1", port=0,
                 style="local", dialplan=None, cdr_path=None):
        self.username, self.secret = username, secret
        #: the text of an extensions.conf: transfers into an extension it
        #: cannot reach are refused (None: every extension exists)
        self.dialplan = dialplans.parse(dialplan) if dialplan else None
        self.host, self.port = host, port
        self.pbx = scenarios.Pbx(style)
        self.asterisk_version = "22.10.1"
        self.clients = []
        self.logins = 0
        self.failed_logins = 0
        self.actions = []
        self.channels = {}  # uniqueid -> _Live of the live channels
        #: uniqueid -> linkedid of every channel seen (a CDR names only its
        #: channel's uniqueid; Master.csv has the linkedid column too)
        self.linkedids = {}
        self.cdr_path = cdr_path
        self.cdr_lines = 0
        self._server = None
        self._login_event = None

    # ------------------------------------------------------------ control
    async def start(self):
        self._login_event = asyncio.Event()
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self):
        await self.drop()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def drop(self):
        """Close every client connection without a word (network cut)."""
        for client in list(self.clients):
            client.writer.close()
        self.clients = []

    async def restart(self, persistent=True):
        """``core restart now``: drop everyone, forget the calls, restart
        the numbering and the uptime. ``persistent=False``: queues.conf has
        no ``persistentmembers``, so the members added with QueueAdd are
        lost (a real Asterisk 20 lost them so)."""
        await self.drop()
        self.channels.clear()
        self.pbx.restart()
        if not persistent:
            for extension, member in list(self.pbx.members.items()):
                if member.membership == "dynamic":
                    del self.pbx.members[extension]

    async def go_down(self):
        """The PBX process is gone (killed, or restarting slowly): the
        connections close and new ones are refused until :meth:`come_up`."""
        server, self._server = self._server, None
        if server is not None:
            server.close()
        await self.restart()
        if server is not None:
            await server.wait_closed()

    async def come_up(self):
        """The PBX accepts connections again, on the same port."""
        self._server = await asyncio.start_server(self._serve, self.host, self.port)

    async def wait_logins(self, count, timeout=10):
        """Wait until ``count`` logins in total have succeeded."""
        deadline = time.monotonic() + timeout
        while self.logins < count:
            self._login_event.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise asyncio.TimeoutError("only %d logins" % self.logins)
            await asyncio.wait_for(self._login_event.wait(), remaining)

    async def send(self, events):
        """Send raw event blocks to every logged-in client, in one write."""
        for client in list(self.clients):
            data = b"".join(event for event in events if client.wants(event))
            if data:
                client.writer.write(data)
        for event in events:
            self._track(event)
        for client in list(self.clients):
            try:
                await client.writer.drain()
            except (ConnectionError, OSError):
                pass

    async def play(self, name_or_events, caller="+8613800138000", login_timeout=10):
        """Play a named scenario (or a list of blocks and RESTART markers).
        At RESTART the connections close and playing resumes after the
        next successful login. Returns the number of events sent."""
        events = name_or_events
        if isinstance(events, str):
            events = scenarios.scenario(events, self.pbx.style, caller, self.pbx)
        sent, batch = 0, []
        for event in events:
            if event is scenarios.RESTART:
                await self.send(batch)
                batch = []
                logins = self.logins
                await self.restart()
                await self.wait_logins(logins + 1, login_timeout)
            else:
                batch.append(event)
                sent += 1
        await self.send(batch)
        return sent

    def throughput_events(self, count):
        """At least ``count`` events of answered queue calls, pre-rendered,
        for a throughput benchmark (each call has its own Linkedid)."""
        events = []
        while len(events) < count:
            events.extend(self.pbx.answered())
        return events

    async def blast(self, events, chunk=2000):
        """Push pre-rendered events as fast as the socket drains."""
        for start in range(0, len(events), chunk):
            await self.send(events[start:start + chunk])
        return len(events)

    # ----------------------------------------------------------- protocol
    def _track(self, event):
        """Follow the live channels (CoreShowChannels, Status) and write
        the CDRs (``cdr_path``)."""
        if not event.startswith(b"Event: "):
            return
        text = event.decode("utf-8", "replace")
        lines = text.split(CRLF)
        name = lines[0][7:]
        if name == "Newchannel":
            live = _Live(lines[2:16])
            self.channels[live.get("Uniqueid")] = live
            self.linkedids[live.get("Uniqueid")] = live.get("Linkedid")
            return
        fields = _parse(text)
        if name == "Hangup":
            self.channels.pop(fields.get("Uniqueid"), None)
            return
        if name == "Cdr":
            self._write_cdr(fields)
            return
        for prefix in ("", "Dest"):
            live = self.channels.get(fields.get(prefix + "Uniqueid"))
            if live is not None:
                live.lines = [line[len(prefix):] for line in lines
                              if line.startswith(prefix) and line[len(prefix):].partition(
                                  ": ")[0] in _SNAPSHOT_KEYS][:14] or live.lines
        live = self.channels.get(fields.get("Uniqueid"))
        dest = self.channels.get(fields.get("DestUniqueid"))
        if name == "QueueCallerJoin" and live is not None:
            live.application, live.data = "Queue", "%s,tT,,,120" % fields.get("Queue")
        elif name == "DialBegin" and dest is not None:
            queued = live is not None and live.application == "Queue"
            dest.application, dest.data = ("AppQueue" if queued else "AppDial",
                                           "(Outgoing Line)")
        elif name == "BridgeEnter" and live is not None:
            live.bridge = fields.get("BridgeUniqueid", "")
        elif name == "BridgeLeave" and live is not None:
            live.bridge = ""

    def _write_cdr(self, fields):
        """One Master.csv line for a ``Cdr`` event, stamped now."""
        if not self.cdr_path:
            return
        end = time.time()
        duration, billsec = int(fields.get("Duration") or 0), int(
            fields.get("BillableSeconds") or 0)
        stamp = lambda moment: time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(moment))  # noqa
        uniqueid = fields.get("UniqueID", "")
        application, data = fields.get("LastApplication", ""), fields.get("LastData", "")
        if application == "Queue" and not data:
            data = "%s,tT,,,120" % self.pbx.queue
        self.cdr_lines += 1
        row = ["", fields.get("Source", ""), fields.get("Destination", ""),
               fields.get("DestinationContext", ""), fields.get("CallerID", ""),
               fields.get("Channel", ""), fields.get("DestinationChannel", ""), application,
               data, stamp(end - duration),
               stamp(end - billsec) if fields.get("Disposition") == "ANSWERED" else "",
               stamp(end), duration, billsec, fields.get("Disposition", ""),
               fields.get("AMAFlags", "DOCUMENTATION"), uniqueid, fields.get("UserField", ""),
               "", self.linkedids.get(uniqueid, uniqueid), self.cdr_lines]
        out = io.StringIO()
        csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow(row)
        with open(self.cdr_path, "a", encoding="utf-8") as handle:
            handle.write(out.getvalue())

    def status_events(self, action_id, channel=None):
        """The ``Status`` list: what Asterisk's generate_status prints for
        each live channel (or the one named)."""
        events = []
        for live in self.channels.values():
            name = live.lines[0].split(": ", 1)[1]
            if channel and name != channel:
                continue
            tech = _TYPES.get(name.split("/", 1)[0].lower(), name.split("/", 1)[0])
            codec = "slin" if tech == "Local" else "ulaw"
            events.append(scenarios.block(
                "Event: Status", "Privilege: Call", live.lines, "Type: %s" % tech, "DNID: ",
                "EffectiveConnectedLineNum: %s" % (live.get("ConnectedLineNum") or "<unknown>"),
                "EffectiveConnectedLineName: %s" % (live.get("ConnectedLineName")
                                                    or "<unknown>"),
                "TimeToHangup: 0", "BridgeID: %s" % live.bridge,
                "Application: %s" % live.application, "Data: %s" % live.data,
                "Nativeformats: (%s)" % codec, "Readformat: %s" % codec, "Readtrans: ",
                "Writeformat: %s" % codec, "Writetrans: ", "Callgroup: 0", "Pickupgroup: 0",
                "Seconds: %d" % int(time.time() - live.created),
                *(["ActionID: %s" % action_id] if action_id else [])))
        return events

    async def _serve(self, reader, writer):
        client = _Client(reader, writer)
        writer.write((scenarios.BANNER + CRLF).encode())
        buffer = b""
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                buffer += data
                while b"\r\n\r\n" in buffer:
                    raw, buffer = buffer.split(b"\r\n\r\n", 1)
                    if not await self._action(client, _parse(raw.decode("utf-8", "replace"))):
                        return
        except (ConnectionError, OSError):
            pass
        finally:
            if client in self.clients:
                self.clients.remove(client)
            writer.close()

    async def _action(self, client, action):
        """Answer one action; False closes the connection."""
        name = action.get("Action", "").lower()
        action_id = action.get("ActionID")
        self.actions.append(action)
        write = client.writer.write
        if name == "login":
            if action.get("Username") == self.username and action.get("Secret") == self.secret:
                client.authenticated = True
                client.events = action.get("Events", "on").lower() != "off"
                write(scenarios.response(action_id, "Authentication accepted"))
                write(scenarios.block(
                    "Event: FullyBooted", "Privilege: system,all",
                    "Uptime: %d" % self.pbx.uptime, "LastReload: %d" % self.pbx.uptime,
                    "Status: Fully Booted"))
                self.clients.append(client)
                self.logins += 1
                self._login_event.set()
                return True
            self.failed_logins += 1
            write(scenarios.response(action_id, "Authentication failed", "Error"))
            await client.writer.drain()
            return False
        if not client.authenticated:
            write(scenarios.response(action_id, "Permission denied", "Error"))
            return True
        if name == "logoff":
            write(scenarios.response(action_id, "Thanks for all the fish.", "Goodbye"))
            await client.writer.drain()
            return False
        handler = getattr(self, "_action_" + name, None)
        if handler is None:
            write(scenarios.response(action_id, "Invalid/unknown command", "Error"))
        else:
            for chunk in handler(client, action, action_id):
                write(chunk)
        await client.writer.drain()
        return True

    def _action_ping(self, client, action, action_id):
        yield scenarios.response(action_id, None, extra=[
            "Ping: Pong", "Timestamp: %.6f" % time.time()])

    def _action_coresettings(self, client, action, action_id):
        # the fields Asterisk 22 answers CoreSettings with
        yield scenarios.response(action_id, None, extra=[
            "AMIversion: 10.0.0", "AsteriskVersion: %s" % self.asterisk_version,
            "SystemName: ", "CoreMaxCalls: 0", "CoreMaxLoadAvg: 0.000000",
            "CoreRunUser: asterisk", "CoreRunGroup: asterisk", "CoreMaxFilehandles: 0",
            "CoreRealTimeEnabled: No", "CoreCDRenabled: Yes", "CoreHTTPenabled: No",
            "SoundsSearchCustomDir: No"])

    def _action_filter(self, client, action, action_id):
        client.filters.append(action.get("Filter", ""))
        yield scenarios.response(action_id, "Filter Added Successfully")

    def _action_queuestatus(self, client, action, action_id):
        pbx = self.pbx
        yield scenarios.response(action_id, "Queue status will follow",
                                 extra=["EventList: start"])
        yield scenarios.block(
            "Event: QueueParams", "Queue: %s" % pbx.queue, "Max: 0", "Strategy: linear",
            "Calls: 0", "Holdtime: 2", "TalkTime: 6", "Completed: 1", "Abandoned: 0",
            "ServiceLevel: 0", "ServicelevelPerf: 0.0", "ServicelevelPerf2: 0.0", "Weight: 0",
            "ActionID: %s" % action_id)
        for member in pbx.members.values():
            yield scenarios.block("Event: QueueMember", member.lines(pbx.queue, False),
                                  "ActionID: %s" % action_id)
        yield scenarios.block("Event: QueueStatusComplete", "ActionID: %s" % action_id,
                              "EventList: Complete", "ListItems: %d" % (len(pbx.members) + 1))

    def _action_queuesummary(self, client, action, action_id):
        members = self.pbx.members.values()
        yield scenarios.response(action_id, "Queue summary will follow",
                                 extra=["EventList: start"])
        yield scenarios.block(
            "Event: QueueSummary", "Queue: %s" % self.pbx.queue,
            "LoggedIn: %d" % len(members),
            "Available: %d" % len([m for m in members if not m.paused]), "Callers: 0",
            "HoldTime: 2", "TalkTime: 5", "LongestHoldTime: 0", "ActionID: %s" % action_id)
        yield scenarios.block("Event: QueueSummaryComplete", "ActionID: %s" % action_id,
                              "EventList: Complete", "ListItems: 1")

    def _action_coreshowchannels(self, client, action, action_id):
        yield scenarios.response(action_id, "Channels will follow", extra=["EventList: start"])
        for live in self.channels.values():
            yield scenarios.block("Event: CoreShowChannel", "ActionID: %s" % action_id,
                                  live.lines,
                                  "BridgeId: ", "Application: Queue", "ApplicationData: ",
                                  "Duration: 00:00:05")
        yield scenarios.block("Event: CoreShowChannelsComplete", "ActionID: %s" % action_id,
                              "EventList: Complete", "ListItems: %d" % len(self.channels))

    def _action_originate(self, client, action, action_id):
        pbx = self.pbx
        yield scenarios.response(action_id, "Originate successfully queued")
        number = action.get("CallerID", "+8613800138000")
        uniqueid = pbx._uid()
        channel = "%s-%s;1" % (action.get("Channel", "Local/25@caller-sim"), pbx._seq())
        yield scenarios.block(
            "Event: OriginateResponse", "Privilege: call,all", "ActionID: %s" % action_id,
            "Response: Success", "Channel: %s" % channel,
            "Context: %s" % action.get("Context", "incoming"),
            "Exten: %s" % action.get("Exten", "4000"), "Reason: 4", "Uniqueid: %s" % uniqueid,
            "CallerIDNum: %s" % number, "CallerIDName: %s" % number)

    def _action_status(self, client, action, action_id):
        events = self.status_events(action_id, action.get("Channel"))
        if action.get("Channel") and not events:
            yield scenarios.response(action_id, "No such channel", "Error")
            return
        yield scenarios.response(action_id, "Channel status will follow",
                                 extra=["EventList: start"])
        yield from events
        yield scenarios.block("Event: StatusComplete",
                              *(["ActionID: %s" % action_id] if action_id else []),
                              "EventList: Complete", "ListItems: %d" % len(events),
                              "Items: %d" % len(events))

    def _channel_names(self):
        return {live.lines[0].split(": ", 1)[1] for live in self.channels.values()}

    def _missing(self, action, *keys):
        """The first named channel that is not live, as Asterisk reports it."""
        names = self._channel_names()
        for key in keys:
            if action.get(key) and action[key] not in names:
                return action[key]
        return None

    def _action_redirect(self, client, action, action_id):
        missing = self._missing(action, "Channel", "ExtraChannel")
        if missing:
            yield scenarios.response(action_id, "Channel does not exist: %s" % missing, "Error")
        else:
            yield scenarios.response(action_id, "Dual Redirect successful"
                                     if action.get("ExtraChannel") else "Redirect successful")

    def _action_bridge(self, client, action, action_id):
        missing = self._missing(action, "Channel1", "Channel2")
        if missing:
            yield scenarios.response(
                action_id, "Channel1 does not exist: %s" % missing
                if missing == action.get("Channel1") else
                "Channel2 does not exist: %s" % missing, "Error")
        else:
            yield scenarios.response(action_id, "Channels have been bridged")

    def _unreachable(self, action):
        if self.dialplan is None:
            return False
        return not dialplans.reaches(self.dialplan, action.get("Context", "default"),
                                     action.get("Exten", ""))

    def _action_blindtransfer(self, client, action, action_id):
        if self._missing(action, "Channel"):
            yield scenarios.response(action_id, "No such channel", "Error")
        elif self._unreachable(action):
            yield scenarios.response(action_id, "Extension does not exist", "Error")
        else:
            yield scenarios.response(action_id, "Transfer succeeded")

    def _action_atxfer(self, client, action, action_id):
        if self._missing(action, "Channel"):
            yield scenarios.response(action_id, "No such channel", "Error")
        elif self._unreachable(action):
            yield scenarios.response(action_id, "Extension does not exist", "Error")
        else:
            yield scenarios.response(action_id, "Atxfer successfully queued")

    def _action_hangup(self, client, action, action_id):
        pattern = action.get("Channel", "")
        if pattern.startswith("/") and pattern.endswith("/"):
            regex = re.compile(pattern[1:-1].replace("\\/", "/"))
            hung = [name for name in self._channel_names() if regex.search(name)]
            yield scenarios.response(action_id, "%d channels hung up." % len(hung))
        elif pattern in self._channel_names():
            yield scenarios.response(action_id, "Channel Hungup")
        else:
            yield scenarios.response(action_id, "No such channel", "Error")

    def _member(self, interface):
        for extension, member in self.pbx.members.items():
            if member.interface == interface or member.state_interface == interface:
                return extension, member
        return None, None

    def _action_queuepause(self, client, action, action_id):
        extension, member = self._member(action.get("Interface"))
        if member is None:
            yield scenarios.response(action_id, "Interface not found", "Error")
            return
        paused = action.get("Paused", "true").lower() in ("true", "yes", "1")
        yield scenarios.response(action_id, "Interface %spaused successfully"
                                 % ("" if paused else "un"))
        self._later(self.pbx.pause(extension, action.get("Reason", ""), paused))

    def _action_queueadd(self, client, action, action_id):
        interface = action.get("Interface", "")
        if self._member(interface)[1] is not None:
            yield scenarios.response(action_id, "Unable to add interface: Already there",
                                     "Error")
            return
        yield scenarios.response(action_id, "Added interface to queue")
        extension = interface.split("/", 1)[-1].split("@", 1)[0]
        paused = action.get("Paused", "false").lower() in ("true", "yes", "1")
        self._later(self.pbx.add_member(extension, paused))

    def _action_queueremove(self, client, action, action_id):
        extension, member = self._member(action.get("Interface"))
        if member is None:
            yield scenarios.response(action_id, "Unable to remove interface: Not there",
                                     "Error")
            return
        yield scenarios.response(action_id, "Removed interface from queue")
        self._later(self.pbx.remove_member(extension))

    def _later(self, events):
        """Events follow the response, as the PBX sends them asynchronously."""
        asyncio.ensure_future(self.send(events))


class ThreadedFakeAMI:
    """The server on its own event loop thread, for synchronous callers
    (pytest fixtures, a test starting an Odoo listener in a subprocess)."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server = None

    def start(self):
        self.thread.start()
        self.server = self.call(FakeAMIServer(**self.kwargs).start())
        return self

    @property
    def port(self):
        return self.server.port

    def call(self, coroutine, timeout=30):
        """Run a coroutine on the server's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self):
        self.call(self.server.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


async def _main(args):
    server = await FakeAMIServer(args.username, args.secret, args.host, args.port,
                                 args.style).start()
    print("fake AMI listening on %s:%d" % (args.host, server.port), flush=True)
    if args.scenario:
        await server.wait_logins(1, timeout=3600)
        for name in args.scenario:
            await server.play(name, args.caller)
    while True:
        await asyncio.sleep(3600)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5038)
    parser.add_argument("--username", default="callcenter")
    parser.add_argument("--secret", default="s3cret")
    parser.add_argument("--style", choices=scenarios.STYLES, default="local")
    parser.add_argument("--caller", default="+8613800138000")
    parser.add_argument("--scenario", action="append", choices=scenarios.SCENARIOS,
                        help="played to the first client after it logs in (repeatable)")
    args = parser.parse_args(argv)
    try:
        asyncio.get_event_loop().run_until_complete(_main(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
