"""A browser's long poll, cheaper to set up.

Every answered poll (each pop) is followed at once by the browser's next
poll, and with a full floor a burst of 50 pops brings 50 of them to the one
long-polling process together: the next burst's pops wait until they are
all set up. Odoo's add-ons (mail's and calendar's ``_poll``) read the
agent's ``partner_id`` through the ORM's prefetch, that is the whole
``res.users`` row and its partner's: 13 of the 33 ms a re-poll cost
(py-spy, docs/PERFORMANCE.md). The long poll's environment reads only the
fields asked for; what it answers is the same. It is set here, when the
request's user is known, because the controllers' ``_poll`` overrides run
in an order that depends on the add-ons installed.

The page's session also carries the server's time when the page was made
(``cc_server_time``): a screen pop sent before it is one of the messages a
page's first poll brings from the last 50 s, and the page opens it only if
its call has not ended (crm_callcenter_phone.js)."""
import time

from odoo import models
from odoo.http import request

LONG_POLL_PATH = "/longpolling/poll"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate(cls, auth_method="user"):
        result = super()._authenticate(auth_method)
        if request.httprequest.path == LONG_POLL_PATH:
            request.context = dict(request.context, prefetch_fields=False)
        return result

    def session_info(self):
        info = super().session_info()
        info["cc_server_time"] = time.time()
        return info
