"""The bus's poll in one SQL query.

Odoo's ``bus.bus.poll`` reads the new messages with ``search_read``, which
also reads and names every row's creator and writer. The one long-polling
process runs it for every waiting browser each time a message is sent, one
browser after another, so on a screen-pop burst the last agent's browser
waited for everybody else's ORM work (15–50 ms per wake-up measured). The
answer is the same: the messages on these channels after ``last`` (or of
the last TIMEOUT seconds on a first poll), in id order, plus the presence
of the partners the client asks about. Clients cannot call it remotely at
all (crm_security's RPC gate), and it answers the superuser only.

With a full floor, a burst of pops wakes 50 waiting browsers at once. Each
woken request then took a cursor and queried the bus on its own, and every
query let the long-polling process run other requests in between (the
browsers' next polls, ~20 ms of Python each): the 50th agent's pop waited
seconds (bench screen_pop, 300 agents connected). The dispatcher now reads
the new messages of all the woken channels in one query, as soon as the
NOTIFY arrives, and hands each waiting request its own: they all answer
before anything else runs (see ``FloorDispatch``).

That read still yielded to the process's other requests: with 150
browsers on a process, each answer is followed by the browser's next
poll, and the read of a burst's pops waited behind dozens of them (up to a
second, measured). The suite's bulk send (crm_callcenter
``bus.bus._cc_sendmany``: the listener's pops and agent states, the
dashboards) puts the rows it wrote in the NOTIFY itself, and the requests
it wakes are answered from them without a query; other senders' messages
(Odoo's ``sendmany``) are read as before."""
import datetime
import json
import logging

import odoo
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.tools.misc import DEFAULT_SERVER_DATETIME_FORMAT

from odoo.addons.bus.models import bus as odoo_bus
from odoo.addons.bus.models.bus import TIMEOUT, json_dump
from odoo.addons.crm_callcenter.models.bus_bus import ROWS_PREFIX

_logger = logging.getLogger(__name__)


def fetch_messages(cr, channels, after, bound):
    """The bus rows on ``channels`` (JSON strings) after ``bound``
    (``after``: "id > %s" or "create_date > %s"), in id order."""
    cr.execute("SELECT id, channel, message FROM bus_bus WHERE %s AND channel IN %%s "
               "ORDER BY id" % after, (bound, tuple(channels)))
    return cr.fetchall()


def share(rows, waits):
    """Each waiting request's rows among ``rows`` (read once for all of
    them): ``waits`` lists (channels as JSON strings, last id seen)."""
    return [[row for row in rows if row[0] > last and row[1] in channels]
            for channels, last in waits]


def as_notifications(rows):
    return [{"id": row_id, "channel": json.loads(channel), "message": json.loads(message)}
            for row_id, channel, message in rows]


def presence_rows(cr, options):
    """What Odoo appends to a poll's messages for the partners of the
    ``bus_presence_partner_ids`` option: their presence."""
    if not options.get("bus_presence_partner_ids"):
        return []
    return api.Environment(cr, SUPERUSER_ID, {})["bus.bus"].poll(
        [], 1, options, force_status=True)


class BusBus(models.Model):
    _inherit = "bus.bus"

    @api.model
    def poll(self, channels, last=0, options=None, force_status=False):
        """Only the long-polling dispatcher (superuser) reads channels; it
        serves each browser the channels its session may listen to."""
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(_("Only the long-polling service reads the bus."))
        options = options or {}
        if last == 0:
            since = datetime.datetime.utcnow() - datetime.timedelta(seconds=TIMEOUT)
            after = "create_date > %s"
            bound = since.strftime(DEFAULT_SERVER_DATETIME_FORMAT)
        else:
            after, bound = "id > %s", last
        result = []
        if channels:
            result = as_notifications(fetch_messages(
                self.env.cr, [json_dump(c) for c in channels], after, bound))
        if (result or force_status) and options.get("bus_presence_partner_ids"):
            # Odoo's own answer for no channel is just the presence rows
            result += super().poll([], last, options, force_status=True)
        return result


