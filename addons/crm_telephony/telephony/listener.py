"""The AMI listener's engine: one AMI connection per PBX feeding a
:class:`~.calls.CallTracker`, the tracker's facts handed in order, in
batches, to a sink (the Odoo side writes them). No Odoo import here, so the
tests and the benchmark drive it with the fake AMI server.

* Events the CRM never uses are filtered at the source (AMI ``Filter``);
  the dialplan chatter (``Newexten``, ``VarSet``) is most of a PBX's stream.
* After each login the queue members are resynchronised (``QueueStatus``),
  so agent states are right again after a PBX restart: members it does not
  report are logged out.
* A lost connection ends the live calls as "interrupted" (the tracker),
  makes every agent "unreachable" and the status "unreachable" (the phone
  bar and the monitor say "PBX unreachable"); the client retries at least
  every ``backoff_max`` (2 s), so it is back within 2 s of the PBX
  accepting connections; late ``Cdr`` events then complete the records
  (``CdrReconciled``), so no call is lost or doubled. A clean stop makes
  every agent "offline".
* The sink runs in a worker thread, one batch at a time, in the order the
  facts were found; a failing batch is retried fact by fact and a fact that
  still fails is logged with its content, never silently dropped.
* An optional ``late_sink`` gets the same facts afterwards, in its own
  lane (its own thread, also in order): work that must not hold up the
  next batch of the first sink. The Odoo side stores calls and pops in the
  first lane and agent states in the late one, so a ringing phone's pop
  never waits behind the agent states of the batch before.
* Several listener processes may run for one PBX (issue 18, see
  :mod:`.lease`): only the one holding the PBX's lease runs a
  ``PbxListener``. A sink raises :class:`~.lease.Fenced` when this process
  lost the lease: the listener then stops at once (:meth:`fence`): no
  further batch, no "stopped" facts, the AMI link closed. On its first
  login a listener adopts the calls still live on the PBX (AMI
  ``Status``, :meth:`~.calls.CallTracker.adopt`) with what the database
  knows of them (``known_calls``), so a takeover neither pops twice nor
  leaves a call ringing.
"""
import asyncio
import logging
import time

from . import calls
from .ami import AMIClient, AuthenticationError
from .lease import Fenced

_logger = logging.getLogger(__name__)

#: events dropped at the source; everything else may carry a call's channel
EVENT_FILTERS = (
    "!Event: (Newexten|VarSet|RTCP(Sent|Received)|DTMF(Begin|End)|ChallengeSent|"
    "SuccessfulAuth|ChallengeResponseFailed|InvalidAccountID|Registry|PeerStatus|"
    "ContactStatus|DeviceStateChange|ExtensionStatus|PresenceStateChange|"
    "LocalOptimizationBegin|LocalOptimizationEnd|AOC-)",
)


