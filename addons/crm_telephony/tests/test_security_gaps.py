"""Security review of the attack surface (issue 14), as the attacking role:
public methods that acted with sudo on what the caller named."""
import socket

from odoo.exceptions import AccessError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase


def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestSecurityGaps(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "上海分公司"})
        cls.agent = cls.users["agent"]
        cls.agent.extension = "8191"

    def test_dial_refuses_a_partner_the_agent_cannot_read(self):
        """cc_dial stored the caller's partner_id on the call with sudo: an
        agent could link (and so read through the call) any partner."""
        # an employee's private address: hidden from users by Odoo's rules
        foreign = self.env["res.partner"].create(
            {"name": "员工家庭住址", "type": "private", "mobile": "139 1087 0001"})
        with self.assertRaises(AccessError):
            foreign.sudo(self.agent).read(["name"])
        with self.assertRaises(AccessError):
            self.env["res.users"].sudo(self.agent).cc_dial(
                "139 1087 0001", partner_id=foreign.id)
        self.assertFalse(self.env["crm.call"].search(
            [("partner_id", "=", foreign.id)]))

    def test_pbx_test_of_another_company_refused(self):
        """An Administrator of one company probed (and rewrote the state of)
        another company's phone system."""
        pbx = self.env["crm.pbx"].create({
            "name": "分公司交换机", "host": "127.0.0.1", "port": closed_port(),
            "username": "callcenter", "secret": "s3cret",
            "company_id": self.other_company.id})
        with self.assertRaises(AccessError):
            pbx.sudo(self.users["admin"]).action_test_connection()
        self.assertFalse(pbx.last_test_date)

    def test_added_field_link_cannot_be_set_by_clients(self):
        """field_id is relabelled and dropped with sudo: pointing it at
        another field let an Administrator rename or drop any field."""
        Attribute = self.env["crm.customer.attribute"].sudo(self.users["admin"])
        first = Attribute.create({"name": "设备型号", "code": "gap_model",
                                  "attribute_type": "text"})
        second = Attribute.create({"name": "购买渠道", "code": "gap_channel",
                                   "attribute_type": "text"})
        target = second.field_id
        try:
            with self.assertRaises(AccessError):
                first.write({"field_id": target.id, "name": "改名"})
            with self.assertRaises(AccessError):
                Attribute.create({"name": "x", "code": "gap_other",
                                  "attribute_type": "text", "field_id": target.id})
            self.assertEqual(target.field_description, "购买渠道")
            self.assertEqual(first.field_id.name, "x_cc_gap_model")
            # relabelling its own field still works
            first.write({"name": "设备型号2"})
            self.assertEqual(first.field_id.field_description, "设备型号2")
        finally:
            (first | second).unlink()
        self.assertFalse(target.exists())

    def test_phone_bar_gives_seats_to_agents_only(self):
        self.env["crm.seat"].create({"name": "A区-09", "extension": "8209"})
        Users = self.env["res.users"].with_context(no_reset_password=True)
        portal = Users.create({
            "name": "Portal", "login": "cc_gap_portal",
            "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)]})
        internal = Users.create({
            "name": "Internal", "login": "cc_gap_internal",
            "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        for user in (portal, internal):
            try:
                bar = self.env["res.users"].sudo(user).cc_phone_bar()
            except AccessError:
                continue   # no bar at all is fine too
            self.assertEqual(bar["seats"], [], user.login)
            self.assertFalse(bar["enabled"], user.login)
        bar = self.env["res.users"].sudo(self.agent).cc_phone_bar()
        self.assertIn("A区-09", [seat["name"] for seat in bar["seats"]])
