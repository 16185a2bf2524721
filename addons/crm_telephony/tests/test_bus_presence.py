import datetime

from odoo import api
from odoo.tests.common import TransactionCase
from odoo.tools.misc import DEFAULT_SERVER_DATETIME_FORMAT

from odoo.addons.bus.models.bus_presence import DISCONNECTION_TIMER
from odoo.addons.crm_telephony.models.bus_presence import PRESENCE_WRITE_SECONDS, presence_is_fresh


def stamp(moment):
    return moment.strftime(DEFAULT_SERVER_DATETIME_FORMAT)


class TestBusPresence(TransactionCase):
    """A long poll writes the presence only when the stored one is older
    than PRESENCE_WRITE_SECONDS (re-polls after a pop cost no write)."""

    def setUp(self):
        super().setUp()
        self.now = datetime.datetime.now()  # Odoo's presence clock
        self.window = datetime.timedelta(seconds=PRESENCE_WRITE_SECONDS)

    def test_never_shown_offline(self):
        # a presence written at most every PRESENCE_WRITE_SECONDS, even by a
        # browser whose poll was answered at once, is never older than
        # the time after which Odoo shows the user offline
        self.assertLess(PRESENCE_WRITE_SECONDS * 2, DISCONNECTION_TIMER)

    def test_fresh(self):
        second = datetime.timedelta(seconds=1)
        now, recent = self.now, stamp(self.now - second)
        self.assertTrue(presence_is_fresh(recent, recent, now, 0))
        # idle for an hour, presence stored an hour ago: nothing to change
        idle = stamp(now - datetime.timedelta(hours=1))
        self.assertTrue(presence_is_fresh(recent, idle, now, 3600 * 1000))

    def test_stale(self):
        second = datetime.timedelta(seconds=1)
        now, recent = self.now, stamp(self.now - second)
        old = stamp(now - self.window - second)
        self.assertFalse(presence_is_fresh(old, recent, now, 0), "last poll too old")
        # back at the keyboard after an hour away: presence must move now
        self.assertFalse(presence_is_fresh(recent, old, now, 0), "activity not recorded")
        self.assertFalse(presence_is_fresh(None, None, now, 0), "no presence yet")

    def set_presence(self, cr, user, moment):
        cr.execute("DELETE FROM bus_presence WHERE user_id = %s", (user.id,))
        cr.execute("INSERT INTO bus_presence (user_id, last_poll, last_presence, status) "
                   "VALUES (%s, %s, %s, 'online')", (user.id, stamp(moment), stamp(moment)))

    def last_poll(self, cr, user):
        cr.execute("SELECT last_poll FROM bus_presence WHERE user_id = %s", (user.id,))
        return cr.fetchone()[0]

    def test_update_skips_fresh_presence(self):
        user = self.env.ref("base.user_demo")
        moment = (self.now - datetime.timedelta(seconds=5)).replace(microsecond=0)
        self.set_presence(self.env.cr, user, moment)
        self.env["bus.presence"].sudo(user).update(0)
        self.assertEqual(self.last_poll(self.env.cr, user), stamp(moment))

    def test_update_writes_stale_presence(self):
        # Odoo's update commits: a cursor of its own, the row put back after
        user = self.env.ref("base.user_demo")
        moment = (self.now - self.window * 2).replace(microsecond=0)
        with self.registry.cursor() as cr:
            cr.execute("SELECT last_poll, last_presence, status FROM bus_presence "
                       "WHERE user_id = %s", (user.id,))
            before = cr.fetchone()
            try:
                self.set_presence(cr, user, moment)
                cr.commit()  # pylint: disable=invalid-commit
                api.Environment(cr, user.id, {})["bus.presence"].update(0)
                self.assertGreater(self.last_poll(cr, user), stamp(moment))
            finally:
                cr.rollback()
                cr.execute("DELETE FROM bus_presence WHERE user_id = %s", (user.id,))
                if before:
                    cr.execute("INSERT INTO bus_presence (user_id, last_poll, last_presence, "
                               "status) VALUES (%s, %s, %s, %s)", (user.id,) + before)
                cr.commit()  # pylint: disable=invalid-commit
