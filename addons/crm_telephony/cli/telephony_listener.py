"""``odoo-bin telephony -d DB``: the AMI listener of one database.

A long-running process started beside the server (``make run`` does),
on one node or on every node (issue 18): for each active phone system
(``crm.pbx``) the process holding its lease (:mod:`..telephony.lease`)
listens over AMI and writes call records, agent states and screen pops
through ``crm.call.store._store_facts``; the others stand by and try to take
the lease every second. Phone-system changes (added, edited, archived) are
picked up every ``--reload`` seconds.
"""
import argparse
import asyncio
import logging
import signal
import weakref

import odoo
from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.cli import Command

from ..telephony import lease as leases
from ..telephony.listener import PbxListener

_logger = logging.getLogger(__name__)

#: seconds between two checks of the lease (active) or two tries (standby)
LEASE_EVERY = 1.0


class Telephony(Command):
    """Run the AMI listener of a database (call records, screen pops)."""

    def run(self, cmdargs):
        parser = argparse.ArgumentParser(
            prog="odoo-bin telephony",
            description="Listen to the database's phone systems over AMI.")
        parser.add_argument("--reload", type=float, default=30.0,
                            help="seconds between checks of the phone-system settings")
        opts, rest = parser.parse_known_args(cmdargs)
        odoo.tools.config.parse_config(rest)
        dbname = odoo.tools.config["db_name"]
        if not dbname or "," in dbname:
            parser.error("give one database with -d")
        service = ListenerService(dbname, opts.reload)
        loop = asyncio.get_event_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, service.stop)
        loop.run_until_complete(service.run())


class PbxSlot:
    """One phone system in this process: standby until it holds the lease,
    then its :class:`PbxListener` runs; fenced back to standby when the
    lease is lost."""

    def __init__(self, service, pbx_id, settings):
        self.service, self.pbx_id, self.settings = service, pbx_id, settings
        self.lease = leases.PbxLease(service.connect_kwargs, pbx_id)
        self.epoch = None
        self.listener = None
        self._task = None
        self._stop = asyncio.Event()

    def take(self):
        """Blocking: take the lease and claim the phone system (a new
        epoch, this node); True when this process is now its listener."""
        if not self.lease.acquire():
            return False
        try:
            self.epoch = self.service._env_call(lambda env: leases.claim(
                env.cr, self.pbx_id, self.lease.pid, self.service.node))
        except Exception as error:  # the lease was lost meanwhile: standby again
            _logger.warning("phone system %s not claimed: %s", self.pbx_id, error)
            self.lease.release()
            return False
        return True

    async def run(self):
        loop = asyncio.get_event_loop()
        standby_logged = False
        while not self._stop.is_set():
            if self.listener is None:
                if await loop.run_in_executor(None, self.take):
                    _logger.info("phone system %s: this node (%s) is its listener, epoch %s",
                                 self.pbx_id, self.service.node, self.epoch)
                    standby_logged = False
                    self._start()
                elif not standby_logged:
                    _logger.info("phone system %s: standby (another node listens)",
                                 self.pbx_id)
                    standby_logged = True
            else:
                held = await loop.run_in_executor(None, self.lease.check)
                if not held or self.listener.fenced:
                    await self._fence()
                    continue
            await self._pause(LEASE_EVERY)
        if self.listener is not None:
            await self._close()

    async def _pause(self, seconds):
        """Wait ``seconds``, or less when the slot is stopped."""
        try:
            await asyncio.wait_for(self._stop.wait(), seconds)
        except asyncio.TimeoutError:
            return False
        return True

    def _start(self):
        host, port, username, secret = self.settings
        service, pbx_id = self.service, self.pbx_id
        self.listener = PbxListener(
            host, port, username, secret, service._sink(pbx_id, slot=self),
            late_sink=service._sink(pbx_id, "agents", slot=self),
            status=service._status(pbx_id, self),
            known_calls=lambda: service._env_call(
                lambda env: env["crm.call.store"]._open_calls(env["crm.pbx"].browse(pbx_id))))
        self._task = asyncio.ensure_future(self.listener.run())
        _logger.info("listening to phone system %s at %s:%s", pbx_id, host, port)

    async def _fence(self):
        """The lease is lost: stop listening and writing at once."""
        _logger.warning("phone system %s: lease lost; this node stops listening to it "
                        "and stands by", self.pbx_id)
        await self.listener.fence()
        await self._end_task()
        await asyncio.get_event_loop().run_in_executor(None, self.lease.release)

    async def _close(self):
        await self.listener.close()
        await self._end_task()
        await asyncio.get_event_loop().run_in_executor(None, self.lease.release)

    async def _end_task(self):
        self._task.cancel()
        try:
            await self._task
        except (asyncio.CancelledError, Exception) as error:
            _logger.debug("listener %s ended: %r", self.pbx_id, error)
        self.listener = self._task = None

    async def stop(self):
        self._stop.set()


