"""Review C3, M7, M11 (call-center part), L7 and L10: each test performs the
attack as the attacking role, as it would over RPC."""
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


class SecurityCase(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.portal = Users.create({
            "name": "CC Portal", "login": "cc_portal_sec",
            "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)]})
        cls.pbx = cls.env["crm.pbx"].sudo(cls.users["admin"]).create({
            "name": "密钥", "host": "127.0.0.1", "port": 5038,
            "username": "callcenter", "secret": "s3cret", "cdr_file": "/tmp/Master.csv"})
        cls.users["agent"].sudo(cls.users["admin"]).write(
            {"cc_phone_password": "sip-pass", "extension": "1001"})


class TestSecrets(SecurityCase):

    def test_secrets_live_in_the_admin_only_table(self):
        self.env.cr.execute("""SELECT name, value FROM crm_secret
                                WHERE res_model = 'crm.pbx' AND res_id = %s""", (self.pbx.id,))
        values = dict(self.env.cr.fetchall())
        self.assertEqual(values.get("secret"), "s3cret")
        self.assertEqual(values.get("cdr_file"), "/tmp/Master.csv")
        self.assertTrue(values.get("hours_token"), "the default token is stored too")
        self.assertFalse(self.env["crm.pbx"]._fields["secret"].store)
        for role in ("agent", "supervisor", "manager"):
            with self.assertRaises(AccessError, msg=role):
                self.env["crm.secret"].sudo(self.users[role]).search([])
        with self.assertRaises(AccessError):
            self.env["crm.secret"].sudo(self.portal).search_count([])

    def test_code_and_administrators_read_them(self):
        self.assertEqual(self.pbx.sudo().secret, "s3cret", "the listener reads as superuser")
        self.assertEqual(self.pbx._cc_secret("secret"), "s3cret")
        self.assertEqual(self.pbx.sudo(self.users["admin"]).read(["secret"])[0]["secret"],
                         "s3cret")
        self.pbx.sudo(self.users["admin"]).write({"secret": "n3w"})
        self.assertEqual(self.pbx.sudo().secret, "n3w")
        self.assertTrue(self.pbx._cc_check_hours_token(self.pbx.sudo().hours_token))

    def test_supervisor_cannot_group_search_or_export_the_ami_secret(self):
        Pbx = self.env["crm.pbx"].sudo(self.users["supervisor"])
        with self.assertRaises(AccessError):
            Pbx.read_group([], ["host", "secret"], ["secret"], lazy=False)
        with self.assertRaises(AccessError):
            Pbx.search_count([("secret", "=like", "s%")])
        with self.assertRaises(AccessError):
            Pbx.search_count([("hours_token", "!=", False)])
        with self.assertRaises(AccessError):
            Pbx.browse(self.pbx.id).export_data(["name", "cdr_file"])
        with self.assertRaises(AccessError):
            self.env["crm.call"].sudo(self.users["supervisor"]).search_count(
                [("pbx_id.secret", "=like", "s%")])
        # what a supervisor may see still works
        self.assertEqual(Pbx.search_count([("id", "=", self.pbx.id)]), 1)

    def test_nobody_reads_a_secret_through_a_computation(self):
        """The value is only computed for Administrators, whatever the path."""
        pbx = self.pbx.sudo(self.users["supervisor"])
        self.assertFalse(pbx.secret)
        self.assertFalse(pbx.hours_token)
        self.assertFalse(self.users["agent"].sudo(self.users["manager"]).cc_phone_password)

    def test_portal_cannot_get_the_agents_phone_passwords(self):
        Users = self.env["res.users"].sudo(self.portal)
        with self.assertRaises(AccessError):
            Users.read_group([], ["cc_phone_password"], ["cc_phone_password"], lazy=False)
        with self.assertRaises(AccessError):
            Users.search_count([("cc_phone_password", "=like", "s%")])
        with self.assertRaises(AccessError):
            self.env["res.partner"].sudo(self.portal).search_count(
                [("user_ids.cc_phone_password", "=like", "s%")])
        with self.assertRaises(AccessError):
            Users.browse(self.users["agent"].id).export_data(["cc_phone_password"])
        with self.assertRaises(AccessError):
            Users.browse(self.users["agent"].id).read(["cc_phone_password"])
        self.assertEqual(self.users["agent"].sudo().cc_phone_password, "sip-pass")

    def test_legacy_columns_are_moved_on_update(self):
        """A database made before the secrets table keeps its values (the
        DDL is rolled back with the test)."""
        cr = self.env.cr
        cr.execute("ALTER TABLE crm_pbx ADD COLUMN secret varchar")
        cr.execute("UPDATE crm_pbx SET secret = 'old-secret' WHERE id = %s", (self.pbx.id,))
        cr.execute("DELETE FROM crm_secret WHERE res_model = 'crm.pbx' AND name = 'secret'")
        self.env["crm.secret"].init()
        cr.execute("""SELECT 1 FROM information_schema.columns
                       WHERE table_name = 'crm_pbx' AND column_name = 'secret'""")
        self.assertFalse(cr.fetchone(), "the clear-text column is dropped")
        self.env["crm.pbx"].invalidate_cache()
        self.assertEqual(self.pbx.sudo().secret, "old-secret")


class TestInternalFields(SecurityCase):
    """M11: what portal users cannot read, search or group over RPC."""

    def test_portal_reads_no_agent_fields(self):
        Users = self.env["res.users"].sudo(self.portal)
        agent = Users.browse(self.users["agent"].id)
        for name in ("extension", "agent_number", "crm_department_id", "cc_agent_state",
                     "cc_on_hold", "cc_seat_id"):
            with self.assertRaises(AccessError, msg=name):
                agent.read([name])
        with self.assertRaises(AccessError):
            Users.read_group([], ["extension"], ["extension"], lazy=False)
        with self.assertRaises(AccessError):
            self.env["res.partner"].sudo(self.portal).search_count(
                [("user_ids.extension", "=like", "1%")])

    def test_portal_reads_no_classification_of_its_own_partner(self):
        partner = self.portal.partner_id
        partner.write({"comment": "difficult customer",
                       "cc_value_level_id": self.env["crm.dictionary"].search(
                           [("dict_type", "=", "value_level")], limit=1).id})
        own = partner.sudo(self.portal)
        for name in ("comment", "cc_value_level_id", "cc_category_id"):
            with self.assertRaises(AccessError, msg=name):
                own.read([name])
        self.assertEqual(own.read(["name"])[0]["name"], "CC Portal")


class TestSms(SecurityCase):
    """M7: the gateway key, bulk sending, the SMS log."""

    def setUp(self):
        super().setUp()
        self.gateway = self.env["crm.sms.gateway"].sudo(self.users["admin"]).create({
            "name": "provider", "provider": "http",
            "url_template": "https://sms.invalid/send?key=K3Y&to={number}"})
        self.customer = self.new_customer(name="短信客户", mobile="13500002222")

    def test_agents_cannot_read_the_gateway_key(self):
        gateway = self.gateway.sudo(self.users["agent"])
        with self.assertRaises(AccessError):
            gateway.read(["url_template"])
        with self.assertRaises(AccessError):
            gateway.search_count([("url_template", "like", "K3Y")])
        self.assertEqual(gateway.read(["name"])[0]["name"], "provider")
        self.assertIn("K3Y", self.gateway._cc_secret("url_template"))

    def wizard(self, role, partners):
        return self.env["res.partner.bulk.message"].sudo(self.users[role]).create({
            "channel": "sms", "body": "x", "partner_ids": [(6, 0, partners.ids)],
            "gateway_id": self.env.ref("crm_customer.crm_sms_gateway_log").id})

    def test_agents_cannot_bulk_send(self):
        with self.assertRaises(AccessError):
            self.wizard("agent", self.customer).action_send()

    def test_recipients_are_capped(self):
        self.env["ir.config_parameter"].set_param(
            "crm_callcenter.bulk_message_max_recipients", "1")
        other = self.new_customer(name="短信客户二", mobile="13500003333")
        with self.assertRaises(UserError):
            self.wizard("supervisor", self.customer | other).action_send()
        wizard = self.wizard("supervisor", self.customer)
        wizard.action_send()
        self.assertIn("1 sent", wizard.result)

    def test_agents_read_only_the_sms_they_sent(self):
        Message = self.env["crm.sms.message"]
        mine = Message.create({"partner_id": self.customer.id, "number": "1", "body": "a",
                               "user_id": self.users["agent"].id, "state": "sent"})
        theirs = Message.create({"partner_id": self.customer.id, "number": "1", "body": "b",
                                 "user_id": self.users["supervisor"].id, "state": "sent"})
        seen = Message.sudo(self.users["agent"]).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(seen, mine)
        seen = Message.sudo(self.users["supervisor"]).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(seen, mine | theirs)


class TestCompaniesAndContacts(SecurityCase):
    """L7 and L10."""

    def test_other_company_configuration_is_hidden(self):
        other = self.env["res.company"].create({"name": "另一公司"})
        pbx = self.env["crm.pbx"].create({"name": "other", "username": "x",
                                          "company_id": other.id})
        gateway = self.env["crm.sms.gateway"].create({"name": "other", "company_id": other.id})
        department = self.env["crm.department"].create({"name": "other", "company_id": other.id})
        for record in (pbx, gateway, department):
            self.assertFalse(record.sudo(self.users["admin"]).search_count(
                [("id", "=", record.id)]), record._name)
        self.assertEqual(self.env["crm.pbx"].sudo(self.users["admin"]).search_count(
            [("id", "=", self.pbx.id)]), 1)

    def test_pop_summary_needs_read_access(self):
        """The profile is read as superuser: only for a partner the caller reads."""
        customer = self.new_customer(name="本司客户")
        self.assertFalse(customer.sudo(self.portal)._cc_pop_summary())
        self.assertIn("本司客户", customer.sudo(self.users["agent"])._cc_pop_summary())

    def test_agents_cannot_write_internal_users_contacts(self):
        admin_partner = self.env.ref("base.user_root").partner_id
        for partner in (admin_partner, self.users["manager"].partner_id):
            with self.assertRaises(AccessError):
                partner.sudo(self.users["agent"]).write({"email": "x@evil.example"})
        own = self.users["agent"].partner_id.sudo(self.users["agent"])
        own.write({"phone": "010 1234 5678"})
        customer = self.new_customer(name="可改客户")
        customer.sudo(self.users["agent"]).write({"email": "ok@example.com"})
        portal_partner = self.portal.partner_id.sudo(self.users["agent"])
        portal_partner.write({"email": "portal@example.com"})
        self.users["manager"].partner_id.sudo(self.users["admin"]).write(
            {"email": "manager@example.com"})
