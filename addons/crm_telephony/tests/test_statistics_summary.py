"""The statistics read summaries (per local day, per local hour) where they
answer exactly, and the raw rows otherwise: the figures must be the same
either way, for a day, a month and odd bounds on the company's clock, and
stay the same after the history is written, updated and deleted."""
import datetime

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from ..statistics.grain import RAW

TZ = "Asia/Shanghai"
DAY = datetime.date(2031, 7, 31)  # a month's last day: periods cross into August


def local(day, hour, minute=0):
    return localtime.to_utc(TZ, datetime.datetime.combine(day, datetime.time(hour, minute)))


def bounds(start, end):
    return [("date_start", ">=", str(start)), ("date_start", "<", str(end))]


class TestStatisticsSummary(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.company_id.cc_tz = TZ
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.department = cls.env["crm.department"].create({"name": "汇总测试组"})
        cls.agents = [Users.create({
            "name": "汇总坐席%d" % index, "login": "sum_agent_%d" % index,
            "crm_department_id": cls.department.id,
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
            for index in range(2)]
        cls.periods = cls.env["crm.agent.state.log"]
        states = ["ready", "in_call", "wrapup", "paused"]
        # periods every 37 minutes from 22:00 the day before to 02:00 after
        # the month's end, local time: they start on odd minutes of 4 days
        moment = local(DAY - datetime.timedelta(days=1), 22)
        index = 0
        while moment < local(DAY + datetime.timedelta(days=2), 2):
            agent = cls.agents[index % 2]
            cls.periods |= cls.periods.create({
                "user_id": agent.id, "department_id": cls.department.id,
                "company_id": cls.env.user.company_id.id, "state": states[index % 4],
                "date_start": str(moment),
                "date_end": str(moment + datetime.timedelta(seconds=600 + 7 * index)),
                "duration": 600 + 7 * index})
            moment += datetime.timedelta(minutes=37)
            index += 1
        cls.month = localtime.month_bounds(TZ, local(DAY, 12))
        cls.domains = {
            "day": bounds(*localtime.day_bounds(TZ, DAY)),
            "month": bounds(*cls.month),
            "hours": bounds(local(DAY, 9), local(DAY + datetime.timedelta(days=1), 3)),
            "odd": bounds(local(DAY, 9, 17), local(DAY + datetime.timedelta(days=1), 0, 50)),
        }

    def time_stats(self, domain, groupby, grain=None):
        Time = self.env["crm.agent.statistics"].sudo(self.users["manager"]).with_context(
            tz=TZ, cc_grain=grain)
        domain = domain + [("user_id", "in", [agent.id for agent in self.agents])]
        measures = ["logged_seconds", "talk_seconds", "wrapups", "occupancy",
                    "avg_wrapup_seconds"]
        return [{key: value for key, value in line.items() if key not in ("__domain", "id")}
                for line in Time.read_group(domain, measures + [g.split(":")[0] for g in groupby],
                                            groupby, lazy=False)]

    def assert_time_same(self, label):
        for name, domain in sorted(self.domains.items()):
            for groupby in (["user_id"], ["user_id", "date_start:day"], ["state"], []):
                raw = self.time_stats(domain, groupby, RAW)
                self.assertTrue(raw, "no periods in %s" % name)
                self.assertEqual(self.time_stats(domain, groupby), raw,
                                 "%s: %s by %s" % (label, name, groupby))

    def test_agent_time_grains(self):
        from ..statistics.grain import choose_grain
        Time = self.env["crm.agent.statistics"].sudo(self.users["manager"]).with_context(tz=TZ)
        from ..models.crm_agent_statistics import DIMENSIONS
        dims = [("d", "day", DIMENSIONS), ("h", "hour", DIMENSIONS)]
        grains = {name: choose_grain(Time, domain, ["user_id"], dims)
                  for name, domain in self.domains.items()}
        self.assertEqual(grains, {"day": "d", "month": "d", "hours": "h", "odd": RAW})
        self.assertEqual(choose_grain(Time.with_context(tz="UTC"), self.domains["day"],
                                      ["date_start:day"], dims), RAW,
                         "days of another zone are not the summary's days")
        self.assertEqual(choose_grain(Time, [("cc_period", "=", "this_month")], [], dims), "d")

    def test_agent_time_summary_equals_history(self):
        self.assert_time_same("as written")
        first, second = self.periods[3], self.periods[10]
        first.write({"state": "paused", "duration": 1234})
        second.write({"user_id": self.agents[0].id,
                      "date_start": str(local(DAY + datetime.timedelta(days=1), 0, 5))})
        self.periods[20].unlink()
        self.assert_time_same("after updates")
        self.env["crm.agent.statistics"]._cc_rebuild_summary()
        self.assert_time_same("rebuilt")


class TestCallStatisticsSummary(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.company_id.cc_tz = TZ
        cls.department = cls.env["crm.department"].create({"name": "话务汇总组"})
        cls.users["supervisor"].crm_department_id = cls.department
        cls.users["agent"].crm_department_id = cls.department
        agents = [cls.users["agent"], cls.users["expert"], False]
        cls.calls = cls.env["crm.call"]
        moment = local(DAY - datetime.timedelta(days=1), 22, 3)
        index = 0
        while moment < local(DAY + datetime.timedelta(days=2), 2):
            agent = agents[index % 3]
            answered = agent and index % 5 != 0
            cls.calls |= cls.calls.create({
                "number": "+861380013%04d" % index, "state": "done",
                "direction": "outbound" if index % 7 == 0 else "inbound",
                "result": "answered" if answered else "abandoned",
                "queue": ["400", "500", False][index % 3 if index % 2 else 0],
                "user_id": agent.id if agent else False,
                "department_id": cls.department.id if agent and index % 4 else False,
                "date_start": str(moment),
                "date_answer": str(moment + datetime.timedelta(seconds=index % 40))
                if answered else False,
                "wait_seconds": index % 40 if index % 11 else False,
                "talk_seconds": 30 + index if answered and index % 6 else False,
                "satisfaction": index % 5 + 1 if index % 3 == 0 else False})
            moment += datetime.timedelta(minutes=23)
            index += 1
        cls.domains = {
            "day": bounds(*localtime.day_bounds(TZ, DAY)),
            "month": bounds(*localtime.month_bounds(TZ, local(DAY, 12))),
            "hours": bounds(local(DAY, 9), local(DAY + datetime.timedelta(days=1), 3)),
            "odd": bounds(local(DAY, 9, 17), local(DAY + datetime.timedelta(days=1), 0, 50)),
        }

    def stats(self, user, domain, groupby, grain=None):
        Stats = self.env["crm.call.statistics"].sudo(self.users[user]).with_context(
            tz=TZ, cc_grain=grain)
        measures = ["calls", "answered", "abandoned", "outbound", "talk_seconds",
                    "answer_rate", "abandon_rate", "avg_talk_seconds", "speed_of_answer",
                    "satisfaction", "within_service_level"]
        return [{key: value for key, value in line.items() if key not in ("__domain", "id")}
                for line in Stats.read_group(domain, measures + [g.split(":")[0] for g in groupby],
                                             groupby, lazy=False)]

    def assert_same(self, label):
        for name, domain in sorted(self.domains.items()):
            for user in ("manager", "supervisor"):
                for groupby in (["date_start:day", "direction"], ["user_id"], ["hour"],
                                ["queue", "result"], ["department_id"], []):
                    raw = self.stats(user, domain, groupby, RAW)
                    self.assertTrue(raw, "no calls in %s" % name)
                    self.assertEqual(self.stats(user, domain, groupby), raw,
                                     "%s: %s as %s by %s" % (label, name, user, groupby))

    def test_a_clients_context_chooses_no_grain(self):
        """``cc_grain`` sent over RPC is a plain string: ignored (an Agent
        asking for the hourly summary, which has no agent, gets their own
        calls read from the rows their rule allows, as without it)."""
        month = self.domains["month"]
        for user in ("agent", "manager"):
            for grain in ("h", "d", "r", "o"):
                self.assertEqual(self.stats(user, month, ["hour"], grain),
                                 self.stats(user, month, ["hour"]), (user, grain))

    def test_call_grains(self):
        from ..models.crm_call_statistics import GRAINS
        from ..statistics.grain import choose_grain
        Stats = self.env["crm.call.statistics"].with_context(tz=TZ)
        manager, agent = Stats.sudo(self.users["manager"]), Stats.sudo(self.users["agent"])
        month = self.domains["month"]
        self.assertEqual(choose_grain(manager, month, ["date_start:day", "direction"], GRAINS),
                         "d")
        self.assertEqual(choose_grain(manager, month, ["hour"], GRAINS), "h")
        self.assertEqual(choose_grain(agent, month, ["hour"], GRAINS), RAW,
                         "an Agent's rule names the agent: not in the hour summary")
        self.assertEqual(choose_grain(manager, month, ["partner_id"], GRAINS), RAW)
        self.assertEqual(choose_grain(manager, self.domains["odd"], [], GRAINS), RAW)

    def test_call_summary_equals_calls(self):
        self.assert_same("as written")
        calls = self.calls
        calls[4].write({"talk_seconds": 999, "wait_seconds": 3})
        calls[5].write({"user_id": self.users["expert"].id, "department_id": False,
                        "result": "abandoned", "date_answer": False})
        calls[6].write({"state": "ringing"})
        calls[7].write({"date_start": str(local(DAY + datetime.timedelta(days=1), 0, 1)),
                        "satisfaction": 2, "queue": "600"})
        calls[8].unlink()
        self.assert_same("after updates")
        self.env["crm.call.statistics"]._cc_rebuild_summary()
        self.assert_same("rebuilt")

    def test_dates_formatted_once_read_as_odoo_makes_them(self):
        Stats = self.env["crm.call.statistics"].sudo(self.users["manager"]).with_context(
            tz=TZ, lang="zh_CN")
        for groupby in (["user_id", "date_start:day"], ["date_start:month", "direction"]):
            fields = ["calls", "answer_rate"] + [g.split(":")[0] for g in groupby]
            for lazy in (True, False):
                quick = Stats.read_group(self.domains["month"], fields, groupby, lazy=lazy)
                odoo = Stats.with_context(cc_group_memo=False).read_group(
                    self.domains["month"], fields, groupby, lazy=lazy)
                self.assertTrue(quick)
                self.assertEqual(quick, odoo, "%s lazy=%s" % (groupby, lazy))
