"""Scripted AMI event streams in the dialect recorded from Asterisk 22.10.

Each event is rebuilt the way Asterisk builds it: a header, then a channel
snapshot block (``Channel`` ... ``Linkedid``, optionally prefixed with
``Dest``, ``LocalOne``, ``Transferee`` ...), then the event's own keys, in
the order of ``asterisk-22.10-ami-queue-calls.txt``. Values are substituted:
the agent interface style (``local``: ``Local/1001@agents/n`` as recorded,
``pjsip``: ``PJSIP/1001``, ``sip``: ``SIP/1001``), the caller number and
the channel/uniqueid counters (which restart with the PBX).

A scenario is a list of ``bytes`` blocks and :data:`RESTART` markers; the
server sends the blocks and, at a marker, closes every connection like a
``core restart now``. :func:`render` turns a scenario into the byte stream a
client reads across its connections (banner and login at each one), which
is what the add-on's unit tests replay from ``tests/data/ami/scenarios``.
"""
import itertools

CRLF = "\r\n"
BANNER = "Asterisk Call Manager/11.0.0"
RESTART = object()
STATE_DESC = {0: "Down", 4: "Ring", 5: "Ringing", 6: "Up"}
NAMES = {"1001": "Alice", "1002": "Bob", "1003": "Carol", "1004": "Dave"}
STYLES = ("local", "pjsip", "sip")
BOOT_EPOCH = 1795577857


def block(*parts):
    """One AMI message from lines and lists of lines."""
    lines = []
    for part in parts:
        lines.extend(part if isinstance(part, list) else [part])
    return (CRLF.join(lines) + CRLF + CRLF).encode("utf-8")


def response(action_id, message, status="Success", extra=()):
    lines = ["Response: %s" % status]
    if action_id:
        lines.append("ActionID: %s" % action_id)
    lines.extend(extra)
    if message is not None:
        lines.append("Message: %s" % message)
    return block(lines)


class Channel:
    """The snapshot Asterisk prints for a channel (ast_manager_build_channel_state)."""

    def __init__(self, name, uniqueid, linkedid, context, exten, state=0, priority=1):
        self.name, self.uniqueid, self.linkedid = name, uniqueid, linkedid
        self.context, self.exten, self.priority = context, exten, priority
        self.state = state
        self.cid = ("<unknown>", "<unknown>")
        self.connected = ("<unknown>", "<unknown>")

    def lines(self, prefix=""):
        return ["%s%s: %s" % (prefix, key, value) for key, value in (
            ("Channel", self.name), ("ChannelState", self.state),
            ("ChannelStateDesc", STATE_DESC[self.state]),
            ("CallerIDNum", self.cid[0]), ("CallerIDName", self.cid[1]),
            ("ConnectedLineNum", self.connected[0]), ("ConnectedLineName", self.connected[1]),
            ("Language", "en"), ("AccountCode", ""), ("Context", self.context),
            ("Exten", self.exten), ("Priority", self.priority),
            ("Uniqueid", self.uniqueid), ("Linkedid", self.linkedid))]


class Member:
    def __init__(self, extension, style, membership="static", paused=False, reason=""):
        self.extension, self.name = extension, NAMES.get(extension, "Agent %s" % extension)
        if style == "local":
            self.interface = "Local/%s@agents/n" % extension
            self.state_interface = ("Local/%s@agents" % extension if membership == "static"
                                    else self.interface)
        else:
            self.interface = self.state_interface = "%s/%s" % (style.upper(), extension)
        self.membership, self.paused, self.reason = membership, paused, reason
        self.calls_taken, self.last_call, self.last_pause = 0, 0, 0
        self.login_time, self.status, self.in_call = BOOT_EPOCH, 1, 0

    def lines(self, queue, status_event=True):
        """QueueMember* event keys; ``status_event=False`` gives the
        QueueStatus list item (``Name``/``Location``, no ``Ringinuse``)."""
        head = ([("Queue", queue), ("MemberName", self.name), ("Interface", self.interface)]
                if status_event else
                [("Queue", queue), ("Name", self.name), ("Location", self.interface)])
        body = [("StateInterface", self.state_interface), ("Membership", self.membership),
                ("Penalty", 0), ("CallsTaken", self.calls_taken), ("LastCall", self.last_call),
                ("LastPause", self.last_pause), ("LoginTime", self.login_time),
                ("InCall", self.in_call), ("Status", self.status),
                ("Paused", int(self.paused)), ("PausedReason", self.reason)]
        tail = [("Ringinuse", 0), ("Wrapuptime", 0)] if status_event else [("Wrapuptime", 0)]
        return ["%s: %s" % item for item in head + body + tail]


