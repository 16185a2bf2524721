"""The bus's poll in one SQL query.

Odoo's ``bus.bus.poll`` reads the new messages with ``search_read``, which
also reads and names every row's creator and writer. The one long-polling
process runs it for every waiting browser each time a message is sent, one
browser after another, so on a screen-pop burst the last agent's browser
waited for everybody else's ORM work (15–50 ms per wake-up measured). The
answer is the same: the messages on these channels after ``last`` (or of
the last TIMEOUT seconds on a first poll), in id order, plus the presence
of the partners the client asks about. Clients cannot call it remotely at
all (crm_security's RPC gate), and it answers the superuser only."""
import datetime
import json

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.tools.misc import DEFAULT_SERVER_DATETIME_FORMAT

from odoo.addons.bus.models.bus import TIMEOUT, json_dump


class BusBus(models.Model):
    _inherit = "bus.bus"

    @api.model
    def poll(self, channels, last=0, options=None, force_status=False):
        """Only the long-polling dispatcher (superuser) reads channels; it
        serves each browser the channels its session may listen to."""
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(_("Only the long-polling service reads the bus."))
        options = options or {}
        if last == 0:
            since = datetime.datetime.utcnow() - datetime.timedelta(seconds=TIMEOUT)
            after = "create_date > %s"
            bound = since.strftime(DEFAULT_SERVER_DATETIME_FORMAT)
        else:
            after, bound = "id > %s", last
        result = []
        if channels:
            self.env.cr.execute(
                "SELECT id, channel, message FROM bus_bus WHERE %s AND channel IN %%s "
                "ORDER BY id" % after, (bound, tuple(json_dump(c) for c in channels)))
            result = [{"id": row_id, "channel": json.loads(channel),
                       "message": json.loads(message)}
                      for row_id, channel, message in self.env.cr.fetchall()]
        if (result or force_status) and options.get("bus_presence_partner_ids"):
            # Odoo's own answer for no channel is just the presence rows
            result += super().poll([], last, options, force_status=True)
        return result
