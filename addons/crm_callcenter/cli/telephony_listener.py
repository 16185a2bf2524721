"""``odoo-bin telephony -d DB``: the AMI listener of one database.

One long-running process per database, started beside the server (``make
run`` does). It holds one AMI connection per active phone system
(``crm.pbx``), writes call records, agent states and screen pops through
``crm.call._cc_apply_facts``, and picks up phone-system changes (added,
edited, archived) every ``--reload`` seconds.
"""
import argparse
import asyncio
import logging
import signal

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.cli import Command

from ..telephony.listener import PbxListener

_logger = logging.getLogger(__name__)


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


class ListenerService:
    def __init__(self, dbname, reload_every):
        self.dbname = dbname
        self.reload_every = reload_every
        self.registry = odoo.registry(dbname)
        self.listeners = {}  # pbx id -> (settings, PbxListener, task)
        self._stopping = asyncio.Event()

    def stop(self):
        self._stopping.set()

    def _env_call(self, function):
        with api.Environment.manage(), self.registry.cursor() as cr:
            return function(api.Environment(cr, SUPERUSER_ID, {"cc_listener": True}))

    def _settings(self):
        def read(env):
            self.registry = self.registry.check_signaling()
            return {pbx.id: (pbx.host, pbx.port, pbx.username, pbx.secret or "")
                    for pbx in env["crm.pbx"].search([])}
        return self._env_call(read)

    def _sink(self, pbx_id, parts="calls"):
        """The function that stores a batch of facts: ``parts`` "calls"
        (call records and pops: the listener's first lane) or "agents"
        (agent states and the monitor: its late lane)."""
        def apply(env, facts):
            # No wait for the WAL flush at commit: the pop reaches the bus
            # sooner and a batch costs less; what a server crash could lose
            # of the last fraction of a second comes back from the CDRs.
            env.cr.execute("SET LOCAL synchronous_commit TO OFF")
            return env["crm.call"]._cc_apply_facts(env["crm.pbx"].browse(pbx_id), facts, parts)

        def sink(facts):
            self._env_call(lambda env: apply(env, facts))
        return sink

    def _status(self, pbx_id):
        def status(state, message):
            self._env_call(lambda env: env["crm.pbx"].browse(pbx_id).write({
                "listener_state": state, "listener_message": (message or "")[:200],
                "listener_date": fields.Datetime.now()}))
            if state == "connected":  # resync: the calls whose end was missed while away
                self._end_stale_calls([pbx_id])
        return status

    def _end_stale_calls(self, pbx_ids=None):
        """End the live calls of these phone systems (default: those
        listened to) that nobody heard of for too long; after each login
        and every ``--reload`` seconds."""
        def end(env):
            for pbx in env["crm.pbx"].browse(pbx_ids or list(self.listeners)).exists():
                env["crm.call"]._cc_end_stale_calls(pbx)
        try:
            self._env_call(end)
        except Exception:  # never stops the listener
            _logger.exception("ending stale calls failed")

    async def run(self):
        loop = asyncio.get_event_loop()
        _logger.info("telephony listener for database %s", self.dbname)
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
        for pbx_id in list(self.listeners):
            await self._stop_one(pbx_id)

    async def _apply(self, wanted):
        for pbx_id in list(self.listeners):
            if wanted.get(pbx_id) != self.listeners[pbx_id][0]:
                await self._stop_one(pbx_id)
        for pbx_id, settings in wanted.items():
            if pbx_id in self.listeners:
                continue
            host, port, username, secret = settings
            listener = PbxListener(host, port, username, secret, self._sink(pbx_id),
                                   late_sink=self._sink(pbx_id, "agents"),
                                   status=self._status(pbx_id))
            task = asyncio.ensure_future(listener.run())
            self.listeners[pbx_id] = (settings, listener, task)
            _logger.info("listening to phone system %s at %s:%s", pbx_id, host, port)

    async def _stop_one(self, pbx_id):
        _settings, listener, task = self.listeners.pop(pbx_id)
        await listener.close()
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception) as error:
            _logger.debug("listener %s ended: %r", pbx_id, error)
        _logger.info("stopped listening to phone system %s", pbx_id)
