"""The HTTP workers give the CPU to the pops first.

A pop goes from the listener through PostgreSQL to a long-polling process
and the browser: little CPU, but every step waits for a core. The HTTP
workers do the floor's heavy work (each popped agent's form reads its call,
the lists, the dashboards). With a burst of 50 pops on a busy machine the
workers took the cores, and the long-polling processes queued the agents'
polls behind them for up to 1.5 s (bench screen_pop: p95 1,526 ms; with the
workers at niceness 10, 340 ms; docs/PERFORMANCE.md). Odoo already runs its
cron workers at niceness 10; the HTTP workers now too, so the long-polling
processes, the listener (``odoo-bin telephony``) and PostgreSQL run first
when they have work. A worker lowers only its own priority (no privilege
needed). ``callcenter_http_worker_nice`` in the configuration file sets the
niceness (0: unchanged)."""
import logging
import os

from odoo.service import server
from odoo.tools import config

_logger = logging.getLogger(__name__)

DEFAULT_NICE = 10


def wanted_niceness():
    try:
        return max(0, min(19, int(config.get("callcenter_http_worker_nice", DEFAULT_NICE))))
    except (TypeError, ValueError):
        _logger.warning("callcenter_http_worker_nice must be a number from 0 to 19")
        return DEFAULT_NICE


def lower_priority(wanted):
    """Make this process at least ``wanted`` nice (never nicer back)."""
    current = os.nice(0)
    if wanted > current:
        os.nice(wanted - current)


def _start(self):
    lower_priority(wanted_niceness())
    return _start.odoo_start(self)


def install():
    """Wrap the HTTP workers' start; a worker that loads this add-on after
    its start (no database preloaded by the master) lowers its own now."""
    worker_http = server.WorkerHTTP
    if worker_http.start is not _start:
        _start.odoo_start = worker_http.start
        worker_http.start = _start
    running = server.server
    if isinstance(running, server.PreforkServer) and os.getpid() != running.pid:
        lower_priority(wanted_niceness())  # a worker (cron workers are at 10 already)


install()
