"""The bus's poll in one SQL query.

Odoo's ``bus.bus.poll`` reads the new messages with ``search_read``, which
also reads and names every row's creator and writer. The one long-polling
process runs it for every waiting browser each time a message is sent, one
browser after another, so on a screen-pop burst the last agent's browser
waited for everybody else's ORM work (15–50 ms per wake-up measured). The
answer is the same: the messages on these channels after ``last`` (or of
the last TIMEOUT seconds on a first poll), in id order, plus the presence
of the partners the client asks about."""
import datetime
import functools
import json

import odoo.service.model
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.tools.misc import DEFAULT_SERVER_DATETIME_FORMAT

from odoo.addons.bus.models.bus import TIMEOUT, json_dump

#: models no client may call methods of over RPC (JSON-RPC ``call_kw`` and
#: XML-RPC ``execute``/``execute_kw``): Odoo's public ``sendone``/``sendmany``
#: create messages with sudo on any channel, ``poll`` reads any channel.
#: Python code keeps calling them; the browser uses ``/longpolling/*``.
RPC_REFUSED_MODELS = frozenset(["bus.bus"])


def check_rpc_model(model):
    """Raise AccessError for a model clients must not call over RPC."""
    if model in RPC_REFUSED_MODELS:
        raise AccessError(_("The model %s cannot be called remotely.") % model)


def _guard_execute_cr(execute_cr):
    if getattr(execute_cr, "_crm_rpc_guard", False):
        return execute_cr

    @functools.wraps(execute_cr)
    def guarded(cr, uid, obj, method, *args, **kw):
        check_rpc_model(obj)
        return execute_cr(cr, uid, obj, method, *args, **kw)
    guarded._crm_rpc_guard = True
    return guarded


# XML-RPC ``object.execute(_kw)`` ends in ``execute_cr`` (looked up as a
# module global at each call, so wrapping it here covers every database)
odoo.service.model.execute_cr = _guard_execute_cr(odoo.service.model.execute_cr)


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