class Pbx:
    """A simulated PBX: queue members, channel and uniqueid counters."""

    def __init__(self, style="local", queue="support", epoch=1795577919, channel_seq=4,
                 uniqueid_seq=8, extensions=("1001", "1002", "1003")):
        assert style in STYLES, style
        self.style, self.queue = style, queue
        self.epoch, self.channel_seq, self.uniqueid_seq = epoch, channel_seq, uniqueid_seq
        self.uptime = 59
        self.members = {ext: Member(ext, style) for ext in extensions}
        self.bridges = itertools.count(1)

    # ------------------------------------------------------------ helpers
    def restart(self):
        """``core restart now``: counters from zero, a new boot time."""
        self.epoch += 600
        self.channel_seq = self.uniqueid_seq = 0
        self.uptime = 0

    def _uid(self):
        uid = "%d.%d" % (self.epoch, self.uniqueid_seq)
        self.uniqueid_seq += 1
        return uid

    def _seq(self):
        seq = "%08x" % self.channel_seq
        self.channel_seq += 1
        return seq

    @staticmethod
    def event(name, privilege, *parts):
        return block("Event: %s" % name, "Privilege: %s" % privilege, *parts)

    def device_state(self, device, state):
        return self.event("DeviceStateChange", "call,all", "Device: %s" % device,
                          "State: %s" % state)

    def channel_event(self, name, channel, extra=()):
        return self.event(name, "call,all", channel.lines(), list(extra))

    def new_channel(self, channel):
        return self.channel_event("Newchannel", channel)

    def new_callerid(self, channel):
        return self.channel_event("NewCallerid", channel, [
            "CID-CallingPres: 0 (Presentation Allowed, Not Screened)"])

    def new_state(self, channel, state):
        channel.state = state
        return self.channel_event("Newstate", channel)

    def local_pair(self, exten, context, linkedid, caller):
        """The two halves of a Local channel and the events that set them up."""
        name = "Local/%s@%s-%s" % (exten, context, self._seq())
        one = Channel(name + ";1", self._uid(), linkedid or "", context, exten, 0)
        one.linkedid = one.linkedid or one.uniqueid
        two = Channel(name + ";2", self._uid(), one.linkedid, context, exten, 4)
        events = [self.new_channel(one), self.new_channel(two)]
        one.cid = (caller, caller)
        events.append(self.new_callerid(one))
        two.cid = two.connected = (caller, caller)
        events += [self.new_callerid(two), self.channel_event("NewConnectedLine", two)]
        events.append(self.event("LocalBridge", "call,all", one.lines("LocalOne"),
                                 two.lines("LocalTwo"), "Context: %s" % context,
                                 "Exten: %s" % exten, "LocalOptimization: No"))
        return one, two, events

    def dial(self, name, source, dest, extra):
        src = source.lines() if source is not None else []
        return self.event(name, "call,all", src, dest.lines("Dest"), list(extra))

    def queue_event(self, name, caller, extra):
        return self.event(name, "agent,all", caller.lines(), list(extra))

    def agent_event(self, name, caller, agent_chan, member, extra=()):
        return self.event(name, "agent,all", caller.lines(), agent_chan.lines("Dest"),
                          "Queue: %s" % self.queue, "Interface: %s" % member.interface,
                          "MemberName: %s" % member.name, list(extra))

    def member_event(self, name, member):
        return self.event(name, "agent,all", member.lines(self.queue))

    def bridge_lines(self, bridge, count):
        return ["BridgeUniqueid: %s" % bridge, "BridgeType: basic",
                "BridgeTechnology: simple_bridge", "BridgeCreator: <unknown>",
                "BridgeName: <unknown>", "BridgeNumChannels: %d" % count,
                "BridgeVideoSourceMode: none"]

    def cdr(self, channel, source, destination, dest_channel, application, disposition,
            duration, billsec):
        return self.event("Cdr", "cdr,all", "AccountCode: ", "Source: %s" % source,
                          "Destination: %s" % destination,
                          "DestinationContext: %s" % channel.context,
                          'CallerID: "%s" <%s>' % (source, source),
                          "Channel: %s" % channel.name,
                          "DestinationChannel: %s" % dest_channel,
                          "LastApplication: %s" % application, "LastData: ",
                          "StartTime: 2026-11-25 03:38:39", "AnswerTime: 2026-11-25 03:38:39",
                          "EndTime: 2026-11-25 03:38:50", "Duration: %d" % duration,
                          "BillableSeconds: %d" % billsec, "Disposition: %s" % disposition,
                          "AMAFlags: DOCUMENTATION", "UniqueID: %s" % channel.uniqueid,
                          "UserField: ")

    def hangup(self, channel, cause=16):
        text = "Normal Clearing" if cause == 16 else "Unknown"
        return self.channel_event("Hangup", channel, ["Cause: %d" % cause, "Cause-txt: %s" % text])

    def hangup_request(self, channel, soft=False, cause=16):
        return self.channel_event("SoftHangupRequest" if soft else "HangupRequest", channel,
                                  ["Cause: %d" % cause])

    # -------------------------------------------------------------- calls
    def caller_leg(self, number, exten="4000"):
        """The customer's channel(s), answered and sent to the queue's
        extension: a Local caller-sim pair (as recorded) or a trunk channel."""
        events = []
        if self.style == "local":
            short = str(self.channel_seq + 21)
            one, two, events = self.local_pair(short, "caller-sim", None, number)
            one.connected = (number, number)
            events.insert(3, self.channel_event("NewConnectedLine", one))
            events.append(self.dial("DialBegin", None, one,
                                    ["DialString: %s@caller-sim/n" % short]))
            events += [self.new_state(two, 6), self.new_state(one, 6),
                       self.device_state("Local/%s@caller-sim" % short, "INUSE"),
                       self.device_state("Local/%s@caller-sim" % short, "INUSE"),
                       self.dial("DialEnd", None, one, ["DialStatus: ANSWER"])]
            one.context, one.exten, one.priority = "incoming", exten, 4
            return one, [two], events
        trunk = Channel("%s/trunk-%s" % (self.style.upper(), self._seq()), self._uid(), "",
                        "from-trunk", exten, 4)
        trunk.linkedid = trunk.uniqueid
        trunk.cid = (number, number)
        events.append(self.new_channel(trunk))
        events.append(self.new_state(trunk, 6))
        trunk.context, trunk.priority = "incoming", 4
        return trunk, [], events

    def agent_leg(self, caller, member, queue_call=True):
        """Ring one agent: Local pair to ``agents`` or the phone itself."""
        number = caller.cid[0]
        if self.style == "local":
            one, two, events = self.local_pair(member.extension, "agents", caller.linkedid,
                                               number)
            extra = [two]
        else:
            one = Channel("%s-%s" % (member.state_interface, self._seq()), self._uid(),
                          caller.linkedid, "from-internal", member.extension, 0)
            one.cid = (number, number)
            events, extra = [self.new_channel(one)], []
        local = self.style == "local"
        if queue_call:
            # as recorded: AgentCalled shows the caller's exten on the agent leg
            saved, one.connected = one.exten, (number, number)
            one.exten = caller.exten if local else one.exten
            events.append(self.agent_event("AgentCalled", caller, one, member))
            one.exten = saved
        one.connected = ("<unknown>", "<unknown>")
        dial_string = member.interface if queue_call else member.state_interface
        events.append(self.dial("DialBegin", caller, one, ["DialString: %s" % dial_string]))
        if local and queue_call:
            one.exten = caller.exten
        one.connected = (number, number)
        events.append(self.new_state(one, 5))
        events.append(self.channel_event("NewConnectedLine", one))
        if self.style == "local":
            events.append(self.device_state("Local/%s@agents" % member.extension, "INUSE"))
            member.status = 2
        else:
            events.append(self.device_state(member.state_interface, "RINGING"))
            member.status = 6
        if queue_call:
            events.append(self.member_event("QueueMemberStatus", member))
        events.append(self.dial("DialState", caller, one, ["DialStatus: RINGING"]))
        return one, extra, events

    def answer(self, caller, agent, extra, member, queue_call=True):
        events = [self.new_state(chan, 6) for chan in extra + [agent]]
        events.append(self.device_state(member.state_interface.split("/n")[0], "INUSE"))
        events.append(self.dial("DialEnd", caller, agent, ["DialStatus: ANSWER"]))
        if self.style != "local":
            member.status = 2
            if queue_call:
                events.append(self.member_event("QueueMemberStatus", member))
        if queue_call:
            events.append(self.queue_event("QueueCallerLeave", caller, [
                "Queue: %s" % self.queue, "Position: 1", "Count: 0"]))
            events.append(self.agent_event("AgentConnect", caller, agent, member,
                                           ["HoldTime: 2", "RingTime: 2"]))
        bridge = "989447f0-a1b7-4eec-9ae2-%012d" % next(self.bridges)
        events.append(self.event("BridgeCreate", "call,all", self.bridge_lines(bridge, 0)))
        events.append(self.event("BridgeEnter", "call,all", self.bridge_lines(bridge, 1),
                                 agent.lines()))
        events.append(self.event("BridgeEnter", "call,all", self.bridge_lines(bridge, 2),
                                 caller.lines()))
        return bridge, events

    def end_talk(self, caller, caller_extra, agent, agent_extra, member, bridge, side,
                 queue_call=True, talk=9):
        """Hang up a bridged call; ``side`` is who hung up first."""
        first = [agent] + agent_extra if side == "agent" else [caller] + caller_extra
        events = []
        for index, chan in enumerate(reversed(first)):
            events.append(self.hangup_request(chan, soft=index == 0))
        if queue_call:
            events.append(self.agent_event("AgentComplete", caller, agent, member, [
                "HoldTime: 2", "TalkTime: %d" % talk, "Reason: %s" % side]))
        events += [self.event("BridgeLeave", "call,all", self.bridge_lines(bridge, 1),
                              agent.lines()),
                   self.event("BridgeLeave", "call,all", self.bridge_lines(bridge, 0),
                              caller.lines()),
                   self.event("BridgeDestroy", "call,all", self.bridge_lines(bridge, 0))]
        number = caller.cid[0]
        channels = [caller] + caller_extra + [agent] + agent_extra
        for chan in channels[:-1]:
            events.append(self.hangup(chan))
        # as recorded, the CDRs come before the last channel is gone
        events.append(self.cdr(caller, number, caller.exten, agent.name, "Queue" if queue_call
                               else "Dial", "ANSWERED", talk + 2, talk + 2))
        for chan in agent_extra:
            events.append(self.cdr(chan, number, member.extension, "", "Wait", "ANSWERED",
                                   talk + 2, talk))
        events.append(self.hangup(channels[-1]))
        member.status, member.calls_taken = 1, member.calls_taken + 1
        events.append(self.device_state(member.state_interface.split("/n")[0], "NOT_INUSE"))
        events.append(self.member_event("QueueMemberStatus", member))
        return events

    # ---------------------------------------------------------- scenarios
    def answered(self, caller="+8613800138000", extension="1001", side="agent"):
        ring, rest = self.answered_parts(caller, extension, side)
        return ring + rest

    def answered_parts(self, caller="+8613800138000", extension="1001", side="agent"):
        """An answered queue call in two parts: until the agent's phone
        rings, then the answer, the talk, the hang-up and the CDRs (a
        listener can be killed between them)."""
        member = self.members[extension]
        chan, chan_extra, events = self.caller_leg(caller)
        events.append(self.device_state("Queue:%s" % self.queue, "RINGING"))
        events.append(self.queue_event("QueueCallerJoin", chan, [
            "Queue: %s" % self.queue, "Position: 1", "Count: 1"]))
        agent, agent_extra, ring = self.agent_leg(chan, member)
        bridge, talk = self.answer(chan, agent, agent_extra, member)
        end = self.end_talk(chan, chan_extra, agent, agent_extra, member, bridge, side)
        return events + ring, talk + end

    def talking(self, caller="+8613800138000", extension="1001"):
        """A queue call left in the middle of its talk (for a restart)."""
        member = self.members[extension]
        chan, _, events = self.caller_leg(caller)
        events.append(self.queue_event("QueueCallerJoin", chan, [
            "Queue: %s" % self.queue, "Position: 1", "Count: 1"]))
        agent, agent_extra, ring = self.agent_leg(chan, member)
        _, talk = self.answer(chan, agent, agent_extra, member)
        return events + ring + talk

    def abandoned(self, caller="+8613900139000", extension="1003"):
        member = self.members[extension]
        chan, chan_extra, events = self.caller_leg(caller)
        events.append(self.queue_event("QueueCallerJoin", chan, [
            "Queue: %s" % self.queue, "Position: 1", "Count: 1"]))
        agent, agent_extra, ring = self.agent_leg(chan, member)
        events += ring
        for index, chan_x in enumerate(reversed([chan] + chan_extra)):
            events.append(self.hangup_request(chan_x, soft=index == 0))
        events.append(self.dial("DialEnd", chan, agent, ["DialStatus: CANCEL"]))
        for chan_x in [agent] + agent_extra + chan_extra:
            events.append(self.hangup(chan_x, cause=0 if chan_x in [agent] + agent_extra
                                      else 16))
        events.append(self.queue_event("QueueCallerAbandon", chan, [
            "Queue: %s" % self.queue, "Position: 1", "OriginalPosition: 1", "HoldTime: 6"]))
        events.append(self.device_state("Queue:%s" % self.queue, "NOT_INUSE"))
        events.append(self.queue_event("QueueCallerLeave", chan, [
            "Queue: %s" % self.queue, "Position: 1", "Count: 0"]))
        events.append(self.cdr(chan, caller, chan.exten, agent.name, "Queue", "NO ANSWER", 5, 5))
        events.append(self.hangup(chan))
        member.status = 1
        events.append(self.member_event("QueueMemberStatus", member))
        return events

    def transfer(self, caller="+8613800138000", extension="1001", target="1002"):
        """Agent blind-transfers to ``target``: BlindTransfer, AgentComplete
        ``Reason: transfer``, then the caller's channel dials the target."""
        member, second = self.members[extension], self.members[target]
        chan, chan_extra, events = self.caller_leg(caller)
        events.append(self.queue_event("QueueCallerJoin", chan, [
            "Queue: %s" % self.queue, "Position: 1", "Count: 1"]))
        agent, agent_extra, ring = self.agent_leg(chan, member)
        bridge, talk = self.answer(chan, agent, agent_extra, member)
        events += ring + talk
        events.append(self.event(
            "BlindTransfer", "call,all", "Result: Success", agent.lines("Transferer"),
            ["Transferer" + line for line in self.bridge_lines(bridge, 2)],
            chan.lines("Transferee"),
            ["Transferee" + line for line in self.bridge_lines(bridge, 2)],
            "IsExternal: No", "Context: from-internal", "Extension: %s" % target))
        events.append(self.agent_event("AgentComplete", chan, agent, member, [
            "HoldTime: 2", "TalkTime: 4", "Reason: transfer"]))
        events.append(self.event("BridgeLeave", "call,all", self.bridge_lines(bridge, 1),
                                 agent.lines()))
        for chan_x in [agent] + agent_extra:
            events.append(self.hangup(chan_x))
        member.status = 1
        events.append(self.member_event("QueueMemberStatus", member))
        events.append(self.event("BridgeLeave", "call,all", self.bridge_lines(bridge, 0),
                                 chan.lines()))
        events.append(self.event("BridgeDestroy", "call,all", self.bridge_lines(bridge, 0)))
        chan.context, chan.exten, chan.priority = "from-internal", target, 1
        agent2, agent2_extra, ring2 = self.agent_leg(chan, second, queue_call=False)
        bridge2, talk2 = self.answer(chan, agent2, agent2_extra, second, queue_call=False)
        end = self.end_talk(chan, chan_extra, agent2, agent2_extra, second, bridge2, "caller",
                            queue_call=False, talk=7)
        return events + ring2 + talk2 + end

    def direct(self, caller="+8613800138000", extension="1002"):
        """An external call dialled straight to an agent's device."""
        member = self.members[extension]
        chan, chan_extra, events = self.caller_leg(caller, exten=extension)
        agent, agent_extra, ring = self.agent_leg(chan, member, queue_call=False)
        bridge, talk = self.answer(chan, agent, agent_extra, member, queue_call=False)
        end = self.end_talk(chan, chan_extra, agent, agent_extra, member, bridge, "caller",
                            queue_call=False, talk=5)
        return events + ring + talk + end

    def pause(self, extension="1002", reason="Lunch", paused=True):
        member = self.members[extension]
        member.paused, member.reason = paused, reason if paused else ""
        member.last_pause = BOOT_EPOCH + 61
        return [self.device_state("Queue:%s_pause_%s" % (self.queue, member.interface),
                                  "INUSE" if paused else "NOT_INUSE"),
                self.member_event("QueueMemberPause", member)]

    def add_member(self, extension="1004", paused=True):
        member = Member(extension, self.style, "dynamic", paused, "")
        member.last_pause = member.login_time = BOOT_EPOCH + 61
        self.members[extension] = member
        return [self.device_state("Queue:%s_pause_%s" % (self.queue, member.interface),
                                  "INUSE" if paused else "NOT_INUSE"),
                self.member_event("QueueMemberAdded", member)]

    def remove_member(self, extension="1004"):
        member = self.members.pop(extension)
        return [self.member_event("QueueMemberRemoved", member)]


