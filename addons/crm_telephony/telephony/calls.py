# size: the AMI state machine: one class per event family would spread one state across files
"""Call and agent state machine fed with AMI event dicts; no I/O.

``CallTracker.feed(event) -> [fact, ...]`` turns the raw event stream into
the few facts the CRM stores or shows: a call started / was answered /
ended (with its :class:`CallRecord`), an agent's state changed, a screen pop
is due, a late CDR completed a closed record.

Why a separate pure machine: the AMI listener (an Odoo CLI command) and the
tests replay the same events, and every rule below is observable in the
recorded Asterisk 22.10 stream kept in ``tests/data/ami/``, so it can be
checked without a PBX or a database.

Rules worth knowing:

* A call is keyed by ``Linkedid``; it ends when the last channel carrying
  that Linkedid hangs up (Local channels come in ``;1``/``;2`` halves, both
  counted). Calls that never reach a queue or an agent device give no facts.
* The queue events (``AgentConnect``/``AgentComplete``) carry Asterisk's own
  ring, hold and talk seconds; they win over our clock.
* Everything is idempotent: a duplicated or replayed event changes nothing
  a second time, so it produces no fact. Finished calls are remembered (a
  bounded LRU) so that late or replayed events for them are ignored and a
  late ``Cdr`` is attached once (:class:`CdrReconciled`).
* A lost AMI connection means "every live call ended"
  (:meth:`CallTracker.on_disconnect`): Asterisk sends nothing for the calls
  in progress when it restarts, and a killed one writes no CDR for them, so
  they are closed with what is known (end = the disconnection, talk time so
  far, ``cut``). Every agent is "unreachable" until the next login's
  :meth:`CallTracker.resync` (QueueStatus: members it does not report are
  logged out); a clean stop (:meth:`CallTracker.on_stop`) makes them
  "offline". Each of these also gives a :class:`PbxState` fact, so the CRM
  can do the same for the agents this tracker never saw.
"""
import collections
import copy
import dataclasses
import re
import time
from dataclasses import dataclass, field

#: the agent states and their labels, in the order users see them: the one
#: definition (the models' selections are built from it)
AGENT_STATE_LABELS = (
    ("offline", "Offline"),
    ("ready", "Ready"),
    ("paused", "Paused"),
    ("ringing", "Ringing"),
    ("in_call", "In Call"),
    ("wrapup", "Wrap-up"),
    ("unavailable", "Phone Unavailable"),
    ("logged_out", "Logged Out of Queues"),
    ("unreachable", "PBX Unreachable"),
)
#: the agent states, most important first when several apply; "unreachable"
#: (the PBX link is down) and "offline" (the listener stopped) override all
AGENT_STATES = ("unreachable", "offline", "in_call", "ringing", "logged_out", "unavailable",
                "wrapup", "paused", "ready")
assert sorted(AGENT_STATES) == sorted(dict(AGENT_STATE_LABELS)), "one list of agent states"
#: the results the listener gives a call, with their labels: the one
#: definition (crm.call adds the results of its own click-to-call dialing).
#: ``answered``: the agent ended the talk; ``caller_hangup``: the caller did
#: ``transfer_failed``: a transfer was asked but no target answered (the PBX
#: dropped the caller, e.g. a context the dialplan cannot reach)
RESULT_LABELS = (
    ("answered", "Answered"),
    ("caller_hangup", "Caller Hung Up"),
    ("abandoned", "Abandoned"),
    ("transferred", "Transferred"),
    ("transfer_failed", "Transfer Failed"),
    ("no_answer", "No Answer"),
    ("interrupted", "Interrupted (PBX link lost)"),
)
RESULTS = tuple(value for value, _label in RESULT_LABELS)

_CHANNEL_SUFFIX = re.compile(r"-[0-9a-fA-F]{8}(;[12])?$")
#: the three-way call's Originate sets its channel's Uniqueid (so the leg's
#: Linkedid) to "<the call's Linkedid>-3way-<n>" (crm_agent_state.cc_conference)
CONFERENCE_LEG = re.compile(r"^(?P<linkedid>.+)-3way-\d+$")
_UNKNOWN_NUMBERS = ("", "<unknown>", "anonymous", "unknown")
# QueueMemberStatus "Status" (ast_device_state): 5 unavailable, 4 invalid,
# 6 ringing, 7 ring-in-use, 1 not in use
_DEVICE_IDLE = ("1",)
_DEVICE_RINGING = ("6", "7")
_DEVICE_UNAVAILABLE = ("4", "5")


def channel_interface(name):
    """Device interface of a channel name or queue member interface.

    ``PJSIP/1001-0000000a`` → ``PJSIP/1001``;
    ``Local/1001@agents-00000005;1`` and ``Local/1001@agents/n`` →
    ``Local/1001@agents``. The channel suffix is always ``-`` and 8 hex
    digits, so endpoint names containing ``-`` survive.
    """
    if not name:
        return ""
    tech, _, rest = _CHANNEL_SUFFIX.sub("", name).partition("/")
    return "%s/%s" % (tech, rest.split("/", 1)[0]) if rest else tech


