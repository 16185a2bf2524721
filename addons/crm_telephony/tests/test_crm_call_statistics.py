"""Call statistics (CC-15): figures and ratios of the SQL view, the hour
on the company's clock, what each role sees."""
import datetime

from .common import EPOCH, ListenerCase, facts_of, local_epoch


class TestCrmCallStatistics(ListenerCase):

    def test_statistics_hour_is_local(self):
        """The hour of day of a call is the company's local hour."""
        self.env.user.company_id.cc_tz = "Asia/Shanghai"
        day = datetime.date.fromtimestamp(EPOCH) + datetime.timedelta(days=5)
        self.apply(facts_of("answered", start=local_epoch("Asia/Shanghai", day, 0, 30)))
        call = self.Call.search([("pbx_id", "=", self.pbx.id)])
        row = self.env["crm.call.statistics"].search([("id", "=", call.id)])
        self.assertEqual(row.hour, 0, "00:30 in Beijing is hour 0, not 16 (UTC)")

    def test_statistics(self):
        self.apply(facts_of("answered"))
        pbx2 = self.pbx.copy({"name": "Branch PBX"})  # same Linkedids, other PBX
        self.apply(facts_of("abandoned"), pbx2)
        Stats = self.env["crm.call.statistics"]
        domain = [("user_id", "in", (self.users["agent"] | self.agent3).ids)]
        total = Stats.read_group(domain, ["calls", "answered", "abandoned", "abandon_rate",
                                          "speed_of_answer", "talk_seconds"], [])[0]
        self.assertEqual((total["calls"], total["answered"], total["abandoned"]), (2, 1, 1))
        self.assertEqual(total["abandon_rate"], 50.0)
        self.assertEqual(total["talk_seconds"], 9)
        call = self.Call.search([("user_id", "=", self.users["agent"].id)])
        self.assertEqual(total["speed_of_answer"], call.wait_seconds)
        by_agent = Stats.sudo(self.users["agent"]).read_group([], ["calls", "user_id"], ["user_id"])
        self.assertEqual([g["user_id"][0] for g in by_agent], [self.users["agent"].id])
