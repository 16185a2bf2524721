"""The sentences of the plain telephony/probe.py reach a Chinese
Administrator in Chinese: the probe marks them and carries template and
values apart, the phone system's connection test translates the template
in the user's language (docs/ARCHITECTURE.md, "Messages of the plain
packages")."""
import socket

from odoo.addons.crm_callcenter.tests.common import CallCenterCase, load_chinese


def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestPackageMessages(CallCenterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, ("crm_callcenter", "crm_customer", "crm_telephony"))

    def test_unreachable_pbx_reads_in_chinese(self):
        port = closed_port()
        pbx = self.env["crm.pbx"].sudo(self.users["admin"]).with_context(lang="zh_CN").create({
            "name": "总部", "host": "127.0.0.1", "port": port,
            "username": "callcenter", "secret": "s3cret"})
        pbx.action_test_connection()
        self.assertEqual(pbx.state, "failed")
        self.assertEqual(
            pbx.last_test_message,
            "127.0.0.1:%d 无人应答（连接被拒绝）：请检查主机、端口，以及 manager.conf "
            "中是否已启用 AMI。" % port)