def interface_extension(name, devices=None):
    """Extension of an agent device: ``Local/1001@agents/n``,
    ``PJSIP/1001``, ``SIP/1001-00000001`` → ``"1001"``; ``devices`` (a map
    ``{"PJSIP/seat-07": "1001"}``) wins, because a seat's device need not be
    named after the agent's extension."""
    interface = channel_interface(name)
    if devices and interface in devices:
        return devices[interface]
    tech, _, rest = interface.partition("/")
    if tech.lower() == "local":
        return rest.split("@", 1)[0]
    return rest


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class CallRecord:
    """What the CRM stores about one call. Times are ``clock()`` values."""

    linkedid: str
    direction: str = None  # inbound / outbound / internal
    caller: str = None
    caller_name: str = None
    callee: str = None
    queue: str = None
    agent_interface: str = None
    agent_extension: str = None
    agent_name: str = None
    start: float = None
    ring_start: float = None
    answer: float = None
    end: float = None
    ring_seconds: int = None
    hold_seconds: int = None
    talk_seconds: int = None
    hangup_side: str = None  # caller (the external party) / agent
    result: str = None
    transfer_target: str = None
    #: the transfer target's part: when it answered, its talk seconds
    transfer_answer: float = None
    transfer_talk_seconds: int = None
    #: every agent extension rung, in order
    rung: list = field(default_factory=list)
    #: ``{uniqueid: Cdr fields}`` of the call's channels
    cdrs: dict = field(default_factory=dict)
    channels: set = field(default_factory=set, repr=False)
    caller_uniqueid: str = field(default=None, repr=False)
    left_queue: bool = field(default=False, repr=False)
    last_dial_status: str = field(default=None, repr=False)
    started: bool = field(default=False, repr=False)
    answered_fact: bool = field(default=False, repr=False)
    #: the answering agent's channel, and when it left the call
    agent_uniqueid: str = field(default=None, repr=False)
    agent_left: float = field(default=None, repr=False)
    #: a transfer asked (BlindTransfer's Extension) and not yet answered
    transfer_pending: str = field(default=None, repr=False)
    transfer_uniqueid: str = field(default=None, repr=False)
    transfer_end: float = field(default=None, repr=False)
    redirected: bool = field(default=False, repr=False)
    #: ended by the loss of the PBX link (no Hangup, maybe no CDR ever):
    #: ``end`` is the disconnection and the talk time is the time so far
    cut: bool = False
    #: the recording file the PBX reported (``UserEvent(CrmRecording,File:
    #: ...)`` after MixMonitor, or a ``VarSet`` of ``MIXMONITOR_FILENAME``)
    recording: str = None
    #: the number a three-way call brought into the call (its leg is part
    #: of this call, not a call of its own)
    conference_number: str = None

    @property
    def answered(self):
        return self.answer is not None

    def snapshot(self):
        """The record as it is now (the tracker goes on updating the call)."""
        frozen = copy.copy(self)
        frozen.rung, frozen.cdrs, frozen.channels = \
            list(self.rung), dict(self.cdrs), set(self.channels)
        return frozen


def snapshot(fact):
    """``fact`` as it is now: a call's facts share the tracker's live
    record, which later events change, while the listener stores them
    later, in another thread. The listener takes a snapshot of each fact
    when it is found; so do the tests that replay the tracker."""
    record = getattr(fact, "record", None)
    return fact if record is None else dataclasses.replace(fact, record=record.snapshot())


@dataclass
class CallStarted:
    record: CallRecord
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


@dataclass
class CallAnswered:
    record: CallRecord
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


@dataclass
class CallEnded:
    record: CallRecord
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


@dataclass
class CdrReconciled:
    """A ``Cdr`` arrived for a call already ended: update, don't insert."""

    record: CallRecord
    uniqueid: str
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


@dataclass
class Pop:
    """Show the caller to this agent: one per (linkedid, agent extension)."""

    linkedid: str
    caller: str
    caller_name: str
    interface: str
    extension: str
    queue: str = None
    member_name: str = None
    #: the customer's pop for a transfer's target (the call has an agent)
    transfer: bool = False
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


@dataclass
class IvrStep:
    """The caller went through an IVR menu (``UserEvent(CrmIvr,...)``)."""

    linkedid: str
    menu: str
    choice: str = None
    caller: str = None
    at: float = None


@dataclass
class SurveyScore:
    """The caller scored the agent (``UserEvent(CrmSurvey,Score: n)``)."""

    linkedid: str
    score: int
    agent_extension: str = None
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


@dataclass
class Voicemail:
    """The caller left a message (``UserEvent(CrmVoicemail,Mailbox: m,File: f,
    Duration: s)`` after ``Record()``)."""

    linkedid: str
    mailbox: str
    file: str
    duration: int = None
    caller: str = None
    at: float = None


@dataclass
class Resynced:
    """A takeover's resynchronisation (:meth:`CallTracker.adopt`): ``live``
    the Linkedids the PBX still has (now followed), ``gone`` the calls the
    database had open that the PBX no longer has (they ended while no
    listener listened: their CDRs complete them)."""

    live: list
    gone: list
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


@dataclass
class PbxState:
    """The PBX link: ``connected`` (after a login's resync: ``members`` the
    extensions QueueStatus reported, None when it could not be asked;
    ``known`` those this tracker gave a state), ``unreachable`` (lost) or
    ``stopped`` (the listener stopped cleanly)."""

    state: str
    members: list = None
    known: list = None
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