GARBAGE = [b"this is not an AMI line\r\n\r\n", b"\xff\xfe\x00garbage\r\n\r\n",
           b": no key\r\nEvent\r\n\r\n"]


def scenario(name, style="local", caller="+8613800138000", pbx=None):
    """The events of one named scenario (see :data:`SCENARIOS`)."""
    pbx = pbx or Pbx(style)
    if name == "answered":
        return pbx.answered(caller)
    if name == "abandoned":
        return pbx.abandoned(caller)
    if name == "caller_hangup":
        return pbx.answered(caller, side="caller")
    if name == "transfer":
        return pbx.transfer(caller)
    if name == "direct":
        return pbx.direct(caller)
    if name == "pause":
        return pbx.pause() + pbx.pause(paused=False)
    if name == "login_logout":
        return pbx.add_member() + pbx.remove_member()
    if name == "restart":
        events = pbx.talking(caller) + [RESTART]
        pbx.restart()
        return events + pbx.answered(caller, extension="1002")
    if name == "duplicates":
        return [event for event in pbx.answered(caller) for _ in (0, 1)]
    if name == "garbage":
        events = pbx.answered(caller)
        # a non-UTF-8 caller name (GBK bytes) and junk between and inside messages
        events[1] = events[1].replace(b"CallerIDName: <unknown>", b"CallerIDName: \xd5\xc5\xc8\xfd")
        events[4] = events[4].replace(b"\r\nLanguage:", b"\r\nthis line has no colon\r\nLanguage:")
        return [events[0]] + GARBAGE + events[1:]
    raise KeyError("unknown scenario %r" % name)


