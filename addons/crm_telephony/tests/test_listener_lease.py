"""Listener high availability (issue 18): the lease of a phone system
(an advisory lock on the listener's own connection), the fencing of the
write path, and the adoption of the calls still live after a takeover."""
import threading
import time
import unittest

from odoo import sql_db
from odoo.tests.common import TransactionCase

from ..telephony import calls, lease
from ..telephony.listener import PbxListener

LINKEDID = "1795577919.8"


def status(channel, uniqueid, state, caller="+8613800138000", application="",
           data="", bridge="", seconds="3"):
    """One event of an AMI Status list, as Asterisk's generate_status builds it."""
    return {"Event": "Status", "Privilege": "Call", "Channel": channel,
            "ChannelState": state, "ChannelStateDesc": {"5": "Ringing", "6": "Up"}[state],
            "CallerIDNum": caller, "CallerIDName": caller, "ConnectedLineNum": "<unknown>",
            "ConnectedLineName": "<unknown>", "Language": "en", "AccountCode": "",
            "Context": "incoming", "Exten": "4000", "Priority": "4", "Uniqueid": uniqueid,
            "Linkedid": LINKEDID, "Type": "PJSIP", "DNID": "", "TimeToHangup": "0",
            "BridgeID": bridge, "Application": application, "Data": data,
            "Seconds": seconds}


def ringing_call(bridged=False):
    bridge = "989447f0-a1b7-4eec-9ae2-000000000001" if bridged else ""
    return [status("PJSIP/trunk-00000004", LINKEDID, "6", application="Queue",
                   data="support,tT,,,120", bridge=bridge),
            status("PJSIP/1001-00000005", "1795577919.9", "6" if bridged else "5",
                   application="AppQueue", data="(Outgoing Line)", bridge=bridge)]


class TestAdopt(unittest.TestCase):
    """CallTracker.adopt: what a listener taking a phone system over does
    with the PBX's live channels and the database's open calls."""

    def known(self, **values):
        row = {"linkedid": LINKEDID, "direction": "inbound", "caller": "+8613800138000",
               "queue": "support", "start": 90.0, "answer": None, "popped": ["1001"]}
        row.update(values)
        return row

    def test_known_ringing_call_is_followed_without_a_second_pop(self):
        tracker = calls.CallTracker(clock=lambda: 100.0)
        facts = tracker.adopt(ringing_call(), [self.known()])
        self.assertFalse([f for f in facts if isinstance(f, (calls.Pop, calls.CallStarted))],
                         "a call already popped must not pop or start again: %s" % facts)
        self.assertEqual(facts[-1], calls.Resynced([LINKEDID], []))
        # its end reaches the adopted call: one CallEnded, with its start kept
        ended = tracker.feed_all([
            {"Event": "Hangup", "Uniqueid": "1795577919.9", "Linkedid": LINKEDID},
            {"Event": "Hangup", "Uniqueid": LINKEDID, "Linkedid": LINKEDID}], now=110.0)
        ended = [f for f in ended if isinstance(f, calls.CallEnded)]
        self.assertEqual(len(ended), 1, "the adopted call must end once")
        self.assertEqual(ended[0].record.start, 90.0)
        self.assertEqual(ended[0].record.result, "abandoned")

    def test_call_begun_in_the_gap_starts_and_pops_its_ringing_agent(self):
        tracker = calls.CallTracker(clock=lambda: 100.0)
        facts = tracker.adopt(ringing_call(), [])
        started = [f for f in facts if isinstance(f, calls.CallStarted)]
        pops = [f for f in facts if isinstance(f, calls.Pop)]
        self.assertEqual(len(started), 1)
        self.assertEqual(started[0].record.queue, "support")
        self.assertEqual(started[0].record.start, 97.0, "start = now - Seconds")
        self.assertEqual([p.extension for p in pops], ["1001"])

    def test_bridged_agent_answered_the_call(self):
        tracker = calls.CallTracker(clock=lambda: 100.0)
        facts = tracker.adopt(ringing_call(bridged=True), [self.known()])
        answered = [f for f in facts if isinstance(f, calls.CallAnswered)]
        self.assertEqual(len(answered), 1, "answered during the gap: %s" % facts)
        self.assertEqual(answered[0].record.agent_extension, "1001")

    def test_open_call_the_pbx_no_longer_has_is_gone(self):
        tracker = calls.CallTracker(clock=lambda: 100.0)
        facts = tracker.adopt([], [self.known()])
        self.assertEqual(facts, [calls.Resynced([], [LINKEDID])])