@dataclass
class AgentStateChanged:
    extension: str
    interface: str
    state: str
    reason: str = None
    previous: str = None
    #: when the listener saw it (POSIX seconds; None: when it is stored)
    at: float = None


class _Agent:
    __slots__ = ("extension", "interface", "name", "memberships", "member", "device",
                 "in_queue_call", "ringing", "connected", "wrapup_until", "state", "reason")

    def __init__(self, extension, interface):
        self.extension, self.interface, self.name = extension, interface, None
        self.memberships = {}  # queue -> [paused, reason, wrapup seconds]
        #: seen as a queue member once: only then can it be "logged out"
        self.member = False
        self.device = None
        self.in_queue_call = False
        self.ringing, self.connected = set(), set()
        self.wrapup_until = None
        self.state = self.reason = None

    def compute(self, now):
        if self.connected or self.in_queue_call:
            return "in_call", None
        if self.ringing or self.device == "ringing":
            return "ringing", None
        if not self.memberships and self.member:
            return "logged_out", None
        if self.device == "unavailable":
            return "unavailable", None
        if self.wrapup_until is not None and now < self.wrapup_until:
            return "wrapup", None
        paused = [m for m in self.memberships.values() if m[0]]
        if paused and len(paused) == len(self.memberships):
            return "paused", paused[-1][1] or None
        return "ready", None


