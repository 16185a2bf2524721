"""Which listener process listens to a phone system (listener high
availability, issue 18): a PostgreSQL session-level advisory lock per PBX,
held on the listener's own connection. No Odoo import (psycopg2 only).

``odoo-bin telephony`` may run on every node. For each PBX the process
that holds ``pg_try_advisory_lock(LOCK_CLASS, pbx_id)`` is the active one;
the others try again every second (standby). Why an advisory lock on a
dedicated connection and nothing else:

* PostgreSQL is already the one thing every node shares; a lock dies with
  the session that holds it, so a ``kill -9`` frees it at once (the
  server sees the socket close) and a lost node or a network cut frees it
  when the server's TCP keepalives give up: ``SESSION_SETTINGS`` make that
  about 3 s (idle 1 s, then 2 probes 1 s apart; ``tcp_user_timeout`` 3 s
  for data left unacknowledged). The client side has the same keepalives
  (``CONNECT_OPTIONS``), so the active process notices a cut as soon as
  the server does.
* A lock alone cannot stop a process that was cut off and comes back
  with facts still in memory: the write path is fenced
  (:func:`verify`). Each claim of the PBX increments ``crm_pbx.
  listener_epoch`` (a fencing token); every transaction that stores facts
  first locks the PBX row ``FOR KEY SHARE`` and checks that the epoch is
  still its own and that its lease connection (the session holding the
  lock) is still alive: ``pg_stat_get_activity(pid)`` with the same
  ``backend_start``, 0.08 ms, where reading ``pg_locks`` cost 0.8 ms on a
  busy server (it copies the whole lock table). The lease connection only
  gives the lock up by closing, so "alive" means "holds the lock". The
  claim locks the row ``FOR UPDATE`` first, which waits for those
  key-share locks, so a batch of the old holder either committed
  before the new holder read the database or is refused afterwards: no
  stale fact is written twice, no fact of the new holder is overwritten.
  ``KEY SHARE`` rather than ``SHARE``: ordinary updates of the row (the
  listener's state, the CDR result, an Administrator's edit) do not
  conflict with it, so the two write lanes and the status never wait for
  each other or deadlock on the row.
"""
import logging
import os
import socket
import time

try:
    import psycopg2
except ImportError:  # the fake PBX's tests import the listener without it
    psycopg2 = None

_logger = logging.getLogger(__name__)

#: the advisory lock's first key ("CRMP"); the second is the phone system's id
LOCK_CLASS = 0x43524D50
#: libpq options of the lease connection: notice a dead server in ~3 s
CONNECT_OPTIONS = {"keepalives": 1, "keepalives_idle": 1, "keepalives_interval": 1,
                   "keepalives_count": 2, "tcp_user_timeout": 3000, "connect_timeout": 3,
                   "application_name": "crm telephony lease"}
#: server side of the same: free the lock ~3 s after the client is gone
KEEPALIVE_SETTINGS = ("SET tcp_keepalives_idle = 1", "SET tcp_keepalives_interval = 1",
                      "SET tcp_keepalives_count = 2", "SET tcp_user_timeout = 3000")
SESSION_SETTINGS = KEEPALIVE_SETTINGS + ("SET statement_timeout = 900",
                                         "SET idle_in_transaction_session_timeout = 0")
_HOLDER = """SELECT pid FROM pg_locks
              WHERE locktype = 'advisory' AND classid = %s AND objid = %s
                AND objsubid = 2 AND granted"""


class Fenced(Exception):
    """This process no longer holds the phone system: nothing may be written."""


def node_name():
    """``host:pid`` of this process, as the phone system's form shows it."""
    return "%s:%d" % (socket.gethostname(), os.getpid())


def holder_pid(cr, pbx_id):
    """Backend pid of the session holding the PBX's lock, or None."""
    cr.execute(_HOLDER, (LOCK_CLASS, pbx_id))
    row = cr.fetchone()
    return row[0] if row else None


def verify(cr, pbx_id, lease, epoch):
    """Fence a transaction that writes for the phone system ``pbx_id``:
    lock its row ``FOR KEY SHARE`` (until commit) and raise :class:`Fenced`
    unless its ``listener_epoch`` is ``epoch`` and ``lease``'s connection
    (which holds the advisory lock) is still alive."""
    # backend states are read once per transaction: read them afresh
    cr.execute("SELECT pg_stat_clear_snapshot()")
    cr.execute("""SELECT listener_epoch,
                         (SELECT backend_start FROM pg_stat_get_activity(%s))
                    FROM crm_pbx WHERE id = %s FOR KEY SHARE""", (lease.pid, pbx_id))
    row = cr.fetchone()
    if row is None or row[0] != epoch or lease.started is None or row[1] != lease.started:
        raise Fenced("phone system %s: epoch %s (ours %s), lease connection %s %s" % (
            pbx_id, row and row[0], epoch, lease.pid,
            "alive" if row and row[1] == lease.started else "gone"))