class PbxListener:
    """Listen to one PBX until :meth:`close`.

    ``sink(facts)`` (plain function, called in a worker thread) stores a list
    of the tracker's facts (:mod:`.calls`: each a snapshot taken when it was
    found, ``at`` the moment); ``status(state, message)`` (optional, also in
    a thread) records ``connected`` / ``unreachable`` / ``stopped``.
    """

    def __init__(self, host, port, username, secret, sink, status=None, devices=None,
                 batch_delay=0.005, max_batch=2000, clock=time.time, backoff=0.5,
                 backoff_max=2.0, ping_interval=20.0, event_filters=EVENT_FILTERS,
                 late_sink=None, known_calls=None):
        self.sink, self.status, self.late_sink = sink, status, late_sink
        #: () -> the calls the database has open (see CallTracker.adopt);
        #: None: no Status resync on the first login
        self.known_calls = known_calls
        #: set once a sink refused to write (this process lost the PBX)
        self.fenced = False
        #: events received before the first login's adoption is done: fed
        #: to the tracker after it, in order (None: not holding)
        self._held = [] if known_calls is not None else None
        self.batch_delay, self.max_batch = batch_delay, max_batch
        self.tracker = calls.CallTracker(devices=devices, clock=clock)
        self.client = AMIClient(
            host, port, username, secret, on_event=self._on_event,
            on_connect=self._on_connect, on_disconnect=self._on_disconnect,
            on_unreachable=self._on_unreachable,
            event_filters=event_filters, backoff=backoff, backoff_max=backoff_max,
            ping_interval=ping_interval)
        self.events = 0
        self.facts_written = 0
        self.failed_facts = 0
        self._pending = []
        self._wakeup = None
        self._flusher = None
        self._idle = None
        self._late = []
        self._late_wakeup = None
        self._late_flusher = None
        self._late_idle = None

    # --------------------------------------------------------- lifecycle
    async def run(self):
        self._wakeup, self._late_wakeup = asyncio.Event(), asyncio.Event()
        self._idle, self._late_idle = asyncio.Event(), asyncio.Event()
        self._idle.set()
        self._late_idle.set()
        self._flusher = asyncio.ensure_future(self._flush_loop())
        self._late_flusher = asyncio.ensure_future(self._late_loop())
        try:
            await self.client.run()
        except AuthenticationError:
            _logger.error("AMI %s:%s refused the login; check the AMI user and secret",
                          self.client.host, self.client.port)
            await self._report("stopped", "login refused")
            raise
        finally:
            await self.drain()
            self._flusher.cancel()
            self._late_flusher.cancel()

    async def fence(self):
        """This process no longer holds the PBX: stop now, write nothing
        more (the facts in memory belong to the new holder's resync)."""
        self.fenced = True
        self._pending.clear()
        self._late.clear()
        self.client._closing = True
        await self.client._close_writer()
        for task in list(self.client._tasks):
            task.cancel()

    async def close(self):
        if self.fenced:
            return
        await self.client.close()
        if self.tracker.link != "stopped":  # the link was already down
            self._push(self.tracker.on_stop())
        await self.drain()
        await self._report("stopped", "")

    async def drain(self):
        """Wait until every fact found so far has been handed to the sinks."""
        while not self.fenced and self._pending or self._late or (
                self._idle is not None and not self._idle.is_set()) or (
                self._late_idle is not None and not self._late_idle.is_set()):
            if self._wakeup is not None:
                self._wakeup.set()
            await asyncio.sleep(0.005)

    # ------------------------------------------------------------ events
    def _on_event(self, message):
        self.events += 1
        if self._held is not None:
            self._held.append(message)
            return
        try:
            facts = self.tracker.feed(message)
        except Exception:  # a malformed event must never stop the listener
            _logger.exception("AMI event skipped: %r", dict(message))
            return
        if facts:
            self._push(facts)

    async def _on_connect(self, client):
        await self._report("connected", client.banner or "")
        try:
            response = await client.send_action("QueueStatus")
            status = response.events or []
        except Exception as error:  # resync is best effort
            _logger.warning("QueueStatus after login failed: %s", error)
            status = None
        try:
            self._push(self.tracker.resync(status))
        except Exception:  # a malformed event must never stop the listener
            _logger.exception("queue members not resynchronised")
        if self._held is not None:
            try:
                await self._adopt(client)
            finally:
                held, self._held = self._held, None
                for message in held:
                    self.events -= 1
                    self._on_event(message)

    async def _adopt(self, client):
        """The first login: follow the calls the PBX still has (``Status``)
        with what the database knows of them. The events that arrive
        meanwhile wait (``_held``), so none is applied to a call before
        the call is adopted."""
        loop = asyncio.get_event_loop()
        try:
            known = await loop.run_in_executor(None, self.known_calls)
            response = await client.send_action("Status")
            live = response.events or []
        except Exception as error:  # never stops the listener
            _logger.warning("live calls not resynchronised after login: %s", error)
            return
        try:
            self._push(self.tracker.adopt(
                [event for event in live if event.get("Event") == "Status"], known))
        except Exception:
            _logger.exception("live calls not adopted")

    def _on_disconnect(self, client):
        if client._closing:
            self._push(self.tracker.on_stop())
            return
        self._push(self.tracker.on_disconnect())
        asyncio.ensure_future(self._report("unreachable", "connection lost"))

    def _on_unreachable(self, client, error):
        """A connection attempt failed: the PBX is down (at the listener's
        start too): once per outage, agents and supervisors are told."""
        if self.tracker.link == "up":
            self._push(self.tracker.on_disconnect())
            asyncio.ensure_future(self._report("unreachable", str(error)[:200]))

    def _push(self, facts):
        if self.fenced:
            return
        at = time.time()
        for fact in facts:
            fact = calls.snapshot(fact)
            if fact.at is None:
                fact.at = at
            self._pending.append(fact)
        if self._wakeup is not None:
            self._wakeup.set()

    # ------------------------------------------------------------- sink
    async def _flush_loop(self):
        loop = asyncio.get_event_loop()
        while True:
            try:
                await asyncio.wait_for(self._wakeup.wait(), 1.0)
            except asyncio.TimeoutError:
                _logger.debug("no new fact for a second")
            self._wakeup.clear()
            if self.tracker._wrapping:  # wrap-ups end by time, not by event
                self._push(self.tracker.tick())
            if not self._pending:
                continue
            self._idle.clear()
            if self.batch_delay:
                await asyncio.sleep(self.batch_delay)
            while self._pending and not self.fenced:
                batch = self._pending[:self.max_batch]
                del self._pending[:len(batch)]
                failed = await loop.run_in_executor(None, self._write, self.sink, batch)
                if self.fenced:
                    break
                self.facts_written += len(batch) - failed
                if self.late_sink is not None:
                    self._late.extend(batch)
                    self._late_wakeup.set()
            self._idle.set()

    async def _late_loop(self):
        loop = asyncio.get_event_loop()
        while True:
            await self._late_wakeup.wait()
            self._late_wakeup.clear()
            self._late_idle.clear()
            while self._late and not self.fenced:
                batch = self._late[:self.max_batch]
                del self._late[:len(batch)]
                await loop.run_in_executor(None, self._write, self.late_sink, batch)
            self._late_idle.set()

    def _write(self, sink, batch):
        """Hand a batch to a sink; a fact it still refuses alone is logged
        and counted in ``failed_facts``. Returns how many were refused."""
        if self.fenced:
            return len(batch)
        try:
            start = time.time()
            sink(batch)
            _logger.debug("stored %d facts in %.0f ms (oldest waited %.0f ms)%s", len(batch),
                          (time.time() - start) * 1000,
                          (start - min(fact.at or start for fact in batch)) * 1000,
                          " (late)" if sink is self.late_sink else "")
            return 0
        except Fenced as error:
            return self._fenced(error, batch)
        except Exception:
            _logger.exception("storing %d call facts failed; retrying one by one",
                              len(batch))
        failed = 0
        for fact in batch:
            try:
                sink([fact])
            except Fenced as error:
                return self._fenced(error, batch)
            except Exception:
                failed += 1
                _logger.exception("call fact not stored: %r", fact)
        self.failed_facts += failed
        return failed

    def _fenced(self, error, batch):
        """A sink refused the batch: this process lost the PBX (in a worker
        thread: the event loop stops the listener, see the service)."""
        if not self.fenced:
            _logger.warning("no longer the listener of AMI %s:%s (%s): %d facts dropped",
                            self.client.host, self.client.port, error, len(batch))
        self.fenced = True
        self._pending.clear()
        self._late.clear()
        return len(batch)

    async def _report(self, state, message):
        if self.status is None or self.fenced:
            return
        try:
            await asyncio.get_event_loop().run_in_executor(None, self.status, state, message)
        except Exception:
            _logger.exception("listener status not recorded")