class CallTracker:
    """Feed AMI events (dict-like), get facts.

    ``devices``: ``{interface: extension}`` for seats whose device is not
    named after the extension. ``agent_contexts``: dialplan contexts whose
    Local channels are agents (``Local/1001@agents``). A PJSIP/SIP/IAX2
    device whose name is at most ``internal_digits`` digits is an agent
    phone; so are all interfaces seen as queue members.
    """

    def __init__(self, devices=None, agent_contexts=("agents", "from-queue", "from-internal"),
                 internal_digits=6, clock=time.time, closed_capacity=10000):
        self.devices = dict(devices or {})
        self.agent_contexts = set(agent_contexts)
        self.internal_digits = internal_digits
        self.clock = clock
        self.closed_capacity = closed_capacity
        self.calls = {}
        self.closed = collections.OrderedDict()
        self.uniqueids = collections.OrderedDict()
        self.agents = {}
        self.members = set()
        #: "up", "down" (link lost: agents unreachable) or "stopped"
        self.link = "up"
        self.unmatched_cdrs = 0
        self._agent_device_cache = {}
        self._wrapping = set()
        self._user_events = collections.OrderedDict()
        self._handlers = {
            "Hangup": self._on_hangup,
            "HangupRequest": self._on_hangup_request,
            "SoftHangupRequest": self._on_hangup_request,
            "QueueCallerJoin": self._on_queue_join,
            "QueueCallerLeave": self._on_queue_leave,
            "QueueCallerAbandon": self._on_queue_abandon,
            "AgentCalled": self._on_agent_called,
            "AgentRingNoAnswer": self._on_agent_ring_no_answer,
            "AgentConnect": self._on_agent_connect,
            "AgentComplete": self._on_agent_complete,
            "DialBegin": self._on_dial_begin,
            "DialEnd": self._on_dial_end,
            "BlindTransfer": self._on_transfer,
            "AttendedTransfer": self._on_transfer,
            "Cdr": self._on_cdr,
            "QueueMember": self._on_member,
            "QueueMemberAdded": self._on_member,
            "QueueMemberStatus": self._on_member,
            "QueueMemberPause": self._on_member,
            "QueueMemberPaused": self._on_member,  # Asterisk 12 name
            "QueueMemberRemoved": self._on_member_removed,
            "UserEvent": self._on_user_event,
            "VarSet": self._on_var_set,
        }

    # ------------------------------------------------------------ public
    def feed(self, event, now=None):
        """Apply one event; return the list of new facts (often empty)."""
        now = self.clock() if now is None else now
        facts = []
        if self._wrapping:
            self.tick(now, facts)
        handler = self._handlers.get(event.get("Event"))
        leg = CONFERENCE_LEG.match(event.get("Linkedid") or event.get("DestLinkedid") or "")
        if leg is not None:
            self._on_conference_leg(leg.group("linkedid"), event, now, facts)
        elif handler is not None:
            handler(event, now, facts)
        else:
            self._call_of(event, now)
        return facts

    def feed_all(self, events, now=None):
        facts = []
        for event in events:
            facts.extend(self.feed(event, now))
        return facts

    def on_disconnect(self, now=None, link="down"):
        """The AMI link is gone: end every live call as ``interrupted``,
        closed with what is known (``cut``: end = now, talk time so far),
        and forget what only a live link can tell (ringing, device states);
        every agent is "unreachable" until :meth:`resync`."""
        now = self.clock() if now is None else now
        facts = []
        for call in list(self.calls.values()):
            if call.result is None:
                call.result = "interrupted"
            call.cut = link == "down"
            self._finish(call, now, facts)
        self.link = link
        for agent in self.agents.values():
            agent.ringing.clear()
            agent.connected.clear()
            agent.in_queue_call = False
            agent.device = None
            self._update_agent(agent, now, facts)
        facts.append(PbxState("unreachable" if link == "down" else link))
        return facts

    def on_stop(self, now=None):
        """The listener stops cleanly: the live calls end as for a lost
        link (not ``cut``: the PBX goes on; the CDRs complete them later),
        and every agent is "offline"."""
        return self.on_disconnect(now, link="stopped")

    def resync(self, status=None, now=None):
        """After each login: apply the QueueStatus list's events
        (``status``; None when it could not be asked): the members it
        reports are as it says, queue memberships it does not report are
        gone (a restarted PBX without ``persistentmembers`` lost its
        dynamic members). The link is up again: every agent's state is
        computed anew."""
        now = self.clock() if now is None else now
        facts = []
        self.link = "up"
        reported = None
        if status is not None:
            reported = {}
            for event in status:
                if event.get("Event") == "QueueMember":
                    interface = event.get("Interface") or event.get("Location") or ""
                    reported.setdefault(self.extension(interface), set()).add(
                        event.get("Queue"))
                facts.extend(self.feed(event, now))
            for agent in self.agents.values():
                for queue in list(agent.memberships):
                    if queue not in reported.get(agent.extension, ()):
                        del agent.memberships[queue]
        for agent in self.agents.values():
            self._update_agent(agent, now, facts)
        facts.append(PbxState("connected", sorted(reported) if reported is not None else None,
                              sorted(self.agents)))
        return facts

    def adopt(self, status, known=(), now=None):
        """After a takeover (or a listener's start): follow the calls still
        live on the PBX. ``status``: the events of an AMI ``Status`` list
        (one per live channel); ``known``: the calls the database has open
        (dicts: ``linkedid``, ``direction``, ``caller``, ``caller_name``,
        ``callee``, ``queue``, ``agent_extension``, ``start``, ``answer``
        as POSIX seconds, ``popped``: the extensions already popped).
        A known call keeps what it had (its pops are not sent again); a
        call that began while nobody listened starts now, with a pop for
        each agent phone still ringing; an agent channel that is up and
        bridged answered it. The last fact, :class:`Resynced`, names the
        live calls and the known ones that are gone."""
        now = self.clock() if now is None else now
        facts = []
        known = {row["linkedid"]: row for row in known or ()}
        channels = collections.OrderedDict()
        for event in status or ():
            linkedid = event.get("Linkedid")
            if linkedid and event.get("Uniqueid") and not CONFERENCE_LEG.match(linkedid):
                channels.setdefault(linkedid, []).append(event)
        for linkedid, events in channels.items():
            if linkedid in self.calls:
                continue
            self.closed.pop(linkedid, None)
            row = known.get(linkedid)
            seconds = max(_int(event.get("Seconds")) or 0 for event in events)
            call = self.calls[linkedid] = CallRecord(
                linkedid=linkedid, start=(row or {}).get("start") or now - seconds)
            for event in events:
                call.channels.add(event["Uniqueid"])
                self.uniqueids[event["Uniqueid"]] = linkedid
            first = next((event for event in events if event["Uniqueid"] == linkedid),
                         events[0])
            if row is not None:
                for key in ("direction", "caller", "caller_name", "callee", "queue",
                            "agent_extension"):
                    setattr(call, key, row.get(key) or None)
                call.answer = row.get("answer")
                call.ring_start = call.start
                call.rung = list(row.get("popped") or [])
                call.started = True
                call.answered_fact = call.answer is not None
                if not self.is_agent_device(first.get("Channel", "")):
                    call.caller_uniqueid = first["Uniqueid"]
            else:
                call.caller = first.get("CallerIDNum")
                call.caller_name = first.get("CallerIDName")
                call.callee = first.get("Exten")
                if first.get("Application") == "Queue":
                    call.queue = (first.get("Data") or "").split(",")[0] or None
                call.caller_uniqueid = first["Uniqueid"]
                call.ring_start = call.start
                self._start(call, "inbound" if self._from_outside(first) else "internal",
                            facts)
            for event in events:
                name = event.get("Channel", "")
                if event is first or not self.is_agent_device(name):
                    continue
                agent = self._agent(name)
                if event.get("ChannelState") in ("4", "5"):  # Ring, Ringing
                    self._pop(call, channel_interface(name), agent.extension, call.caller,
                              call.caller_name, facts, call.queue)
                    agent.ringing.add(linkedid)
                elif event.get("ChannelState") == "6" and event.get("BridgeID"):
                    call.agent_interface = call.agent_interface or channel_interface(name)
                    call.agent_extension = call.agent_extension or agent.extension
                    call.agent_uniqueid = call.agent_uniqueid or event["Uniqueid"]
                    if agent.extension not in call.rung:
                        call.rung.append(agent.extension)
                    agent.connected.add(linkedid)
                    self._answered(call, now, facts)
                self._update_agent(agent, now, facts)
        facts.append(Resynced(list(channels), [linkedid for linkedid in known
                                               if linkedid not in channels]))
        return facts

    def tick(self, now=None, facts=None):
        """End wrap-ups whose time is over (Asterisk sends no event)."""
        now = self.clock() if now is None else now
        facts = [] if facts is None else facts
        for agent in list(self._wrapping):
            if agent.wrapup_until is None or now >= agent.wrapup_until:
                agent.wrapup_until = None
                self._wrapping.discard(agent)
                self._update_agent(agent, now, facts)
        return facts

    def reconcile_cdr(self, cdr, now=None):
        """Attach a CDR (AMI ``Cdr`` event or a CDR table row mapped to the
        same keys, ``Linkedid`` optional) to its call, once."""
        facts = []
        self._on_cdr(cdr, self.clock() if now is None else now, facts)
        return facts

    def is_agent_device(self, name):
        interface = channel_interface(name)
        known = self._agent_device_cache.get(interface)
        if known is None:
            tech, _, rest = interface.partition("/")
            tech = tech.lower()
            if interface in self.devices or interface in self.members:
                known = True
            elif tech == "local":
                # a Local channel to an outside number (a three-way call's
                # leg through from-internal) is no agent
                exten, _, context = rest.partition("@")
                known = context in self.agent_contexts and exten.isdigit() \
                    and len(exten) <= self.internal_digits
            elif tech in ("pjsip", "sip", "iax2"):
                known = rest.isdigit() and len(rest) <= self.internal_digits
            else:
                known = False
            self._agent_device_cache[interface] = known
        return known

    def is_external(self, number):
        if not number or number.lower() in _UNKNOWN_NUMBERS:
            return False
        digits = number.lstrip("+")
        return not (digits.isdigit() and len(digits) <= self.internal_digits
                    and not number.startswith("+"))

    def extension(self, name):
        return interface_extension(name, self.devices)

    # ------------------------------------------------------------- calls
    def _call_of(self, event, now, linkedid=None, uniqueid=None):
        """The live call of an event (created on first sight), or None when
        the event has no Linkedid or belongs to a finished call."""
        linkedid = linkedid or event.get("Linkedid")
        if not linkedid or linkedid in self.closed:
            return None
        call = self.calls.get(linkedid)
        if call is None:
            call = self.calls[linkedid] = CallRecord(linkedid=linkedid, start=now)
        uniqueid = uniqueid or event.get("Uniqueid")
        if uniqueid and uniqueid not in call.channels:
            call.channels.add(uniqueid)
            self.uniqueids[uniqueid] = linkedid
            if len(self.uniqueids) > self.closed_capacity * 8:
                self.uniqueids.popitem(last=False)
        return call

    def _start(self, call, direction, facts):
        if call.direction is None:
            call.direction = direction
        if not call.started:
            call.started = True
            facts.append(CallStarted(call))

    def _answered(self, call, now, facts):
        if call.answer is None:
            call.answer = now
        if not call.answered_fact:
            call.answered_fact = True
            facts.append(CallAnswered(call))

    def _pop(self, call, interface, extension, caller, caller_name, facts, queue=None,
             member_name=None, transfer=False):
        if extension in call.rung:
            return
        call.rung.append(extension)
        facts.append(Pop(call.linkedid, caller, caller_name, interface, extension, queue,
                         member_name, transfer))

    def _on_queue_join(self, event, now, facts):
        call = self._call_of(event, now)
        if call is None:
            return
        call.queue = event.get("Queue")
        call.caller = event.get("CallerIDNum")
        call.caller_name = event.get("CallerIDName")
        call.callee = call.callee or event.get("Exten")
        call.caller_uniqueid = event.get("Uniqueid")
        self._start(call, "inbound" if self._from_outside(event) else "internal", facts)

    def _from_outside(self, event):
        return (not self.is_agent_device(event.get("Channel", ""))
                or self.is_external(event.get("CallerIDNum")))

    def _on_queue_leave(self, event, now, facts):
        call = self._call_of(event, now)
        if call is not None and call.answer is None:
            call.left_queue = True

    def _on_queue_abandon(self, event, now, facts):
        call = self._call_of(event, now)
        if call is None:
            return
        call.result = call.result or "abandoned"
        call.hangup_side = call.hangup_side or "caller"
        call.hold_seconds = _int(event.get("HoldTime"))

    def _on_agent_called(self, event, now, facts):
        call = self._call_of(event, now)
        if call is None:
            return
        interface = event.get("Interface", "")
        agent = self._agent(interface, event.get("MemberName"))
        call.queue = call.queue or event.get("Queue")
        call.caller = call.caller or event.get("CallerIDNum")
        call.caller_name = call.caller_name or event.get("CallerIDName")
        if call.ring_start is None:
            call.ring_start = now
        self._start(call, "inbound" if self._from_outside(event) else "internal", facts)
        self._pop(call, interface, agent.extension, call.caller, call.caller_name, facts,
                  event.get("Queue"), event.get("MemberName"))
        agent.ringing.add(call.linkedid)
        self._update_agent(agent, now, facts)

    def _on_agent_ring_no_answer(self, event, now, facts):
        agent = self._agent(event.get("Interface", ""), event.get("MemberName"))
        agent.ringing.discard(event.get("Linkedid"))
        self._update_agent(agent, now, facts)

    def _on_agent_connect(self, event, now, facts):
        call = self._call_of(event, now)
        if call is None:
            return
        interface = event.get("Interface", "")
        agent = self._agent(interface, event.get("MemberName"))
        call.agent_interface = interface
        call.agent_extension = agent.extension
        call.agent_name = event.get("MemberName")
        call.agent_uniqueid = event.get("DestUniqueid") or call.agent_uniqueid
        call.ring_seconds = _int(event.get("RingTime"))
        call.hold_seconds = _int(event.get("HoldTime"))
        self._answered(call, now, facts)
        for extension in call.rung:
            other = self.agents.get(extension)
            if other is not None and other is not agent:
                other.ringing.discard(call.linkedid)
                self._update_agent(other, now, facts)
        agent.ringing.discard(call.linkedid)
        agent.connected.add(call.linkedid)
        agent.device = "busy"  # a PJSIP phone's "ringing" status is over
        self._update_agent(agent, now, facts)

    def _on_agent_complete(self, event, now, facts):
        call = self._call_of(event, now)
        if call is None:
            return
        agent = self._agent(event.get("Interface", ""), event.get("MemberName"))
        reason = event.get("Reason")
        call.talk_seconds = _int(event.get("TalkTime"))
        call.hold_seconds = _int(event.get("HoldTime"))
        if reason == "transfer":
            # "transferred" once the PBX shows the target answered (DialEnd,
            # AttendedTransfer): a transfer into nowhere drops the caller
            call.hangup_side = "agent"
            if call.result is None and call.transfer_pending is None:
                call.transfer_pending = ""
        elif reason in ("caller", "agent"):
            call.hangup_side = reason
            if call.result is None:
                call.result = "caller_hangup" if reason == "caller" else "answered"
        agent.connected.discard(call.linkedid)
        agent.in_queue_call = False
        wrapup = max([m[2] for m in agent.memberships.values()] or [0])
        if wrapup > 0:
            agent.wrapup_until = now + wrapup
            self._wrapping.add(agent)
        self._update_agent(agent, now, facts)

    def _on_dial_begin(self, event, now, facts):
        dest = event.get("DestChannel", "")
        source = event.get("Channel")
        call = self._call_of(event, now, event.get("DestLinkedid"), event.get("DestUniqueid"))
        if call is None or not source:
            return  # an Originate's first leg has no source channel
        self._call_of(event, now)
        caller = event.get("CallerIDNum")
        if self.is_agent_device(dest):
            agent = self._agent(dest)
            transfer = self._second_agent(call, agent)
            if transfer or self._from_outside(event):
                call.caller = call.caller or caller
                call.caller_name = call.caller_name or event.get("CallerIDName")
                self._start(call, "inbound", facts)
                self._pop(call, channel_interface(dest), agent.extension, call.caller,
                          call.caller_name, facts, call.queue, transfer=transfer)
            else:
                call.caller = call.caller or caller
                self._start(call, "internal", facts)
                if agent.extension not in call.rung:
                    call.rung.append(agent.extension)
            call.callee = call.callee or agent.extension
            if call.ring_start is None:
                call.ring_start = now
            agent.ringing.add(call.linkedid)
            self._update_agent(agent, now, facts)
        elif self.is_agent_device(source):
            agent = self._agent(source)
            call.caller = call.caller or agent.extension
            call.callee = call.callee or self._dialled_number(event)
            call.agent_interface = call.agent_interface or channel_interface(source)
            call.agent_extension = call.agent_extension or agent.extension
            if call.ring_start is None:
                call.ring_start = now
            self._start(call, "outbound", facts)
            agent.connected.add(call.linkedid)
            self._update_agent(agent, now, facts)

    def _on_conference_leg(self, linkedid, event, now, facts):
        """An event of a three-way call's leg (the Local channel the phone
        bar originated into the agent's room and the trunk channel it
        dials): part of the call ``linkedid``, never a call of its own nor
        an agent (its Local channel names the dialled number)."""
        call = self.calls.get(linkedid)
        if call is None:
            return
        name = event.get("Event")
        for key in ("Uniqueid", "DestUniqueid"):
            uniqueid = event.get(key)
            if uniqueid and name != "Hangup":
                call.channels.add(uniqueid)
        if name == "DialBegin" and event.get("DestChannel"):
            call.conference_number = self._dialled_number(event) or call.conference_number
        elif name == "Hangup":
            call.channels.discard(event.get("Uniqueid"))
            if not call.channels:
                self._finish(call, now, facts)

    @staticmethod
    def _second_agent(call, agent):
        """An agent other than the one who answered is dialled within an
        answered inbound call: a transfer's target, blind (the customer's
        channel dials), attended (a consultation leg, a ``Local/...;2`` with
        the first agent's caller ID) or a Redirect of the customer."""
        return (call.direction == "inbound" and call.answer is not None
                and call.agent_extension not in (None, agent.extension)
                and (call.caller_uniqueid is None or call.caller_uniqueid in call.channels))

    def _transfer_answered(self, call, extension, uniqueid, now, confirmed):
        """The target ``extension`` answered (its channel ``uniqueid``);
        ``confirmed``: the customer is with it (not only a consultation)."""
        if call.transfer_answer is None or call.transfer_target != extension:
            call.transfer_target, call.transfer_uniqueid = extension, uniqueid
            call.transfer_answer, call.transfer_end = now, None
        if confirmed:
            call.result = "transferred"
            call.transfer_pending = None

    @staticmethod
    def _dialled_number(event):
        dial = event.get("DialString", "").split("@", 1)[0]
        return dial.rsplit("/", 1)[-1] or event.get("DestExten")

    def _on_dial_end(self, event, now, facts):
        call = self._call_of(event, now, event.get("DestLinkedid"), event.get("DestUniqueid"))
        if call is None or not event.get("Channel"):
            return
        dest, status = event.get("DestChannel", ""), event.get("DialStatus")
        call.last_dial_status = status
        if self.is_agent_device(dest):
            agent = self._agent(dest)
            agent.ringing.discard(call.linkedid)
            if status == "ANSWER" and self._second_agent(call, agent):
                # the key-event recording of Asterisk 20 has no DialBegin:
                # the target's pop is due at the latest now
                self._pop(call, channel_interface(dest), agent.extension, call.caller,
                          call.caller_name, facts, call.queue, transfer=True)
                from_customer = event.get("Uniqueid") == call.caller_uniqueid
                if from_customer and call.transfer_pending is None and call.result is None:
                    call.redirected = True  # no BlindTransfer: an AMI Redirect
                self._transfer_answered(call, agent.extension, event.get("DestUniqueid"),
                                        now, from_customer)
                agent.connected.add(call.linkedid)
                agent.device = "busy"
                self._update_agent(agent, now, facts)
                return
            if status == "ANSWER":
                call.agent_interface = call.agent_interface or channel_interface(dest)
                call.agent_extension = call.agent_extension or agent.extension
                agent.connected.add(call.linkedid)
                agent.device = "busy"
                self._answered(call, now, facts)
            self._update_agent(agent, now, facts)
        elif status == "ANSWER" and call.direction == "outbound":
            self._answered(call, now, facts)
        elif status == "ANSWER" and call.transfer_pending is not None \
                and event.get("Uniqueid") == call.caller_uniqueid:
            # blind transfer to an outside number: its trunk answered
            self._transfer_answered(call, call.transfer_pending or call.transfer_target,
                                    event.get("DestUniqueid"), now, True)

    def _on_transfer(self, event, now, facts):
        linkedid = (event.get("TransfererLinkedid") or event.get("OrigTransfererLinkedid")
                    or event.get("TransfereeLinkedid"))
        call = self._call_of(event, now, linkedid)
        if call is None or event.get("Result", "Success") != "Success":
            return
        if event.get("Event") == "BlindTransfer":
            # the customer now dials Extension: transferred when it answers
            call.transfer_pending = event.get("Extension") or ""
            if call.transfer_answer is None:
                call.transfer_target = event.get("Extension") or call.transfer_target
            return
        # AttendedTransfer: the consultation target (answered, DialEnd)
        # takes the customer's bridge
        target = call.transfer_target or event.get("SecondTransfererConnectedLineNum")
        if call.transfer_answer is not None or event.get("DestType") == "Bridge":
            self._transfer_answered(call, target, call.transfer_uniqueid, now, True)
        else:
            call.transfer_pending, call.transfer_target = target or "", target

    def _on_hangup_request(self, event, now, facts):
        call = self._call_of(event, now)
        if call is not None and call.answer is not None and call.hangup_side is None \
                and not call.queue:
            agent_side = self.is_agent_device(event.get("Channel", ""))
            call.hangup_side = "agent" if agent_side else "caller"

    def _on_hangup(self, event, now, facts):
        linkedid = event.get("Linkedid")
        call = self.calls.get(linkedid)
        if call is None:
            return
        self._on_hangup_request(event, now, facts)
        uniqueid = event.get("Uniqueid")
        if uniqueid and uniqueid == call.agent_uniqueid and call.agent_left is None:
            call.agent_left = now
        if uniqueid and uniqueid == call.transfer_uniqueid:
            call.transfer_end = now
        call.channels.discard(uniqueid)
        if not call.channels:
            self._finish(call, now, facts)

    def _finish(self, call, now, facts):
        call.end = now
        if call.result is None and call.transfer_pending is not None:
            call.result = "transfer_failed"
        if call.result == "transferred" and call.transfer_answer is not None:
            call.transfer_talk_seconds = int(round(
                (call.transfer_end or now) - call.transfer_answer))
            if call.redirected and call.agent_left is not None and call.answer is not None:
                # AgentComplete's TalkTime of a redirected call counts both agents
                call.talk_seconds = int(round(call.agent_left - call.answer))
        if call.result is None:
            if call.answer is not None:
                call.result = "caller_hangup" if call.hangup_side == "caller" else "answered"
            elif call.queue and not call.left_queue:
                call.result = "abandoned"
            elif call.last_dial_status == "CANCEL":
                call.result = "abandoned"
            else:
                call.result = "no_answer"
        if call.answer is not None and call.talk_seconds is None:
            call.talk_seconds = int(round(now - call.answer))
        if call.ring_start is not None and call.ring_seconds is None:
            call.ring_seconds = int(round((call.answer or now) - call.ring_start))
        del self.calls[call.linkedid]
        self.closed[call.linkedid] = call
        if len(self.closed) > self.closed_capacity:
            self.closed.popitem(last=False)
        if call.direction is not None:
            facts.append(CallEnded(call))
        for extension in call.rung + [call.agent_extension]:
            agent = self.agents.get(extension)
            if agent is not None and (call.linkedid in agent.ringing
                                      or call.linkedid in agent.connected):
                agent.ringing.discard(call.linkedid)
                agent.connected.discard(call.linkedid)
                self._update_agent(agent, now, facts)

    def _on_cdr(self, event, now, facts):
        uniqueid = event.get("UniqueID") or event.get("Uniqueid")
        linkedid = event.get("Linkedid") or self.uniqueids.get(uniqueid)
        call = self.calls.get(linkedid) or self.closed.get(linkedid)
        if call is None or not uniqueid:
            self.unmatched_cdrs += 1
            return
        if uniqueid in call.cdrs:
            return
        call.cdrs[uniqueid] = {key: event.get(key) for key in (
            "Channel", "DestinationChannel", "Source", "Destination", "Disposition",
            "StartTime", "AnswerTime", "EndTime", "Duration", "BillableSeconds")}
        if linkedid in self.closed:
            facts.append(CdrReconciled(call, uniqueid))

    def _on_user_event(self, event, now, facts):
        """The dialplan's conventions (docs/PBX.md): ``CrmIvr`` with
        ``Menu`` and ``Choice`` for each IVR menu a caller goes through,
        ``CrmSurvey`` with ``Score`` (1-5) after the agent left,
        ``CrmVoicemail`` with ``Mailbox``, ``File`` and ``Duration`` once a
        caller's message is recorded. All carry
        the channel's Linkedid, which may belong to a call already ended
        (the survey runs after the agent hung up); a repeated event is
        ignored."""
        kind = event.get("UserEvent")
        linkedid = event.get("Linkedid")
        if kind == "CrmRecording":
            self._recording(event, event.get("File"), now)
            return
        if kind not in ("CrmIvr", "CrmSurvey", "CrmVoicemail") or not linkedid:
            return
        call = self.calls.get(linkedid) or self.closed.get(linkedid)
        key = (kind, event.get("Menu"), event.get("Choice"), event.get("Score"),
               event.get("File"))
        seen = self._user_events.setdefault(linkedid, set())
        if key in seen:
            return
        seen.add(key)
        if len(self._user_events) > self.closed_capacity:
            self._user_events.pop(next(iter(self._user_events)))
        if kind == "CrmIvr":
            facts.append(IvrStep(linkedid, event.get("Menu") or "", event.get("Choice"),
                                 event.get("CallerIDNum"), now))
            return
        if kind == "CrmVoicemail":
            if event.get("File"):
                facts.append(Voicemail(linkedid, event.get("Mailbox") or "", event["File"],
                                       _int(event.get("Duration")),
                                       event.get("CallerIDNum"), now))
            return
        score = _int(event.get("Score"))
        if score is None or not 1 <= score <= 5:
            return
        facts.append(SurveyScore(linkedid, score,
                                 call.agent_extension if call is not None else None))

    def _on_var_set(self, event, now, facts):
        """MixMonitor's file name, when the PBX sends VarSet events (the
        listener filters them out at the source: the dialplan reports the
        file with ``UserEvent(CrmRecording,File: ${MIXMONITOR_FILENAME})``)."""
        if event.get("Variable") in ("MIXMONITOR_FILENAME", "MONITOR_FILENAME"):
            self._recording(event, event.get("Value"), now)
        else:
            self._call_of(event, now)

    def _recording(self, event, path, now):
        """The call was recorded into ``path`` (reported by the PBX): only
        then, or when the file is found, does the record get a recording."""
        call = self._call_of(event, now) or self.closed.get(event.get("Linkedid"))
        if call is not None and path:
            call.recording = path

    # ------------------------------------------------------------ agents
    def _agent(self, interface, name=None):
        extension = self.extension(interface)
        agent = self.agents.get(extension)
        if agent is None:
            agent = self.agents[extension] = _Agent(extension, channel_interface(interface))
        if name:
            agent.name = name
        return agent

    def _update_agent(self, agent, now, facts):
        if self.link != "up":
            state, reason = ("unreachable" if self.link == "down" else "offline"), None
        else:
            state, reason = agent.compute(now)
        if (state, reason) != (agent.state, agent.reason):
            previous = agent.state
            agent.state, agent.reason = state, reason
            facts.append(AgentStateChanged(agent.extension, agent.interface, state, reason,
                                           previous))

    def _on_member(self, event, now, facts):
        interface = event.get("Interface") or event.get("Location") or ""
        self.members.add(channel_interface(interface))
        self._agent_device_cache.pop(channel_interface(interface), None)
        agent = self._agent(interface, event.get("MemberName") or event.get("Name"))
        agent.member = True
        agent.memberships[event.get("Queue")] = [
            event.get("Paused") == "1", event.get("PausedReason") or None,
            _int(event.get("Wrapuptime")) or 0]
        status = event.get("Status")
        if status in _DEVICE_IDLE:
            agent.device = "idle"
            agent.ringing.clear()
            agent.connected.clear()
        elif status in _DEVICE_RINGING:
            agent.device = "ringing"
        elif status in _DEVICE_UNAVAILABLE:
            agent.device = "unavailable"
            agent.ringing.clear()
            agent.connected.clear()
        elif status is not None:
            # in use/busy/on hold: a Local member is "in use" while it only
            # rings, so the call state comes from our calls and InCall
            agent.device = "busy"
        if "InCall" in event:
            agent.in_queue_call = event.get("InCall") == "1"
        self._update_agent(agent, now, facts)

    def _on_member_removed(self, event, now, facts):
        agent = self._agent(event.get("Interface", ""), event.get("MemberName"))
        agent.memberships.pop(event.get("Queue"), None)
        self._update_agent(agent, now, facts)
