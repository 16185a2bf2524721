"""CC-32: the dashboard's "My Queue" tiles with a real flow document (the
tile code lives in crm_callcenter, which has no flow document of its own):
a ticket waiting at a step the agents' group handles gives the agent a
tile that counts exactly what its list opens."""
from odoo.addons.crm_security.models.owned_fields import FLOW

from .common import TicketCase


class TestTicketDashboardQueue(TicketCase):

    ticket_users = ("agent", "supervisor")

    def queues(self, user):
        return {tile["model"]: tile
                for tile in self.env["crm.dashboard"].sudo(user).cc_dashboard_data()["queues"]}

    def test_queue_tiles_match_what_the_user_may_open(self):
        reply = self.flow_standard.node_ids.filtered(lambda n: n.code == "reply")
        self.assertEqual(reply.group_ids, self.env.ref("crm_callcenter.group_agent"))
        elsewhere, mine = self.new_ticket(), self.new_ticket()
        (elsewhere | mine).action_dispatch()    # at Result: Supervisors and the handler
        FLOW.run(mine.sudo()).write({"flow_node_id": reply.id})
        self.assertEqual((elsewhere.flow_state, mine.flow_state), ("running", "running"))

        tiles = self.queues(self.agent)
        self.assertIn("crm.ticket", tiles, "the agents' group handles Reply: a ticket tile")
        for user in (self.agent, self.supervisor):
            queues = self.queues(user)
            self.assertTrue(queues, "%s handles steps by group: tiles" % user.login)
            for tile in queues.values():
                listed = self.env[tile["model"]].sudo(user).search(tile["action"]["domain"])
                self.assertEqual(tile["count"], len(listed),
                                 "tile %s counts other records than its list" % tile["model"])
                self.assertEqual(sum(step["count"] for step in tile["steps"]), tile["count"])
                self.assertEqual(tile["action"]["context"], {"search_default_flow_my_queue": 1})
        tile = tiles["crm.ticket"]
        listed = self.Ticket.sudo(self.agent).search(tile["action"]["domain"])
        self.assertIn(mine, listed, "the ticket at the agent's step is in their queue")
        self.assertNotIn(elsewhere, listed, "a ticket at the Supervisors' step is not")
        self.assertIn(reply.id, [step["id"] for step in tile["steps"]])

        nobody = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "看板 无组", "login": "dash_nobody", "email": "dash_nobody@example.com",
            "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        by_field = set(self.env["crm.flow.node"].search(
            [("user_field_id", "!=", False)]).mapped("model"))
        self.assertLessEqual(
            set(self.queues(nobody)), by_field,
            "a user handling no step by group gets tiles only where a document may name them")