class FloorDispatch(odoo_bus.ImDispatch):
    """Odoo's dispatcher (one per long-polling process), except that a
    NOTIFY's messages are read once for every request it wakes, and a
    request's wait is unregistered from all its channels when it ends
    (Odoo 11 left it in the lists of the channels that did not wake it)."""

    def poll(self, dbname, channels, last, options=None, timeout=TIMEOUT):
        options = options or {}
        if options.get("peek"):
            return super().poll(dbname, channels, last, options, timeout)
        registry = odoo.registry(dbname)
        if not last:
            with registry.cursor() as cr:
                notifications = api.Environment(cr, SUPERUSER_ID, {})["bus.bus"].poll(
                    channels, last, options)
                if notifications:
                    return notifications
                # nothing of the last minute: what comes next is above the
                # newest message (as a client's ``last`` after its first
                # answer; same snapshot as the read above)
                cr.execute("SELECT COALESCE(max(id), 0) FROM bus_bus")
                last = cr.fetchone()[0]
        if not self.started:
            self.start()
        # The request waits from here on, before it reads: a message
        # committed while it reads wakes it. Odoo registers after reading,
        # and a NOTIFY handled in between (the read yields to the
        # dispatcher) left the request waiting TIMEOUT seconds for it.
        event = self.Event()
        mine = frozenset(json_dump(c) for c in channels)
        self.cc_waits[event] = (dbname, mine, last)
        keys = [odoo_bus.hashable(channel) for channel in channels]
        for key in keys:
            self.channels.setdefault(key, []).append(event)
        try:
            rows, presence = [], []
            if channels or options.get("bus_presence_partner_ids"):
                with registry.cursor() as cr:
                    if channels:
                        rows = fetch_messages(cr, mine, "id > %s", last)
                    # the presences of the partners the page shows (web
                    # client's option), as Odoo adds them to messages: read
                    # now, so that a wake-up needs no cursor (see _wake)
                    presence = presence_rows(cr, options)
                if rows:
                    return as_notifications(rows) + presence
            event.wait(timeout=timeout)
            rows = self.cc_rows.pop(event, None)
            if rows is not None:
                return as_notifications(rows) + (presence if rows else [])
            with registry.cursor() as cr:
                return api.Environment(cr, SUPERUSER_ID, {})["bus.bus"].poll(
                    channels, last, options, force_status=True)
        except Exception:  # as Odoo: a poll that fails answers nothing
            _logger.debug("long-polling request failed", exc_info=True)
            return []
        finally:
            self.cc_waits.pop(event, None)
            self.cc_rows.pop(event, None)
            for key in keys:
                waiting = self.channels.get(key)
                if waiting and event in waiting:
                    waiting.remove(event)
                    if not waiting:
                        del self.channels[key]

    def _wake(self, events, hits=None, carried=None):
        """Answer the woken requests, then wake them all. ``hits``: {event:
        the notified channels it waits on}; ``carried``: {channel: rows} of
        the channels whose new rows came with the NOTIFY (notify_payloads).
        A request all of whose notified channels are carried is answered
        from them; the others' rows are read, one query per database. The
        read yields to the process's other requests (each browser's next
        poll): with a full floor that held a burst's pops up to a second."""
        hits, carried = hits or {}, carried or {}
        by_db = {}
        for event in events:
            wait = self.cc_waits.get(event)
            if not wait:
                continue
            notified = hits.get(event)
            if notified and all(channel in carried for channel in notified):
                self.cc_rows[event] = sorted(
                    tuple(row) for channel in wait[1] for row in carried.get(channel, ())
                    if row[0] > wait[2])
            else:
                by_db.setdefault(wait[0], []).append((event, wait))
        for dbname, waiting in by_db.items():
            try:
                channels = set().union(*(wait[1] for _event, wait in waiting))
                since = min(wait[2] for _event, wait in waiting)
                with odoo.registry(dbname).cursor() as cr:
                    rows = fetch_messages(cr, channels, "id > %s", since)
            except Exception:
                _logger.exception("reading the bus for %d requests failed", len(waiting))
                continue  # they read it themselves
            for (event, _wait), mine in zip(waiting, share(rows, [
                    wait[1:] for _event, wait in waiting])):
                self.cc_rows[event] = mine
        for event in events:
            event.set()

    def _notified(self, payloads):
        """Wake the requests waiting on the channels of these ``NOTIFY
        imbus`` payloads, with the rows they carry."""
        hits, carried, uncarried = {}, {}, set()
        for payload in payloads:
            items = json.loads(payload)
            rows = [item for item in items
                    if isinstance(item, str) and item.startswith(ROWS_PREFIX)]
            channels = [item for item in items if item not in rows]
            for channel in channels:
                # every row of these channels came with it, or none did
                if rows:
                    carried.setdefault(json_dump(channel), [])
                else:
                    uncarried.add(json_dump(channel))
            for item in rows:
                for row in json.loads(item[len(ROWS_PREFIX):]):
                    carried.setdefault(row[1], []).append(row)
            for channel in channels:
                for event in self.channels.pop(odoo_bus.hashable(channel), []):
                    hits.setdefault(event, set()).add(json_dump(channel))
        for channel in uncarried:  # another transaction's rows are not here
            carried.pop(channel, None)
        if hits:
            self._wake(set(hits), hits, carried)

    def loop(self):
        """Odoo's loop, waking through ``_notified``."""
        _logger.info("Bus.loop listen imbus on db postgres (rows carried by the NOTIFY)")
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            conn = cr._cnx
            cr.execute("listen imbus")
            # LISTEN takes effect at commit (as in Odoo's loop; no data written)
            cr.commit()  # pylint: disable=invalid-commit
            while True:
                if odoo_bus.select.select([conn], [], [], TIMEOUT) == ([], [], []):
                    continue
                conn.poll()
                payloads = []
                while conn.notifies:
                    payloads.append(conn.notifies.pop(0).payload)
                self._notified(payloads)


def _install_floor_dispatch():
    """Make the long-polling process's dispatcher a FloorDispatch (before it
    starts; the controller holds the same object)."""
    dispatch = odoo_bus.dispatch
    if dispatch is not None and type(dispatch) is odoo_bus.ImDispatch and not dispatch.started:
        dispatch.cc_waits, dispatch.cc_rows = {}, {}  # per waiting request's event
        dispatch.__class__ = FloorDispatch


_install_floor_dispatch()
