import mimetypes
import os

import werkzeug

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class CallRecording(http.Controller):

    @http.route("/crm_callcenter/recording/<int:call_id>", type="http", auth="user")
    def recording(self, call_id, **kwargs):
        """Play a call's recording to a user allowed to read the call: a
        local file is streamed, a URL on the PBX's web server redirected to."""
        try:
            kind, location = request.env["crm.call"].browse(call_id).cc_recording_location()
        except (AccessError, MissingError):
            return request.not_found()
        if kind == "url":
            return werkzeug.utils.redirect(location, 303)
        if not os.path.isfile(location):
            return request.not_found()
        mimetype = mimetypes.guess_type(location)[0] or "application/octet-stream"
        with open(location, "rb") as handle:
            data = handle.read()
        return request.make_response(data, headers=[
            ("Content-Type", mimetype), ("Content-Length", str(len(data))),
            ("Content-Disposition", 'inline; filename="%s"' % os.path.basename(location)),
        ])
