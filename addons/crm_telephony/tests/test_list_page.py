from odoo import fields
from odoo.exceptions import AccessError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

#: the lists that can grow to millions of rows and page through the mixin
CAPPED_LISTS = {
    "crm.call": "crm_telephony.crm_call_view_tree",
    "crm.agent.state.log": "crm_telephony.crm_agent_state_log_view_tree",
    "crm.call.ivr": "crm_telephony.crm_call_ivr_view_tree",
    "crm.operation.log": "crm_callcenter.crm_operation_log_view_tree",
    "crm.sms.message": "crm_customer.crm_sms_message_view_tree",
}


class TestListPage(CallCenterCase):
    """crm.list.page.mixin: a list's page and its pager count capped at a
    limit, both as the calling user (crm_capped_list.js)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.agent2 = Users.create({
            "name": "CC agent2", "login": "cc_list_agent2", "email": "l2@example.com",
            "groups_id": [(6, 0, cls.env.ref("crm_callcenter.group_agent").ids)]})
        cls.mine = cls.env["crm.call"]
        for index in range(3):
            cls.mine |= cls.add_call(cls.users["agent"], "list-%d" % index)
        cls.other = cls.add_call(cls.agent2, "list-other")
        cls.domain = [("id", "in", (cls.mine | cls.other).ids)]

    @classmethod
    def add_call(cls, user, linkedid):
        # written as the listener does: as the superuser
        return cls.env["crm.call"].create({
            "number": "+8613800138000", "state": "done", "result": "answered",
            "user_id": user.id, "linkedid": linkedid,
            "date_start": fields.Datetime.now(), "date_end": fields.Datetime.now()})

    def page(self, user, **kwargs):
        return self.env["crm.call"].sudo(user).cc_search_read_page(
            self.domain, ["number"], **kwargs)

    def test_rows_and_count_follow_the_record_rules(self):
        page = self.page(self.users["agent"], limit=80)
        self.assertEqual({row["id"] for row in page["records"]}, set(self.mine.ids),
                         "another agent's call is listed")
        self.assertEqual((page["length"], page["capped"]), (3, False))
        page = self.page(self.users["agent"], limit=2)
        self.assertEqual((page["length"], page["capped"]), (3, False),
                         "the count must not include another agent's call")
        self.assertEqual(self.page(self.users["manager"], limit=2)["length"], 4)

    def test_count_stops_at_the_limit_or_the_end_of_the_page(self):
        agent = self.users["agent"]
        page = self.page(agent, limit=1, count_limit=2)
        self.assertEqual(len(page["records"]), 1)
        self.assertEqual((page["length"], page["capped"]), (2, True),
                         "more than 2: the pager shows 2+")
        page = self.page(agent, limit=1, count_limit=3)
        self.assertEqual((page["length"], page["capped"]), (3, False))
        page = self.page(agent, offset=2, limit=1, count_limit=1)
        self.assertEqual((page["length"], page["capped"]), (3, False),
                         "the count reaches at least the end of the page")
        self.env["ir.config_parameter"].set_param("crm_callcenter.list_count_limit", "1")
        page = self.page(agent, limit=1)
        self.assertEqual((page["length"], page["capped"]), (1, True),
                         "the system parameter sets the limit")
        self.env["ir.config_parameter"].set_param("crm_callcenter.list_count_limit", "x")
        self.assertEqual(self.page(agent, limit=1)["length"], 3,
                         "a wrong parameter falls back to the default limit")

    def test_empty_and_unlimited_pages(self):
        agent = self.users["agent"]
        self.assertEqual(self.env["crm.call"].sudo(agent).cc_search_read_page(
            [("id", "=", self.other.id)], ["number"], limit=1),
            {"length": 0, "records": [], "capped": False})
        page = self.page(agent)
        self.assertEqual((len(page["records"]), page["length"], page["capped"]),
                         (3, 3, False))

    def test_users_without_read_access_get_nothing(self):
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Portal", "login": "cc_list_portal",
            "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)]})
        for model in CAPPED_LISTS:
            with self.assertRaises(AccessError, msg="portal reads %s" % model):
                self.env[model].sudo(portal).cc_search_read_page([], ["id"], limit=80)
        with self.assertRaises(AccessError):
            self.env["crm.call"].sudo(portal)._cc_count_capped([], 10)

    def test_big_lists_use_the_capped_pager(self):
        for model, view in CAPPED_LISTS.items():
            self.assertIn("crm.list.page.mixin",
                          [getattr(cls, "_name", None) for cls in type(self.env[model]).__mro__],
                          model)
            self.assertIn('js_class="crm_capped_list"', self.env.ref(view).arch_db,
                          "%s: the list counts every row for its pager" % view)

    def test_statistics_keep_every_agent(self):
        for table in ("crm_call", "crm_agent_state_log"):
            self.env.cr.execute("""
                SELECT attstattarget FROM pg_attribute
                 WHERE attrelid = %s::regclass AND attname = 'user_id'""", (table,))
            self.assertEqual(self.env.cr.fetchone()[0], 2000, table)
