import threading
from unittest import mock

from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from odoo.addons.bus.models import bus as bus_module
from odoo.addons.bus.models.bus import ImBus, json_dump
from odoo.addons.crm_callcenter.models.bus_bus import notify_payloads
from odoo.addons.crm_callcenter.tests.common import CallCenterCase
from odoo.addons.crm_telephony.models import bus_bus


class TestBusPoll(TransactionCase):
    """crm_callcenter reads the bus in SQL (screen-pop latency); the browser
    must get exactly what Odoo's own poll gives."""

    def setUp(self):
        super().setUp()
        self.Bus = self.env["bus.bus"]
        self.Bus.search([]).unlink()
        db = self.env.cr.dbname
        self.mine = (db, "res.partner", self.env.user.partner_id.id)
        self.other = (db, "res.partner", self.env.ref("base.partner_demo").id)
        self.Bus.sendmany([
            [self.mine, {"type": "crm_callcenter.pop", "number": "+8613800138000",
                         "partner_name": "张三丰"}],
            [self.other, {"type": "crm_callcenter.pop", "number": "+8613900139000"}],
            [self.mine, "plain text"],
            [(db, "crm.call.monitor"), {"changed": True}],
        ])

    def both(self, channels, last=0, options=None, force_status=False):
        ours = self.Bus.poll(channels, last, options, force_status)
        odoo = ImBus.poll(self.Bus, channels, last, options, force_status)
        self.assertEqual(ours, odoo)
        return ours

    def test_same_messages_as_odoo(self):
        first = self.both([self.mine])
        self.assertEqual([message["message"] for message in first],
                         [{"type": "crm_callcenter.pop", "number": "+8613800138000",
                           "partner_name": "张三丰"}, "plain text"])
        self.assertEqual(first[0]["channel"], list(self.mine))
        both = self.both([self.mine, self.other])
        self.assertEqual(len(both), 3)
        self.assertEqual([message["id"] for message in both],
                         sorted(message["id"] for message in both))
        after = self.both([self.mine, self.other], last=both[0]["id"])
        self.assertEqual([message["id"] for message in after],
                         [message["id"] for message in both[1:]])
        self.assertEqual(self.both([self.mine], last=both[-1]["id"]), [])
        self.assertEqual(self.both([]), [])

    def test_presence_as_odoo(self):
        options = {"bus_presence_partner_ids": [self.env.ref("base.partner_demo").id]}
        with_message = self.both([self.mine], options=options)
        self.assertEqual(with_message[-1]["channel"], (self.env.cr.dbname, "bus.presence"))
        last = with_message[-2]["id"]
        self.assertEqual(self.both([self.mine], last, options), [])
        self.assertEqual(len(self.both([self.mine], last, options, force_status=True)), 1)

    def test_one_read_shared_by_the_woken_requests(self):
        """The long-polling dispatcher reads a wake-up's messages once for
        every request it wakes; each request gets what its own poll would
        have read."""
        base = self.both([self.mine, self.other])
        first = base[0]["id"]
        waits = [([self.mine], 0), ([self.other], 0), ([self.mine, self.other], first),
                 ([self.mine], base[-1]["id"])]
        channels = {json_dump(channel) for channel in (self.mine, self.other)}
        rows = bus_bus.fetch_messages(self.env.cr, channels, "id > %s", 0)
        shared = bus_bus.share(rows, [({json_dump(c) for c in mine}, last)
                                      for mine, last in waits])
        self.assertEqual(len(shared), len(waits), "one answer per woken request")
        for (mine, last), got in zip(waits, shared):
            self.assertEqual(bus_bus.as_notifications(got), self.Bus.poll(mine, last),
                             "a woken request for %s after %s" % (mine, last))

    def test_a_message_committed_during_the_read_wakes_the_request(self):
        """A long poll waits on its channels before it reads the bus: a
        message committed while it reads (the read's snapshot is older)
        wakes it at once. Odoo registered the request after its read, so
        a NOTIFY handled in between left that pop waiting TIMEOUT seconds."""
        dispatch = bus_bus.FloorDispatch()
        dispatch.cc_waits, dispatch.cc_rows = {}, {}
        dispatch.started, dispatch.Event = True, threading.Event  # no loop
        channel = json_dump(self.mine)
        message = (10 ** 9, channel, json_dump({"type": "crm_callcenter.pop"}))
        reads, waking = [], []

        def fetch(cr, channels, after, bound):
            reads.append(bound)
            if waking:  # the dispatcher's read for the requests it wakes
                return [message]
            if len(reads) == 1:  # the request's read; meanwhile the NOTIFY:
                waking.append(True)
                dispatch._wake(set(dispatch.channels.pop(bus_module.hashable(self.mine), [])))
                waking.pop()
            return []

        with mock.patch.object(bus_bus, "fetch_messages", side_effect=fetch):
            got = dispatch.poll(self.env.cr.dbname, [self.mine], 10 ** 9 - 1, timeout=1)
        self.assertEqual(reads, [10 ** 9 - 1, 10 ** 9 - 1], "read by the request, then on wake")
        self.assertEqual(got, bus_bus.as_notifications([message]))
        self.assertFalse(dispatch.channels or dispatch.cc_waits, "nothing left waiting")

    def _poll_notified(self, payloads, options=None):
        """A request waiting on its partner channel after ``last``, woken by
        ``payloads`` (NOTIFY imbus) while it reads; the bus reads it made
        and its answer. The bus itself answers ``stored`` to any read."""
        dispatch = bus_bus.FloorDispatch()
        dispatch.cc_waits, dispatch.cc_rows = {}, {}
        dispatch.started, dispatch.Event = True, threading.Event  # no loop
        reads = []

        def fetch(cr, channels, after, bound):
            reads.append(bound)
            if len(reads) == 1:  # the request's own read; meanwhile the NOTIFY
                dispatch._notified(payloads)
                return []
            return [self.stored]

        with mock.patch.object(bus_bus, "fetch_messages", side_effect=fetch):
            got = dispatch.poll(self.env.cr.dbname, [self.mine], 10 ** 9 - 1, options,
                                timeout=1)
        self.assertFalse(dispatch.channels or dispatch.cc_waits, "nothing left waiting")
        return reads, got

    def test_rows_carried_by_the_notify_answer_without_a_read(self):
        """The suite's bulk send puts its rows in the NOTIFY: the request it
        wakes is answered from them, the bus is not read again (that read
        yielded to every other request of the process)."""
        channel = json_dump(self.mine)
        self.stored = (10 ** 9, channel, json_dump({"type": "crm_callcenter.pop"}))
        carried = (10 ** 9 + 1, channel, json_dump({"type": "crm_callcenter.agent_state"}))
        other = (10 ** 9 + 2, json_dump(self.other), json_dump("not mine"))
        payloads = notify_payloads([self.mine, self.other], rows=[carried, other])
        reads, got = self._poll_notified(payloads)
        self.assertEqual(reads, [10 ** 9 - 1], "only the request's own read")
        self.assertEqual(got, bus_bus.as_notifications([carried]), "its rows, not the others'")

    def test_presence_comes_with_the_carried_rows(self):
        """A page that follows partners' presence (the web client's option)
        is answered the same way, its rows with the presences, as Odoo
        adds them."""
        channel = json_dump(self.mine)
        self.stored = (10 ** 9, channel, json_dump({"type": "crm_callcenter.pop"}))
        carried = (10 ** 9 + 1, channel, json_dump({"type": "crm_callcenter.pop"}))
        options = {"bus_presence_partner_ids": [self.env.ref("base.partner_demo").id]}
        reads, got = self._poll_notified(notify_payloads([self.mine], rows=[carried]), options)
        self.assertEqual(reads, [10 ** 9 - 1])
        presence = self.Bus.poll([], 1, options, force_status=True)
        self.assertEqual(len(presence), 1)
        self.assertEqual(got, bus_bus.as_notifications([carried]) + presence)

    def test_rows_not_carried_are_read(self):
        """Odoo's own sends carry no rows, and a channel also notified by
        such a send may have rows the NOTIFY does not hold: both are read."""
        channel = json_dump(self.mine)
        self.stored = (10 ** 9, channel, json_dump({"type": "crm_callcenter.pop"}))
        carried = (10 ** 9 + 1, channel, json_dump({"type": "crm_callcenter.agent_state"}))
        for payloads in ([json_dump([self.mine])],
                         [notify_payloads([self.mine], rows=[carried])[0],
                          json_dump([self.mine])]):
            reads, got = self._poll_notified(payloads)
            self.assertEqual(reads, [10 ** 9 - 1, 10 ** 9 - 1], payloads)
            self.assertEqual(got, bus_bus.as_notifications([self.stored]))

    def test_long_polling_dispatcher_is_ours(self):
        """The dispatcher Odoo made for this process reads once per wake-up."""
        if bus_module.dispatch is not None:  # none in a prefork HTTP worker
            self.assertIsInstance(bus_module.dispatch, bus_bus.FloorDispatch)


class TestBusPollAccess(CallCenterCase):

    def test_bus_is_read_by_the_dispatcher_only(self):
        """H3: bus.bus.poll as any user but the superuser (the long-polling
        dispatcher) is refused, portal included."""
        agent = self.users["agent"]
        agent.sudo(self.users["supervisor"]).cc_remind("私密")
        channel = [self.env.cr.dbname, "res.partner", agent.partner_id.id]
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Portal", "login": "cc_bus_portal",
            "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)]})
        for user in (portal, self.users["manager"], agent):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["bus.bus"].sudo(user).poll([channel], 0)
        self.assertTrue(self.env["bus.bus"].poll([channel], 0), "the dispatcher still reads")
