"""The phone bar's RPCs on res.users: its state for the agent, and
click-to-call refusing what is not a number."""

from odoo.exceptions import UserError

from .common import ListenerCase, facts_of


class TestResUsersPhoneBar(ListenerCase):

    def test_phone_bar_state_for_the_agent(self):
        self.apply(facts_of("answered"))
        bar = self.env["res.users"].sudo(self.users["agent"]).cc_phone_bar()
        self.assertTrue(bar["enabled"])
        self.assertEqual(bar["state"], "ready")
        # the pause reasons are the dictionary's: one added there is offered
        reasons = self.env["crm.dictionary"].search([("dict_type", "=", "pause_reason")])
        self.assertEqual(bar["pause_reasons"], reasons.mapped("name"))
        self.env["crm.dictionary"].create({"dict_type": "pause_reason", "name": "质检复盘",
                                           "code": "qa_review"})
        bar = self.env["res.users"].sudo(self.users["agent"]).cc_phone_bar()
        self.assertIn("质检复盘", bar["pause_reasons"], "a new pause reason is not offered")
        self.assertEqual(self.env["res.users"].sudo(self.agent2).cc_phone_bar()["state"],
                         "offline", "agent2 has had no event yet")

    def test_dial_refuses_bad_numbers(self):
        Users = self.env["res.users"].sudo(self.users["agent"])
        with self.assertRaises(UserError):
            Users.cc_dial("12ab")
        self.assertFalse(self.Call.search([("result", "=", "dialing"),
                                           ("user_id", "=", self.users["agent"].id)]))
