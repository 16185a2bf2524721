"""bus.bus in bulk (bus_bus.py): the same rows and notifications as Odoo's
sendmany and gc, in one statement each."""
import json
from unittest import mock

from odoo.tests.common import TransactionCase

from odoo.addons.bus.models.bus import TIMEOUT, json_dump
from odoo.addons.crm_callcenter.models import bus_bus
from odoo.addons.crm_callcenter.models.bus_bus import ROWS_PREFIX, notify_payloads


class TestBusBulk(TransactionCase):

    def setUp(self):
        super().setUp()
        self.Bus = self.env["bus.bus"]
        self.Bus.search([]).unlink()
        db = self.env.cr.dbname
        self.notifications = [
            ((db, "res.partner", self.env.user.partner_id.id),
             {"type": "crm_callcenter.dashboard", "name": "张三丰"}),
            ((db, "res.partner", self.env.ref("base.partner_demo").id), "plain text"),
            ((db, "crm.call.monitor"), {"changed": True}),
        ]

    def rows(self):
        return [(json.loads(line.channel), json.loads(line.message), line.create_uid.id)
                for line in self.Bus.search([], order="id")]

    def test_sendmany_in_one_insert_writes_what_sendmany_writes(self):
        self.Bus.sendmany(self.notifications)
        odoo = self.rows()
        self.Bus.search([]).unlink()
        self.Bus._cc_sendmany(self.notifications)
        self.assertEqual(self.rows(), odoo)
        self.assertEqual(len(odoo), 3)
        self.Bus._cc_sendmany([])
        self.assertEqual(len(self.rows()), 3, "nothing to send, nothing written")

    def test_gc_deletes_what_the_bus_no_longer_serves(self):
        self.Bus._cc_sendmany(self.notifications)
        old, recent = self.Bus.search([], order="id", limit=2)
        self.env.cr.execute(
            "UPDATE bus_bus SET create_date = (now() at time zone 'UTC') - %s * interval "
            "'1 second' WHERE id = %s", (TIMEOUT * 2 + 60, old.id))
        self.Bus._cc_gc(chance=0)
        self.assertTrue(old.exists(), "most sends leave the old messages alone")
        self.Bus._cc_gc(chance=1)
        self.Bus.invalidate_cache()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())

    def test_notify_payloads_fit_postgresql(self):
        """A full floor's channels (300 agents' states after a resync) are
        sent in several NOTIFY payloads, each one PostgreSQL accepts, each
        a JSON list the bus's dispatcher reads, every channel once."""
        db = self.env.cr.dbname
        channels = [(db, "res.partner", 1000000 + index) for index in range(300)]
        payloads = notify_payloads(channels)
        self.assertGreater(len(payloads), 1, "300 channels do not fit one payload")
        for payload in payloads:
            self.assertLess(len(payload.encode("utf-8")), 8000)
            with self.env.cr.savepoint():
                self.env.cr.execute("NOTIFY crm_callcenter_test_limit, %s", (payload,))
        read = [tuple(channel) for payload in payloads for channel in json.loads(payload)]
        self.assertEqual(read, channels)
        self.assertEqual(notify_payloads(channels[:2]), [json_dump(channels[:2])],
                         "a few channels are one payload, as the bus sends them")

    def test_notify_payloads_carry_the_rows(self):
        """With the rows written, each payload also carries every row of its
        channels (one string item Odoo's dispatcher ignores), still under
        PostgreSQL's limit; a channel whose rows cannot fit goes in a
        payload without rows."""
        db = self.env.cr.dbname
        channels = [(db, "res.partner", 1000000 + index) for index in range(300)]
        rows = [(index + 1, json_dump(channel), json_dump(
            {"type": "crm_callcenter.pop", "partner_name": "张三丰", "number": str(index)}))
            for index, channel in enumerate(channels)]
        huge = (1000, json_dump(channels[7]), json_dump("长" * 5000))
        payloads = notify_payloads(channels, rows=rows + [huge])
        read, carried, covered = [], [], set()
        for payload in payloads:
            self.assertLess(len(payload.encode("utf-8")), 8000)
            with self.env.cr.savepoint():
                self.env.cr.execute("NOTIFY crm_callcenter_test_limit, %s", (payload,))
            items = json.loads(payload)
            extra = [item for item in items if isinstance(item, str)]
            mine = [tuple(item) for item in items if not isinstance(item, str)]
            read += mine
            self.assertLessEqual(len(extra), 1)
            for item in extra:
                self.assertTrue(item.startswith(ROWS_PREFIX))
                carried += [tuple(row) for row in json.loads(item[len(ROWS_PREFIX):])]
                covered.update(mine)
        self.assertEqual(read, channels, "every channel once, in order")
        self.assertEqual(covered, set(channels) - {channels[7]})
        self.assertEqual(sorted(carried), [row for row in rows if row[1] != huge[1]])

    def test_bulk_send_notifies_its_rows(self):
        """_cc_sendmany hands the rows it wrote (ids included) to the NOTIFY."""
        with mock.patch.object(bus_bus, "notify_payloads",
                               wraps=bus_bus.notify_payloads) as payloads:
            self.Bus._cc_sendmany(self.notifications)
        stored = [(line.id, line.channel, line.message)
                  for line in self.Bus.search([], order="id")]
        self.assertEqual(len(stored), 3)
        self.assertEqual(payloads.call_args[1]["rows"], stored)