class ListenerService:
    def __init__(self, dbname, reload_every, node=None):
        self.dbname = dbname
        self.reload_every = reload_every
        self.registry = odoo.registry(dbname)
        self.node = node or leases.node_name()
        self.connect_kwargs = sql_db.connection_info_for(dbname)[1]
        self.slots = {}  # pbx id -> (PbxSlot, task)
        self._stopping = asyncio.Event()
        self._kept_alive = weakref.WeakSet()  # connections with the keepalive settings

    @property
    def listeners(self):
        """{pbx id: PbxListener} of the phone systems this process listens to."""
        return {pbx_id: slot.listener for pbx_id, (slot, _task) in self.slots.items()
                if slot.listener is not None}

    def stop(self):
        self._stopping.set()

    def _env_call(self, function):
        with api.Environment.manage(), self.registry.cursor() as cr:
            cnx = cr._cnx
            tune = cnx not in self._kept_alive
            if tune:
                leases.keep_alive(cnx)
            result = function(api.Environment(cr, SUPERUSER_ID, {"cc_listener": True}))
        if tune:  # session settings stay with the pooled connection once committed
            self._kept_alive.add(cnx)
        return result

    def _settings(self):
        def read(env):
            self.registry = self.registry.check_signaling()
            return {pbx.id: (pbx.host, pbx.port, pbx.username, pbx.secret or "")
                    for pbx in env["crm.pbx"].search([])}
        return self._env_call(read)

    @staticmethod
    def _fence(env, pbx_id, slot):
        """Refuse to write unless ``slot`` still holds the phone system
        (its row stays share-locked until the commit: see telephony/lease)."""
        if slot is not None:
            leases.verify(env.cr, pbx_id, slot.lease, slot.epoch)

    def _sink(self, pbx_id, parts="calls", slot=None):
        """The function that stores a batch of facts: ``parts`` "calls"
        (call records and pops: the listener's first lane) or "agents"
        (agent states and the monitor: its late lane); fenced by ``slot``."""
        def apply(env, facts):
            self._fence(env, pbx_id, slot)
            # No wait for the WAL flush at commit: the pop reaches the bus
            # sooner and a batch costs less; what a server crash could lose
            # of the last fraction of a second comes back from the CDRs.
            env.cr.execute("SET LOCAL synchronous_commit TO OFF")
            pbx = env["crm.pbx"].browse(pbx_id)
            return env["crm.call.store"]._store_facts(pbx, facts, parts)

        def sink(facts):
            self._env_call(lambda env: apply(env, facts))
        return sink

    def _status(self, pbx_id, slot=None):
        def write(env, state, message):
            self._fence(env, pbx_id, slot)
            env["crm.pbx"].browse(pbx_id).write({
                "listener_state": state, "listener_message": (message or "")[:200],
                "listener_date": fields.Datetime.now()})

        def status(state, message):
            self._env_call(lambda env: write(env, state, message))
            if state == "connected":  # resync: the calls whose end was missed while away
                self._end_stale_calls([pbx_id])
        return status

    def _end_stale_calls(self, pbx_ids=None):
        """End the live calls of these phone systems (default: those
        listened to) that nobody heard of for too long; after each login
        and every ``--reload`` seconds."""
        pbx_ids = pbx_ids or list(self.listeners)
        if not pbx_ids:
            return

        def end(env):
            for pbx in env["crm.pbx"].browse(pbx_ids).exists():
                slot = self.slots.get(pbx.id, (None,))[0]
                if slot is None or slot.listener is None:
                    continue  # another node listens to it
                try:
                    self._fence(env, pbx.id, slot)
                except leases.Fenced:
                    continue
                env["crm.call"]._cc_end_stale_calls(pbx)
        try:
            self._env_call(end)
        except Exception:  # never stops the listener
            _logger.exception("ending stale calls failed")

    async def run(self):
        loop = asyncio.get_event_loop()
        _logger.info("telephony listener for database %s on node %s", self.dbname, self.node)
        while not self._stopping.is_set():
            try:
                wanted = await loop.run_in_executor(None, self._settings)
            except Exception:
                _logger.exception("cannot read the phone systems; retrying")
                wanted = None
            if wanted is not None:
                await self._apply(wanted)
                await loop.run_in_executor(None, self._end_stale_calls)
            try:
                await asyncio.wait_for(self._stopping.wait(), self.reload_every)
            except asyncio.TimeoutError:
                _logger.debug("re-reading the phone systems")
        for pbx_id in list(self.slots):
            await self._stop_one(pbx_id)

    async def _apply(self, wanted):
        for pbx_id in list(self.slots):
            if wanted.get(pbx_id) != self.slots[pbx_id][0].settings:
                await self._stop_one(pbx_id)
        for pbx_id, settings in wanted.items():
            if pbx_id not in self.slots:
                slot = PbxSlot(self, pbx_id, settings)
                self.slots[pbx_id] = (slot, asyncio.ensure_future(slot.run()))

    async def _stop_one(self, pbx_id):
        slot, task = self.slots.pop(pbx_id)
        await slot.stop()
        try:
            await task
        except Exception:
            _logger.exception("phone system %s: listener stopped with an error", pbx_id)
        _logger.info("stopped listening to phone system %s", pbx_id)
