"""Seats (CC-2): whoever sits at a desk uses its phone's extension."""
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class TestSeat(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Seat = cls.env["crm.seat"]
        cls.a01 = Seat.create({"name": "A区-01", "extension": "8201",
                               "ip_address": "10.0.0.21"})
        cls.a02 = Seat.create({"name": "A区-02", "extension": "8202"})
        cls.agent = cls.users["agent"]
        cls.agent.extension = "8191"
        cls.other = cls.users["expert"]  # an expert is an agent too

    def test_take_move_and_leave(self):
        as_agent = self.env["res.users"].sudo(self.agent)
        result = as_agent.cc_take_seat(self.a01.id)
        self.assertEqual(result["extension"], "8201")
        self.assertEqual((self.agent.extension, self.agent.cc_home_extension,
                          self.a01.user_id), ("8201", "8191", self.agent))
        # the listener maps the desk's extension to the person sitting there
        agents = self.env["res.users"]._cc_agents_by_extension(self.agent.company_id)
        self.assertEqual(agents["8201"].id, self.agent.id)
        self.assertNotIn("8191", agents)

        as_agent.cc_take_seat(self.a02.id)  # moving frees the first seat
        self.assertEqual((self.agent.extension, self.a01.user_id, self.a02.user_id),
                         ("8202", self.env["res.users"], self.agent))
        self.assertEqual(self.agent.cc_home_extension, "8191")

        # a Supervisor frees the seat by sitting down: the agent is back on
        # their own extension
        boss = self.users["supervisor"]
        self.env["res.users"].sudo(boss).cc_take_seat(self.a02.id)
        self.assertEqual((self.agent.extension, self.agent.cc_seat_id.id),
                         ("8191", False))
        self.assertEqual((boss.extension, self.a02.user_id), ("8202", boss))
        self.env["res.users"].sudo(boss).cc_leave_seat()
        self.assertEqual((boss.extension, self.a02.user_id.id), (False, False))

    def test_no_seat_hijack(self):
        """M1: an agent cannot take a seat somebody else occupies, nor a seat
        of another department; every seat change is in the operation log."""
        Log = self.env["crm.operation.log"]
        before = Log.search_count([])
        self.env["res.users"].sudo(self.agent).cc_take_seat(self.a01.id)
        self.assertGreater(Log.search_count([]), before, "the seat change is logged")
        with self.assertRaises(AccessError):
            self.env["res.users"].sudo(self.other).cc_take_seat(self.a01.id)
        self.assertEqual((self.a01.user_id, self.agent.extension, self.other.extension),
                         (self.agent, "8201", False), "the occupant keeps the seat")
        # the desk's computer does not evict the occupant either
        self.assertFalse(self.env["res.users"].sudo(self.other)
                         ._cc_seat_from_address("10.0.0.21"))
        self.assertEqual(self.a01.user_id, self.agent)

        hotline = self.env["crm.department"].create({"name": "热线组"})
        after_sales = self.env["crm.department"].create({"name": "售后组"})
        night = self.env["crm.department"].create({"name": "夜班",
                                                   "parent_id": hotline.id})
        self.other.crm_department_id = hotline
        self.a02.department_id = after_sales
        with self.assertRaises(AccessError):
            self.env["res.users"].sudo(self.other).cc_take_seat(self.a02.id)
        with self.assertRaises(AccessError, msg="Supervisors stay in their departments"):
            self.users["supervisor"].crm_department_id = hotline
            self.env["res.users"].sudo(self.users["supervisor"]).cc_take_seat(self.a02.id)
        self.a02.department_id = night  # a sub-department of the expert's
        self.env["res.users"].sudo(self.other).cc_take_seat(self.a02.id)
        self.assertEqual(self.a02.user_id, self.other)

    def test_seat_from_the_computer_address(self):
        Users = self.env["res.users"].sudo(self.agent)
        self.assertFalse(Users._cc_seat_from_address("10.0.0.99"))
        self.assertEqual(self.agent.extension, "8191")
        self.assertEqual(Users._cc_seat_from_address("10.0.0.21"), self.a01)
        self.assertEqual((self.agent.extension, self.a01.user_id), ("8201", self.agent))

    def test_phone_bar_lists_seats_for_agents_without_extension(self):
        self.other.extension = False
        bar = self.env["res.users"].sudo(self.other).cc_phone_bar()
        self.assertTrue(bar["enabled"])
        self.assertEqual({seat["name"] for seat in bar["seats"]} >= {"A区-01", "A区-02"},
                         True)
        self.assertEqual(bar["seat"], "")

    def test_rights(self):
        with self.assertRaises(AccessError):
            self.a01.sudo(self.agent).write({"extension": "9999"})
        with self.assertRaises(AccessError):
            self.env["crm.seat"].sudo(self.users["supervisor"]).create(
                {"name": "X", "extension": "8999"})
        self.env["crm.seat"].sudo(self.users["admin"]).create(
            {"name": "A区-03", "extension": "8203"})
        outsider = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Not an agent", "login": "cc_seat_outsider",
            "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        with self.assertRaises(UserError):
            self.env["res.users"].sudo(outsider).cc_take_seat(self.a01.id)
        other_company = self.env["res.company"].create({"name": "分公司"})
        foreign = self.env["crm.seat"].create({"name": "C区-01", "extension": "8301",
                                               "company_id": other_company.id})
        with self.assertRaises(UserError):
            self.env["res.users"].sudo(self.agent).cc_take_seat(foreign.id)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                self.env.cr.savepoint():
            self.env["crm.seat"].create({"name": "dup", "extension": "8201"})