SCENARIOS = ("answered", "abandoned", "caller_hangup", "transfer", "direct", "pause",
             "login_logout", "restart", "duplicates", "garbage")


def login_block(uptime):
    return response(None, "Authentication accepted") + block(
        "Event: FullyBooted", "Privilege: system,all", "Uptime: %d" % uptime,
        "LastReload: %d" % uptime, "Status: Fully Booted")


def render(events, uptime=59):
    """The bytes a client reads across its connections for ``events``."""
    out = [(BANNER + CRLF).encode(), login_block(uptime)]
    for event in events:
        if event is RESTART:
            out += [(BANNER + CRLF).encode(), login_block(0)]
        else:
            out.append(event)
    return b"".join(out)


def files():
    """``{file name: bytes}`` of every scenario in every style, as stored in
    ``addons/crm_telephony/tests/data/ami/scenarios`` for the unit tests."""
    return {"%s-%s.txt" % (name, style): render(scenario(name, style))
            for style in STYLES for name in SCENARIOS}


if __name__ == "__main__":
    import os
    import sys

    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "addons", "crm_telephony", "tests", "data",
        "ami", "scenarios")
    for file_name, data in sorted(files().items()):
        with open(os.path.join(target, file_name), "wb") as handle:
            handle.write(data)
        print(file_name)