def claim(cr, pbx_id, pid, node):
    """Make the lease connection ``pid`` (which holds the lock) the PBX's
    listener: a new epoch, the node and since when. Waits for the key-share
    locks of the previous holder's last transactions. Returns the epoch;
    :class:`Fenced` if ``pid`` does not hold the lock (any more)."""
    if holder_pid(cr, pbx_id) != pid:
        raise Fenced("phone system %s: lock not held by %s" % (pbx_id, pid))
    # the old holder's last transaction may hang on a cut network until the
    # server's keepalives end it (the listener's connections set them too,
    # see keep_alive): give up now and then, the standby tries again
    cr.execute("SET LOCAL lock_timeout = '5s'")
    cr.execute("SELECT id FROM crm_pbx WHERE id = %s FOR UPDATE", (pbx_id,))
    cr.execute("""UPDATE crm_pbx SET listener_epoch = COALESCE(listener_epoch, 0) + 1,
                                     listener_node = %s,
                                     listener_node_since = now() at time zone 'UTC'
                   WHERE id = %s RETURNING listener_epoch""", (node, pbx_id))
    row = cr.fetchone()
    if row is None:
        raise Fenced("phone system %s is gone" % pbx_id)
    return row[0]


def keep_alive(cnx):
    """Make the server drop this connection (and its locks) ~3 s after
    its client is cut off: the listener's write connections hold the phone
    system's row in key-share mode during each batch, which a takeover
    waits for."""
    with cnx.cursor() as cr:
        for statement in KEEPALIVE_SETTINGS:
            if "tcp_user_timeout" in statement and cnx.server_version < 120000:
                continue
            cr.execute(statement)


class PbxLease:
    """The advisory lock of one phone system on a connection of its own.

    Blocking methods (run them in a worker thread): :meth:`acquire` tries
    once, :meth:`check` says whether the lock is still ours (False once the
    connection is lost: the caller must stop writing at once),
    :meth:`release` gives it up.
    """

    def __init__(self, connect_kwargs, pbx_id):
        self.connect_kwargs = dict(connect_kwargs)
        self.pbx_id = pbx_id
        self.pid = None
        #: the lease connection's backend_start: with ``pid``, its identity
        self.started = None
        self.held = False
        self.since = None
        self._cnx = None

    def _connect(self):
        options = dict(CONNECT_OPTIONS)
        options.update(self.connect_kwargs)
        try:
            cnx = psycopg2.connect(**options)
        except psycopg2.ProgrammingError:  # a libpq older than 12: no tcp_user_timeout
            del options["tcp_user_timeout"]
            cnx = psycopg2.connect(**options)
        cnx.autocommit = True
        with cnx.cursor() as cr:
            for statement in SESSION_SETTINGS:
                try:
                    cr.execute(statement)
                except psycopg2.Error as error:  # e.g. tcp_user_timeout before PostgreSQL 12
                    _logger.warning("lease connection: %s refused (%s)", statement,
                                    str(error).strip())
            cr.execute("SELECT pid, backend_start FROM pg_stat_get_activity(pg_backend_pid())")
            self.pid, self.started = cr.fetchone()
        self._cnx = cnx

    def acquire(self):
        """Try once to take the lock; True when this process holds it."""
        if self.held:
            return True
        try:
            if self._cnx is None or self._cnx.closed:
                self._connect()
            with self._cnx.cursor() as cr:
                cr.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASS, self.pbx_id))
                self.held = bool(cr.fetchone()[0])
        except psycopg2.Error as error:
            _logger.debug("lease of phone system %s not taken: %s", self.pbx_id, error)
            self._drop()
            return False
        if self.held:
            self.since = time.time()
        return self.held

    def check(self):
        """True while the lock is still held on a live connection."""
        if not self.held or self._cnx is None or self._cnx.closed:
            self.held = False
            return False
        try:
            with self._cnx.cursor() as cr:
                cr.execute(_HOLDER + " AND pid = pg_backend_pid()",
                           (LOCK_CLASS, self.pbx_id))
                self.held = cr.fetchone() is not None
        except psycopg2.Error as error:
            _logger.warning("lease of phone system %s lost: %s", self.pbx_id,
                            str(error).strip() or error.__class__.__name__)
            self._drop()
        return self.held

    def release(self):
        """Give the lock up (closing the connection frees it too)."""
        if self._cnx is not None and not self._cnx.closed and self.held:
            try:
                with self._cnx.cursor() as cr:
                    cr.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_CLASS, self.pbx_id))
            except psycopg2.Error as error:
                _logger.debug("lease of phone system %s: unlock failed: %s", self.pbx_id, error)
        self._drop()

    def _drop(self):
        self.held = False
        cnx, self._cnx = self._cnx, None
        if cnx is not None:
            try:
                cnx.close()
            except psycopg2.Error as error:
                _logger.debug("lease connection closed uncleanly: %s", error)
