import mimetypes
import os

import werkzeug
import werkzeug.wrappers

from odoo import SUPERUSER_ID, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class CallRecording(http.Controller):

    @http.route("/crm_callcenter/recording/<int:call_id>", type="http", auth="user")
    def recording(self, call_id, what="recording", **kwargs):
        """Play a call's recording (or, ``what=voicemail``, the message the
        caller left) to a user allowed to read the call: a file inside the
        phone system's recordings (voicemail) folder is streamed, a URL under
        its media URL redirected to; anything else is not found."""
        what = "voicemail" if what == "voicemail" else "recording"
        try:
            call = request.env["crm.call"].browse(call_id)
            _kind, location = call._cc_recording_location(what)
            kind, location = call.sudo().pbx_id._cc_media_target(location, what)
        except (AccessError, MissingError, ValueError):
            return request.not_found()
        if kind == "url":
            return werkzeug.utils.redirect(location, 303)
        if not os.path.isfile(location):
            return request.not_found()
        mimetype = mimetypes.guess_type(location)[0] or "application/octet-stream"
        if not mimetype.startswith("audio/"):
            mimetype = "application/octet-stream"
        with open(location, "rb") as handle:
            data = handle.read()
        return request.make_response(data, headers=[
            ("Content-Type", mimetype), ("Content-Length", str(len(data))),
            ("Cache-Control", "private, no-store"), ("X-Content-Type-Options", "nosniff"),
            ("Content-Disposition", 'inline; filename="%s"' % os.path.basename(location)),
        ])


class OfficeHours(http.Controller):

    @http.route("/crm_callcenter/office_hours/<int:pbx_id>", type="http", auth="none",
                csrf=False)
    def office_hours(self, pbx_id, token=None, **kwargs):
        """For the dialplan (CURL): ``open``, ``closed`` or ``holiday``
        (plain text), or 403 with a wrong token. ``?db=`` picks the database
        when the server has several."""
        if not request.db:
            return werkzeug.wrappers.Response("no database", status=404,
                                              content_type="text/plain")
        env = request.env(user=SUPERUSER_ID)
        pbx = env["crm.pbx"].browse(pbx_id).exists()
        if not pbx or not pbx._cc_check_hours_token(token):
            return werkzeug.wrappers.Response("forbidden", status=403,
                                              content_type="text/plain")
        state, _holiday = pbx._cc_office_state()
        return request.make_response(state, headers=[
            ("Content-Type", "text/plain"), ("Cache-Control", "no-store")])
