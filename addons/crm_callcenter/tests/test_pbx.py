import socket

from odoo.exceptions import AccessError

from .common import CallCenterCase


def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestPbx(CallCenterCase):

    def setUp(self):
        super().setUp()
        self.pbx = self.env["crm.pbx"].sudo(self.users["admin"]).create({
            "name": "总部", "host": "127.0.0.1", "port": closed_port(),
            "username": "callcenter", "secret": "s3cret"})

    def test_secret_only_for_administrators(self):
        for role in ("supervisor", "manager"):
            with self.assertRaises(AccessError, msg=role):
                self.pbx.sudo(self.users[role]).read(["secret"])
        self.assertEqual(self.pbx.sudo(self.users["admin"]).secret, "s3cret")
        self.assertEqual(self.pbx.sudo(self.users["supervisor"]).host, "127.0.0.1")

    def test_unreachable_pbx_is_reported(self):
        self.pbx.sudo(self.users["admin"]).action_test_connection()
        self.assertEqual(self.pbx.state, "failed")
        self.assertIn("connection refused", self.pbx.last_test_message)

    def test_only_administrators_test_the_connection(self):
        with self.assertRaises(AccessError):
            self.pbx.sudo(self.users["supervisor"]).action_test_connection()
