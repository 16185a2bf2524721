"""Bus messages in bulk: ``bus.bus.sendmany`` creates one ORM record per
message (and may garbage-collect in between), which a screen pop, a
floor's agent states or a dashboard refresh for 270 users cannot afford.
These helpers write the same rows in one INSERT and send the same
``NOTIFY imbus`` after the commit; the AMI listener (a long-running
process, ``cc_listener`` in its context) notifies over one kept
connection."""
import collections
import json
import os
import random
import threading

import psycopg2
from psycopg2 import sql
from psycopg2.extras import execute_values

from odoo import api, models, sql_db

from odoo.addons.bus.models.bus import TIMEOUT, json_dump

#: PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more
NOTIFY_PAYLOAD_LIMIT = 7999
#: the NOTIFY item that carries a transaction's bus rows (notify_payloads)
ROWS_PREFIX = "cc_rows:"
#: one bulk send in a hundred also deletes the old messages (as sendmany)
GC_CHANCE = 0.01


def notify_payloads(channels, limit=NOTIFY_PAYLOAD_LIMIT, rows=()):
    """``NOTIFY imbus`` payloads (JSON lists of channels, as the bus's
    dispatcher reads them) for ``channels``, each under ``limit`` bytes. One
    list for 300 agents' partner channels (a listener resynchronising a
    full floor's agent states) is about 10 kB: PostgreSQL refused it and the
    whole batch was stored again one fact at a time.

    ``rows``: the bus rows the transaction wrote, ``(id, channel, message)``
    as stored (JSON strings). A payload then also carries every row of its
    channels, as one string item ``ROWS_PREFIX + JSON`` (Odoo's dispatcher
    takes it for a channel nobody listens to), so the long-polling process
    answers the browsers it wakes without reading the bus; a channel whose
    rows do not fit goes in a payload without rows (it is read as before)."""
    carried = collections.OrderedDict()
    for row in rows:
        text = json.dumps(list(row), separators=(",", ":"))
        # its size inside the rows item, a JSON string: escaped, and a comma
        carried.setdefault(row[1], []).append((text, len(json.dumps(text)) - 1))
    # the rows item: a comma, quotes, the escaped prefix and brackets
    frame = 1 + len(json.dumps(ROWS_PREFIX)) + 2 - 1

    def rows_size(texts):
        return frame + sum(size for _text, size in texts) if texts else 0

    payloads, chunk, chunk_rows, with_rows, size = [], [], [], True, 2

    def flush():
        items = list(chunk)
        if with_rows and chunk_rows:
            items.append(json.dumps(
                ROWS_PREFIX + "[%s]" % ",".join(text for text, _size in chunk_rows)))
        payloads.append("[%s]" % ",".join(items))

    for channel in channels:
        item = json_dump(channel)
        mine = carried.get(item, [])
        grown = size + len(item.encode("utf-8")) + (1 if chunk else 0)
        alone = 2 + len(item.encode("utf-8"))
        if chunk and with_rows and grown + rows_size(chunk_rows + mine) <= limit:
            chunk.append(item)
            chunk_rows += mine
            size = grown
            continue
        if chunk and not with_rows and grown <= limit and alone + rows_size(mine) > limit:
            chunk.append(item)  # another channel whose rows do not fit
            size = grown
            continue
        if chunk:
            flush()
        size = alone
        with_rows = size + rows_size(mine) <= limit
        chunk, chunk_rows = [item], (list(mine) if with_rows else [])
    if chunk:
        flush()
    return payloads


class _BusNotifier:
    """``NOTIFY imbus`` over one kept connection to the ``postgres``
    database. Odoo's pool never keeps connections to that database, so
    ``bus.bus`` opens one (a new server process) per message; the listener
    notifies after every batch, and that setup sat on every pop's path."""

    _query = sql.SQL("NOTIFY imbus, {}").format(sql.Placeholder())

    def __init__(self):
        self._lock = threading.Lock()
        self._cnx = None
        self._pid = None

    def notify(self, payloads):
        """Send the payloads in one transaction (delivered together)."""
        query = sql.SQL("; ").join([self._query] * len(payloads))
        with self._lock:
            for attempt in (1, 2):
                try:
                    if self._cnx is None or self._cnx.closed or self._pid != os.getpid():
                        _name, info = sql_db.connection_info_for("postgres")
                        self._cnx = psycopg2.connect(**info)
                        self._cnx.autocommit = True
                        self._pid = os.getpid()
                    with self._cnx.cursor() as cr:
                        cr.execute(query, payloads)
                    return
                except (psycopg2.OperationalError, psycopg2.InterfaceError):
                    self._cnx = None  # the server restarted: connect again, once
                    if attempt == 2:
                        raise


BUS_NOTIFIER = _BusNotifier()


class BusBus(models.Model):
    _inherit = "bus.bus"

    @api.model
    def _cc_sendmany(self, notifications):
        """``sendmany`` of [(channel, message)] in one INSERT (the same rows,
        the same NOTIFY after the commit)."""
        if not notifications:
            return
        rows = [(json_dump(channel), json_dump(message)) for channel, message in notifications]
        stored = execute_values(self.env.cr._obj, sql.SQL("""
            INSERT INTO bus_bus (channel, message, create_date, create_uid, write_date,
                                 write_uid)
            SELECT v.channel, v.message, now() at time zone 'UTC', {uid},
                   now() at time zone 'UTC', {uid}
              FROM (VALUES %s) AS v (channel, message)
            RETURNING id, channel, message""").format(
            uid=sql.Literal(self.env.uid)).as_string(self.env.cr._obj), rows, fetch=True)
        payloads = notify_payloads({json_dump(channel): channel
                                    for channel, _message in notifications}.values(),
                                   rows=sorted(stored))

        def notify():
            if self.env.context.get("cc_listener"):  # a long-running process
                BUS_NOTIFIER.notify(payloads)
            else:
                with sql_db.db_connect("postgres").cursor() as cr:
                    query = _BusNotifier._query.as_string(cr._obj)
                    for payload in payloads:
                        cr.execute(query, (payload,))
        self.env.cr.after("commit", notify)

    @api.model
    def _cc_gc(self, chance=GC_CHANCE):
        """``gc`` in one statement, now and then (``chance``): the ORM's
        unlink of the messages of the last minutes took a second at busy
        times, and it ran in the transaction of a screen pop."""
        if random.random() < chance:
            cr = self.env.cr
            cr.execute(sql.SQL(
                "DELETE FROM bus_bus WHERE create_date < (now() at time zone 'UTC') - "
                "{} * interval '1 second'").format(sql.Placeholder()).as_string(cr._obj),
                       (TIMEOUT * 2,))
