"""The agent's presence, written when it changes what others see.

Odoo writes ``bus_presence`` and commits on every long poll of every
browser. A poll answered by a pop is followed at once by the next one, so a
burst of 50 pops meant 50 writes and 50 commits in the one long-polling
process before the next burst's pops could go out. Nobody sees the
difference between a presence written now and one written
``PRESENCE_WRITE_SECONDS`` ago: a user shows offline only after
``DISCONNECTION_TIMER`` (55 s) without a poll and away after
``AWAY_TIMER`` (30 min) without activity."""
import datetime

from odoo import api, models
from odoo.tools.misc import DEFAULT_SERVER_DATETIME_FORMAT

PRESENCE_WRITE_SECONDS = 20


def presence_is_fresh(last_poll, last_presence, now, inactivity_ms):
    """Whether the stored presence (``last_poll``, ``last_presence`` as
    server datetime strings) says what a write at ``now`` (naive UTC)
    would, within PRESENCE_WRITE_SECONDS."""
    if not last_poll or not last_presence:
        return False
    window = datetime.timedelta(seconds=PRESENCE_WRITE_SECONDS)
    active_at = now - datetime.timedelta(milliseconds=inactivity_ms or 0)
    stored_poll = datetime.datetime.strptime(last_poll, DEFAULT_SERVER_DATETIME_FORMAT)
    stored_presence = datetime.datetime.strptime(last_presence, DEFAULT_SERVER_DATETIME_FORMAT)
    return now - stored_poll < window and active_at - stored_presence < window


class BusPresence(models.Model):
    _inherit = "bus.presence"

    @api.model
    def update(self, inactivity_period):
        """Odoo's update (write and commit), unless the stored presence is
        fresh (one indexed read instead)."""
        self.env.cr.execute(
            "SELECT to_char(last_poll, 'YYYY-MM-DD HH24:MI:SS'), "
            "       to_char(last_presence, 'YYYY-MM-DD HH24:MI:SS') "
            "  FROM bus_presence WHERE user_id = %s", (self.env.uid,))
        row = self.env.cr.fetchone()
        # Odoo's own clock for presences (the server runs in UTC)
        if row and presence_is_fresh(row[0], row[1], datetime.datetime.now(),
                                     inactivity_period):
            return None
        return super().update(inactivity_period)
