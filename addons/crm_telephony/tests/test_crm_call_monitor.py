"""The live monitor as a wallboard (issue 15, item 6): today's service
level, speed of answer and abandon rate per queue and overall, today's calls
by local hour, and the live calls whose end the listener missed: flagged
on the monitor, then ended by ``crm.call._cc_end_stale_calls`` (listener
resync, cron). The clock is pinned: the tests run the same at any hour."""
import datetime
import json

from odoo.exceptions import AccessError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from ..telephony import calls
from .common import EPOCH, ListenerCase, clock_at, facts_of, local_epoch

TZ = "Asia/Shanghai"
#: a day of its own, far from any demo or replayed call
DAY = datetime.date.fromtimestamp(EPOCH) + datetime.timedelta(days=40)


class TestCallMonitor(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.users"].search([("extension", "in", ("1001", "1002", "1003"))]).write(
            {"extension": False})  # the scenarios' extensions are our test agents'
        department = cls.env["crm.department"].create({"name": "热线一组"})
        cls.users["agent"].write({"extension": "1001", "crm_department_id": department.id})
        cls.users["supervisor"].write({"crm_department_id": department.id})
        cls.pbx = cls.env["crm.pbx"].create({
            "name": "Wallboard PBX", "username": "callcenter", "secret": "s3cret"})
        cls.env.user.company_id.cc_tz = TZ
        cls.Call = cls.env["crm.call"]
        cls.replays = 0

    def replay(self, name, start, upto=None, instant=False, pbx=None):
        """Store a scenario starting at ``start`` (epoch), on a phone system
        of its own (the scenarios share their Linkedids). ``upto``: stop
        after the first fact of that type (a live call); ``instant``: the
        agent answers in the second the call starts (a fake PBX does)."""
        facts = facts_of(name, start=start)
        if upto:
            facts = facts[:next(i for i, f in enumerate(facts) if isinstance(f, upto)) + 1]
        if instant:
            for fact in facts:
                record = getattr(fact, "record", None)
                if record is not None and record.answer is not None:
                    record.answer = record.start
        if pbx is None:
            type(self).replays += 1
            pbx = self.pbx.copy({"name": "Wallboard PBX %d" % self.replays})
        self.env["crm.call.store"]._store_facts(pbx, facts)
        return self.Call.search([("pbx_id", "=", pbx.id)])

    def monitor(self, epoch, user="supervisor"):
        with clock_at(epoch):
            return self.Call.sudo(self.users[user]).cc_monitor()

    def support(self, snapshot):
        return next(q for q in snapshot["queues"] if q["name"] == "support")

    def test_service_level_of_one_call_answered_at_once(self):
        """An answer in the call's first second is a wait of 0 s, inside the
        20 s: 100 %, not 0 % (the 0 was stored as "unknown")."""
        call = self.replay("answered", local_epoch(TZ, DAY, 9, 5), instant=True)
        self.assertEqual((call.result, call.wait_seconds), ("answered", 0))
        queue = self.support(self.monitor(local_epoch(TZ, DAY, 9, 30)))
        self.assertEqual((queue["offered"], queue["answered"]), (1, 1))
        self.assertEqual(queue["service_level"], 100.0, "one call answered at once")
        self.assertEqual(queue["asa"], 0)
        self.assertEqual(queue["abandon_rate"], 0.0)

    def test_service_level_speed_of_answer_and_abandon_rate(self):
        self.replay("answered", local_epoch(TZ, DAY, 9, 5))  # answered after 14 s
        snapshot = self.monitor(local_epoch(TZ, DAY, 9, 30))
        self.assertEqual(self.support(snapshot)["service_level"], 100.0,
                         "one call answered within 20 s")
        self.assertEqual(self.support(snapshot)["asa"], 14)
        self.replay("abandoned", local_epoch(TZ, DAY, 10, 15))
        snapshot = self.monitor(local_epoch(TZ, DAY, 10, 30))
        queue = self.support(snapshot)
        self.assertEqual((queue["offered"], queue["answered"], queue["abandoned"]), (2, 1, 1))
        self.assertEqual(queue["service_level"], 50.0)
        self.assertEqual(queue["abandon_rate"], 50.0)
        self.assertEqual(queue["asa"], 14, "the speed of answer counts answered calls only")
        total = snapshot["total"]
        self.assertEqual((total["offered"], total["service_level"], total["abandon_rate"],
                          total["asa"]), (2, 50.0, 50.0, 14), "all queues of the day")

    def test_hours_on_the_local_clock(self):
        """00:10 local (16:10 UTC the day before) is hour 0; 23:50 the day
        before is not today's; at 23:30 a call of 23:20 is in hour 23."""
        self.replay("answered", local_epoch(TZ, DAY - datetime.timedelta(days=1), 23, 50))
        self.replay("answered", local_epoch(TZ, DAY, 0, 10))
        self.replay("abandoned", local_epoch(TZ, DAY, 0, 20))
        snapshot = self.monitor(local_epoch(TZ, DAY, 0, 30))
        hours = snapshot["hours"]
        self.assertEqual([hour["hour"] for hour in hours], list(range(24)))
        self.assertEqual((hours[0]["offered"], hours[0]["answered"], hours[0]["abandoned"]),
                         (2, 1, 1), "00:10 and 00:20 local are hour 0")
        self.assertEqual(sum(hour["offered"] for hour in hours), 2,
                         "a call of 23:50 yesterday counted today")
        self.assertEqual(snapshot["hour"], 0)
        self.replay("answered", local_epoch(TZ, DAY, 23, 20))
        snapshot = self.monitor(local_epoch(TZ, DAY, 23, 30))
        self.assertEqual(snapshot["hours"][23]["offered"], 1, "23:20 local is hour 23")
        self.assertEqual(snapshot["hour"], 23)

    def test_hours_of_a_half_hour_zone(self):
        """India is UTC+5:30: 09:40 there (04:10 UTC) is hour 9, not 10 or 4."""
        self.env.user.company_id.cc_tz = "Asia/Kolkata"
        self.replay("answered", local_epoch("Asia/Kolkata", DAY, 9, 40))
        snapshot = self.monitor(local_epoch("Asia/Kolkata", DAY, 12, 0))
        self.assertEqual([hour["hour"] for hour in snapshot["hours"] if hour["offered"]], [9])

    def test_waiting_call_and_longest_wait_stand_out(self):
        start = local_epoch(TZ, DAY, 11, 0)
        self.replay("abandoned", start, upto=calls.CallStarted)
        queue = self.support(self.monitor(start + 8))
        self.assertEqual((queue["waiting"], queue["waiting_level"]), (1, "warn"))
        self.assertEqual(queue["wait_level"], "", "a few seconds' wait is no alarm")
        snapshot = self.monitor(start + 60)
        queue = self.support(snapshot)
        self.assertEqual(queue["wait_level"], "alert", "a minute's wait is past the 20 s")
        self.assertEqual(snapshot["total"]["waiting"], 1)
        waiting = [call for call in snapshot["calls"] if call["waiting"]]
        self.assertEqual(len(waiting), 1)
        self.assertEqual((waiting[0]["wait_level"], waiting[0]["stale"]), ("alert", False))
        self.assertEqual((waiting[0]["state"], waiting[0]["state_label"]), ("ringing", "Ringing"),
                         "the state is shown by its label")

    def test_stale_calls_flagged_and_ended_never_fresh_ones(self):
        start = local_epoch(TZ, DAY, 14, 0)
        ringing = self.replay("abandoned", start, upto=calls.CallStarted)
        talking = self.replay("answered", start, upto=calls.CallAnswered)
        fresh = self.replay("abandoned", start + 14 * 60, upto=calls.CallStarted)
        self.assertEqual((ringing.state, talking.state), ("ringing", "talking"))
        later = start + 16 * 60  # past the 15 minutes of a ringing call
        flagged = {call["id"]: call["stale"] for call in self.monitor(later)["calls"]}
        self.assertEqual((flagged[ringing.id], flagged[talking.id], flagged[fresh.id]),
                         (True, False, False))
        with clock_at(later):
            ended = self.Call._cc_end_stale_calls()
        self.assertIn(ringing, ended)
        self.assertNotIn(talking, ended, "a call answered 16 minutes ago is no stale call")
        self.assertNotIn(fresh, ended, "a call ringing for 2 minutes ended")
        self.assertEqual((ringing.state, ringing.result), ("done", "interrupted"))
        self.assertIn("15", ringing.note, "the note says why the call ended")
        self.assertEqual((talking.state, fresh.state), ("talking", "ringing"))
        self.assertNotIn(ringing.id, [c["id"] for c in self.monitor(later)["calls"]])
        pushed = self.env["bus.bus"].sudo().search(
            [("message", "like", "crm_callcenter.monitor")])
        self.assertIn(self.users["supervisor"].partner_id.id,
                      [json.loads(line.channel)[2] for line in pushed],
                      "the Supervisors' monitors are told")
        # a call in progress is stale 4 hours after its answer
        with clock_at(start + 4 * 3600 - 60):
            self.assertFalse(self.Call._cc_end_stale_calls() & talking)
        with clock_at(start + 4 * 3600 + 60):
            self.Call._cc_end_stale_calls()
        self.assertEqual((talking.state, talking.result), ("done", "interrupted"))

    def test_stale_time_of_the_phone_system(self):
        """The phone system's own "stale after" times, only its calls when
        the listener names it, and 0 for never."""
        start = local_epoch(TZ, DAY, 15, 0)
        pbx = self.pbx.copy({"name": "Patient PBX", "stale_ringing_minutes": 0})
        never = self.replay("abandoned", start, upto=calls.CallStarted, pbx=pbx)
        quick = self.pbx.copy({"name": "Quick PBX", "stale_ringing_minutes": 2})
        soon = self.replay("abandoned", start, upto=calls.CallStarted, pbx=quick)
        other = self.replay("abandoned", start, upto=calls.CallStarted)
        with clock_at(start + 3 * 60):
            self.assertEqual(self.Call._cc_end_stale_calls(quick), soon)
            self.assertFalse(self.Call._cc_end_stale_calls(pbx))
        with clock_at(start + 48 * 3600):
            ended = self.Call._cc_end_stale_calls()
        self.assertIn(other, ended)
        self.assertEqual(never.state, "ringing", "0 minutes means never")

    def test_cron_ends_stale_calls(self):
        start = local_epoch(TZ, DAY, 16, 0)
        call = self.replay("abandoned", start, upto=calls.CallStarted)
        cron = self.env.ref("crm_telephony.ir_cron_end_stale_calls")
        with clock_at(start + 3600):
            cron.sudo().method_direct_trigger()
        self.assertEqual(call.state, "done")

    def test_monitor_for_supervisors_only(self):
        with self.assertRaises(AccessError):
            self.monitor(local_epoch(TZ, DAY, 9, 0), user="agent")


