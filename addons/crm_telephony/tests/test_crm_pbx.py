"""Phone systems (crm.pbx): the AMI secret, the connection test, office
hours and holidays, and the media served only from its folders."""
import datetime
import socket

from odoo.exceptions import AccessError

from odoo.addons.crm_callcenter.tests.common import CallCenterCase

from .common import ListenerCase


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

    def test_office_hours_and_holidays(self):
        """CC-13: Mon-Fri 09:00-18:00 Beijing time, 2026-10-01 a holiday."""
        calendar = self.env["resource.calendar"].create({
            "name": "客服中心工作时间", "attendance_ids": [
                (0, 0, {"name": "day %d" % day, "dayofweek": str(day),
                        "hour_from": 9, "hour_to": 18}) for day in range(5)]})
        self.env["resource.calendar.leaves"].create({
            "name": "国庆节", "calendar_id": calendar.id,
            "date_from": "2026-09-30 16:00:00", "date_to": "2026-10-01 16:00:00"})
        self.pbx.write({"calendar_id": calendar.id, "tz": "Asia/Shanghai"})

        def state(utc):
            return self.pbx._cc_office_state(datetime.datetime(*utc))[0]
        self.assertEqual(state((2026, 11, 25, 2, 0)), "open")      # Wed 10:00 in Beijing
        self.assertEqual(state((2026, 11, 25, 0, 30)), "closed")   # Wed 08:30
        self.assertEqual(state((2026, 11, 25, 10, 0)), "closed")   # Wed 18:00 sharp
        self.assertEqual(state((2026, 11, 28, 2, 0)), "closed")    # Saturday
        self.assertEqual(state((2026, 10, 1, 2, 0)), "holiday")    # 国庆节, a Thursday
        self.assertEqual(self.pbx._cc_office_state(datetime.datetime(2026, 10, 1, 2))[1],
                         "国庆节")
        self.pbx.calendar_id = False
        self.assertEqual(state((2026, 11, 28, 2, 0)), "open", "no calendar: always open")

    def test_office_hours_token(self):
        token = self.pbx.sudo(self.users["admin"]).hours_token
        self.assertTrue(token and len(token) >= 32)
        self.assertTrue(self.pbx._cc_check_hours_token(token))
        self.assertFalse(self.pbx._cc_check_hours_token("wrong"))
        self.assertFalse(self.pbx._cc_check_hours_token(None))
        with self.assertRaises(AccessError):
            self.pbx.sudo(self.users["supervisor"]).read(["hours_token"])


class TestCrmPbxMedia(ListenerCase):

    def test_media_only_from_the_configured_folders(self):
        """C1/L3/L4: recordings and voicemail are served only from inside
        the phone system's folders, URLs only under its media URL."""
        self.pbx.write({"recording_root": "/var/spool/asterisk/monitor",
                        "voicemail_root": "/var/spool/asterisk/voicemail",
                        "media_url": "https://pbx.example.com/media/"})
        target = self.pbx.sudo(self.users["agent"])._cc_media_target
        self.assertEqual(target("/var/spool/asterisk/monitor/20261125/1.wav"),
                         ("file", "/var/spool/asterisk/monitor/20261125/1.wav"))
        self.assertEqual(target("/var/spool/asterisk/voicemail/crm/1.wav", "voicemail"),
                         ("file", "/var/spool/asterisk/voicemail/crm/1.wav"))
        self.assertEqual(target("https://pbx.example.com/media/1.wav"),
                         ("url", "https://pbx.example.com/media/1.wav"))
        for location, what in (("/etc/odoo/odoo.conf", "recording"),
                               ("/var/spool/asterisk/monitor/../../../etc/passwd", "recording"),
                               ("/var/spool/asterisk/voicemail/crm/1.wav", "recording"),
                               ("/var/spool/asterisk/monitor/1.wav", "voicemail"),
                               ("/proc/self/environ", "voicemail"),
                               ("https://evil.example/1.wav", "recording"),
                               ("https://pbx.example.com/other/1.wav", "voicemail")):
            with self.assertRaises(AccessError, msg=location):
                target(location, what)
