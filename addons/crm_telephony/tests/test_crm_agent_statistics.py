"""Agent time statistics (CC-15): staffed time, talk, after-call work and
occupancy from the agent state history; what each role sees."""
import datetime

from .common import ListenerCase


class TestCrmAgentStatistics(ListenerCase):

    def test_agent_time_and_occupancy(self):
        """CC-15: staffed time, talk, after-call work and occupancy from the
        agent state history; ratios from each group's sums."""
        Log = self.env["crm.agent.state.log"]
        start = datetime.datetime(2026, 11, 2, 1, 0)
        periods = [("ready", 600), ("ringing", 20), ("in_call", 300), ("wrapup", 60),
                   ("paused", 120), ("in_call", 200), ("wrapup", 40), ("offline", 5000)]
        for user in (self.users["agent"], self.agent2):
            at = start
            for state, seconds in periods[:len(periods) if user == self.agent2 else None]:
                end = at + datetime.timedelta(seconds=seconds)
                Log.create({"user_id": user.id, "department_id": user.crm_department_id.id,
                            "company_id": user.company_id.id, "state": state,
                            "date_start": at, "date_end": end, "duration": seconds})
                at = end
        Stats = self.env["crm.agent.statistics"]
        rows = Stats.read_group([("date_start", ">=", "2026-11-02 00:00:00"),
                                 ("date_start", "<", "2026-11-03 00:00:00")],
                                ["user_id", "logged_seconds", "talk_seconds", "wrapup_seconds",
                                 "avg_wrapup_seconds", "occupancy"], ["user_id"])
        figures = {row["user_id"][0]: row for row in rows}
        mine = figures[self.users["agent"].id]
        self.assertEqual((mine["logged_seconds"], mine["talk_seconds"], mine["wrapup_seconds"]),
                         (1340, 500, 100))
        self.assertEqual(mine["avg_wrapup_seconds"], 50.0)
        self.assertEqual(mine["occupancy"], 49.2)  # (500 + 100) / (600 + 20 + 500 + 100)
        # agents see their own figures, a Supervisor those of the department
        own = Stats.sudo(self.users["agent"]).read_group([], ["user_id", "occupancy"],
                                                         ["user_id"])
        self.assertEqual([row["user_id"][0] for row in own], [self.users["agent"].id])
        seen = {row["user_id"][0] for row in Stats.sudo(self.users["supervisor"]).read_group(
            [], ["user_id", "logged_seconds"], ["user_id"])}
        self.assertIn(self.users["agent"].id, seen)
        self.assertNotIn(self.agent2.id, seen, "agent2 is in another department")