class TestFencedListener(unittest.TestCase):

    def test_a_refused_batch_stops_every_write(self):
        written = []

        def sink(facts):
            raise lease.Fenced("lost")

        listener = PbxListener("127.0.0.1", 1, "u", "s", sink,
                               late_sink=lambda facts: written.append(facts))
        listener._pending.append(calls.PbxState("unreachable"))
        failed = listener._write(sink, [calls.PbxState("connected")])
        self.assertEqual(failed, 1)
        self.assertTrue(listener.fenced)
        self.assertFalse(listener._pending, "the facts in memory are dropped")
        listener._push([calls.PbxState("connected")])
        self.assertFalse(listener._pending, "nothing is queued once fenced")
        self.assertFalse(written)


class TestLease(TransactionCase):
    """The lease on a real PostgreSQL connection and the write path's fence."""

    def setUp(self):
        super().setUp()
        self.pbx = self.env["crm.pbx"].create({
            "name": "Lease test", "host": "127.0.0.1", "port": 1, "username": "u"})
        self.kwargs = sql_db.connection_info_for(self.env.cr.dbname)[1]
        self.leases = []

    def tearDown(self):
        for item in self.leases:
            item.release()
        super().tearDown()

    def new_lease(self):
        item = lease.PbxLease(self.kwargs, self.pbx.id)
        self.leases.append(item)
        return item

    def wait_gone(self, pid):
        deadline = time.monotonic() + 30
        pause = threading.Event()

        def gone():
            self.env.cr.execute("SELECT pg_stat_clear_snapshot()")
            self.env.cr.execute("SELECT count(*) FROM pg_stat_get_activity(%s)", (pid,))
            alive = self.env.cr.fetchone()[0]
            return not alive and lease.holder_pid(self.env.cr, self.pbx.id) is None
        while not gone():
            self.assertLess(time.monotonic(), deadline, "the lock connection never ended")
            pause.wait(0.05)

    def test_one_holder_per_phone_system(self):
        first, second = self.new_lease(), self.new_lease()
        self.assertTrue(first.acquire())
        self.assertFalse(second.acquire(), "a second process must stand by")
        self.assertEqual(lease.holder_pid(self.env.cr, self.pbx.id), first.pid)
        first.release()
        self.assertTrue(second.acquire(), "the standby takes the lock once it is free")

    def test_terminated_lock_connection_fences_the_writer(self):
        holder = self.new_lease()
        self.assertTrue(holder.acquire())
        epoch = lease.claim(self.env.cr, self.pbx.id, holder.pid, "node-a:1")
        lease.verify(self.env.cr, self.pbx.id, holder, epoch)  # may write
        self.env.cr.execute("SELECT pg_terminate_backend(%s)", (holder.pid,))
        self.wait_gone(holder.pid)
        with self.assertRaises(lease.Fenced, msg="a writer without its lock must stop"):
            lease.verify(self.env.cr, self.pbx.id, holder, epoch)
        self.assertFalse(holder.check(), "the lost lease is noticed")
        # another process takes over: the old epoch stays refused
        other = self.new_lease()
        self.assertTrue(other.acquire())
        new_epoch = lease.claim(self.env.cr, self.pbx.id, other.pid, "node-b:2")
        self.assertEqual(new_epoch, epoch + 1)
        self.pbx.invalidate_cache()
        self.assertEqual(self.pbx.listener_node, "node-b:2")
        with self.assertRaises(lease.Fenced):
            lease.verify(self.env.cr, self.pbx.id, holder, epoch)
        lease.verify(self.env.cr, self.pbx.id, other, new_epoch)

    def test_users_cannot_write_the_listener_node(self):
        user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Lease admin", "login": "lease_admin",
            "groups_id": [(6, 0, [self.env.ref("crm_callcenter.group_admin").id])]})
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            self.pbx.sudo(user).write({"listener_node": "forged:1"})