class TestCrmCallMonitorListener(ListenerCase):

    def test_live_monitor(self):
        facts = facts_of("answered")
        # stop just after the agent answered: the call is live
        answered = next(i for i, fact in enumerate(facts)
                        if isinstance(fact, calls.CallAnswered))
        self.apply(facts[:answered + 1])
        # the monitor looks at the replayed call's day, a minute after it rang
        with clock_at(EPOCH + 60):
            snapshot = self.Call.sudo(self.users["supervisor"]).cc_monitor()
        agents = {agent["extension"]: agent for agent in snapshot["agents"]}
        self.assertIn("1001", agents, "the supervisor's department agent")
        self.assertNotIn("1002", agents, "another department's agent")
        self.assertEqual(agents["1001"]["call"]["partner"], self.customer.name)
        live = [call for call in snapshot["calls"] if call["number"] == "+8613800138000"]
        self.assertEqual([call["state"] for call in live], ["talking"])
        self.assertIn("Test PBX", [pbx["name"] for pbx in snapshot["pbx"]])

        def support():
            with clock_at(EPOCH + 60):
                snapshot = self.Call.sudo(self.users["manager"]).cc_monitor()
            return [q for q in snapshot["queues"] if q["name"] == "support"] or [
                {"answered": 0, "waiting": 0}]
        before = support()[0]["answered"]  # (the database may hold that day's calls)
        self.apply(facts[answered + 1:])
        self.assertEqual(support()[0]["answered"], before + 1)
        self.assertEqual(support()[0]["waiting"], 0)
        managed = self.Call.sudo(self.users["manager"]).cc_monitor()["agents"]
        self.assertLessEqual({"1001", "1002"}, {a["extension"] for a in managed},
                             "a Manager sees every department")
        with self.assertRaises(AccessError):
            self.Call.sudo(self.users["agent"]).cc_monitor()
        pushed = self.env["bus.bus"].sudo().search([("message", "like", "crm_callcenter.monitor")])
        self.assertIn(self.users["supervisor"].partner_id.id,
                      [json.loads(line.channel)[2] for line in pushed])

    def _answered_today(self, epoch):
        with clock_at(epoch):
            queues = self.Call.sudo(self.users["manager"]).cc_monitor()["queues"]
        return sum(q["answered"] for q in queues if q["name"] == "support")

    def test_monitor_today_is_the_call_centers_day(self):
        """"Today" starts at the company's local midnight (Asia/Shanghai:
        16:00 UTC), not at UTC midnight: at 00:30 a call of 23:50 the evening
        before is yesterday's, one of 00:10 is today's; at 23:30 a call of
        23:20 is today's. Pinned clock: the same at any hour the test runs."""
        company = self.env.user.company_id
        company.cc_tz = "Asia/Shanghai"
        day = datetime.date.fromtimestamp(EPOCH) + datetime.timedelta(days=3)
        after_midnight = local_epoch("Asia/Shanghai", day, 0, 30)
        pbx_late, pbx_early, pbx_evening = (
            self.pbx.copy({"name": name}) for name in ("PBX late", "PBX early", "PBX evening"))
        before = self._answered_today(after_midnight)
        yesterday = day - datetime.timedelta(days=1)
        self.apply(facts_of("answered", start=local_epoch("Asia/Shanghai", yesterday, 23, 50)),
                   pbx_late)
        self.assertEqual(self._answered_today(after_midnight), before,
                         "a call of 23:50 yesterday (local) counted as today's")
        self.apply(facts_of("answered", start=local_epoch("Asia/Shanghai", day, 0, 10)),
                   pbx_early)
        self.assertEqual(self._answered_today(after_midnight), before + 1,
                         "a call of 00:10 today (local) not counted")
        evening = local_epoch("Asia/Shanghai", day, 23, 30)
        before = self._answered_today(evening)
        self.apply(facts_of("answered", start=local_epoch("Asia/Shanghai", day, 23, 20)),
                   pbx_evening)
        self.assertEqual(self._answered_today(evening), before + 1,
                         "a call of 23:20 (local) not counted at 23:30")
