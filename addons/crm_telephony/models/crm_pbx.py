# size: one model, the phone system's settings and the jobs they drive (connection test,
# office hours, stale calls, CDR reading)
"""A phone system (Asterisk reached through AMI): its connection, media
folders and listener state; its office hours and holidays (CC-13), which
the dialplan reads over HTTP to choose after-hours prompts; when its live
calls are stale (the live monitor); where its CDRs are read to recover
the calls the listener missed (CC-7: crm.call.store stores them)."""
import datetime
import hmac
import logging
import os
import uuid

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_customer import phone as phonelib
from odoo.addons.crm_security.models.owned_fields import LISTENER

from ..constants import STALE_RINGING_MINUTES, STALE_TALKING_MINUTES
from ..telephony import cdr, files
from ..telephony.ami import AMIError, BlockingClient
from ..telephony.probe import ProbeError, probe

_logger = logging.getLogger(__name__)

CDR_READ_CAP = 16 * 1024 * 1024  # bytes read from the CDR file per run


class CrmPbx(models.Model):
    """An Asterisk PBX reached through AMI, one or more per company."""

    _name = "crm.pbx"
    _inherit = ["crm.secret.mixin"]
    _description = "Phone System (Asterisk AMI)"
    _order = "company_id, sequence, id"
    #: what only the listener process writes (its state and its node)
    _crm_owned_fields = dict.fromkeys(
        ("listener_state", "listener_date", "listener_message", "listener_node",
         "listener_node_since", "listener_epoch"), LISTENER)

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id)
    host = fields.Char(required=True, default="127.0.0.1")
    port = fields.Integer(required=True, default=5038)
    username = fields.Char("AMI User", required=True)
    secret = fields.Char(
        "AMI Secret", compute="_compute_cc_secret", inverse="_inverse_cc_secret",
        groups="crm_callcenter.group_admin",
        help="Readable by Administrators only (kept in the secrets table).")
    timeout = fields.Float("Timeout (s)", default=5.0)
    state = fields.Selection(
        [("untested", "Not Tested"), ("ok", "Connected"), ("failed", "Failed")],
        default="untested", readonly=True, copy=False)
    asterisk_version = fields.Char(readonly=True, copy=False)
    last_test_date = fields.Datetime("Last Test", readonly=True, copy=False)
    last_test_message = fields.Char(readonly=True, copy=False)
    agent_interface = fields.Char(
        "Agent Device", required=True, default="PJSIP/{extension}",
        help="The device of an agent's phone; {extension} is replaced by the "
             "agent's extension (e.g. PJSIP/{extension}, SIP/{extension}, "
             "Local/{extension}@agents).")
    outbound_context = fields.Char(
        default="from-internal",
        help="Dialplan context used for click-to-call and transfers.")
    dial_prefix = fields.Char(
        help="Digits dialled before an outside number (e.g. 9 or 0), if the "
             "dialplan needs one.")
    default_queue = fields.Char(help="Queue agents log in to from the phone bar.")
    survey_extension = fields.Char(
        help="Extension of the satisfaction survey in the dialplan; the phone bar's "
             "\"Transfer to Survey\" sends the caller there (see docs/PBX.md).")
    hold_context = fields.Char(
        default="crm-hold",
        help="Dialplan context where \"Hold\" parks the caller with music on hold; "
             "the agent waits in the same context's \"agent\" extension until "
             "\"Resume\" bridges them again (see docs/PBX.md).")
    conference_context = fields.Char(
        default="crm-conference",
        help="Dialplan context whose extensions are ConfBridge rooms; a three-way "
             "call moves the caller and the agent into the agent's room and dials "
             "the third party into it (see docs/PBX.md).")
    voicemail_pattern = fields.Char(
        "Voicemail Location",
        help="Where Odoo finds a message the dialplan recorded, from the File it "
             "reports: {file} (the full path on the PBX) or {basename} (the file name), "
             "e.g. https://pbx.example.com/voicemail/{basename} or /mnt/pbx/voicemail/"
             "{basename}. Empty: the reported path is read as it is.")
    recording_pattern = fields.Char(
        "Recording Location",
        help="Where Odoo finds a call's MixMonitor recording: a file path or a URL "
             "with {linkedid}, {uniqueid}, {date} (YYYYMMDD), {year}/{month}/{day}, "
             "{file} or {basename} (the file the PBX reported), e.g. "
             "/var/spool/asterisk/monitor/{date}/{linkedid}.wav or "
             "https://pbx.example.com/recordings/{date}/{basename}. A call has a "
             "recording only when the dialplan reported its file (CrmRecording, see "
             "docs/PBX.md) or the file is found in the Recordings Folder. Empty: the "
             "reported path as it is.")
    recording_root = fields.Char(
        "Recordings Folder", default="/var/spool/asterisk/monitor",
        groups="crm_callcenter.group_admin",
        help="Recordings are played only from files inside this folder (as the Odoo "
             "server sees it), whatever the recording location says.")
    voicemail_root = fields.Char(
        "Voicemail Folder", default="/var/spool/asterisk/voicemail",
        groups="crm_callcenter.group_admin",
        help="Voicemail messages are played only from files inside this folder.")
    cdr_root = fields.Char(
        "CDR Folder", default="/var/log/asterisk/cdr-csv",
        groups="crm_callcenter.group_admin",
        help="The CDR file is read only when it lies inside this folder.")
    media_url = fields.Char(
        "PBX Media URL", groups="crm_callcenter.group_admin",
        help="Recordings and voicemail given as URLs are opened only when they start "
             "with this address, e.g. https://pbx.example.com/recordings/. Empty: "
             "URLs are refused.")
    listener_state = fields.Selection(
        [("stopped", "Not Running"), ("connected", "Connected"),
         ("unreachable", "PBX Unreachable"), ("reconnecting", "Reconnecting")], "Listener",
        default="stopped",
        help="PBX Unreachable: the listener runs but cannot reach the phone system; it "
             "tries again every 2 seconds (agents see \"PBX Unreachable\").",
        readonly=True, copy=False)
    listener_date = fields.Datetime("Listener Since", readonly=True, copy=False)
    listener_message = fields.Char(readonly=True, copy=False)
    listener_node = fields.Char(
        readonly=True, copy=False,
        help="The server (host name:process id) whose telephony listener holds this "
             "phone system. Every node may run a listener; one listens, the others "
             "stand by and take over within seconds if it stops (see docs/PBX.md).")
    listener_node_since = fields.Datetime(readonly=True, copy=False)
    listener_epoch = fields.Integer(
        readonly=True, copy=False,
        help="Incremented by each takeover: a listener that lost the phone system "
             "can no longer write (fencing).")
    # office hours and holidays (CC-13)
    calendar_id = fields.Many2one(
        "resource.calendar", "Office Hours",
        default=lambda self: self.env.user.company_id.resource_calendar_id,
        help="Working days and hours of the call center; its global leaves are "
             "the holidays. Empty: always open.")
    tz = fields.Selection(
        "_tz_list", "Time Zone", default="Asia/Shanghai", required=True,
        help="Time zone of the office hours.")
    hours_token = fields.Char(
        "Office-Hours Token", compute="_compute_cc_secret", inverse="_inverse_cc_secret",
        groups="crm_callcenter.group_admin",
        default=lambda self: uuid.uuid4().hex,
        help="Secret the dialplan sends to read the office hours (docs/PBX.md).")
    hours_url = fields.Char("Office-Hours URL", compute="_compute_hours_url",
                            groups="crm_callcenter.group_admin")
    # when a live call is stale (the live monitor)
    stale_ringing_minutes = fields.Integer(
        "Ringing Calls Stale After (min)", default=STALE_RINGING_MINUTES,
        help="A call still ringing or waiting in a queue this long is flagged on the live "
             "monitor and ended as \"interrupted\" (the listener missed its end). Longer "
             "than the longest wait your queues allow; 0: never.")
    stale_talking_minutes = fields.Integer(
        "Calls in Progress Stale After (min)", default=STALE_TALKING_MINUTES,
        help="A call still in progress this long after its answer is flagged on the live "
             "monitor and ended as \"interrupted\"; 0: never.")

    @api.model
    def _tz_list(self):
        return [(name, name) for name in pytz.common_timezones]

    def _compute_hours_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for pbx in self:
            pbx.hours_url = "%s/crm_callcenter/office_hours/%s?db=%s&token=%s" % (
                base, pbx.id or 0, self.env.cr.dbname,
                isinstance(pbx.id, int) and pbx._cc_secret("hours_token") or "")

    @api.multi
    def action_test_connection(self):
        """Log in with the AMI user and ask the Asterisk version; the result
        is shown on the form (nothing is raised, so it is kept)."""
        self.ensure_one()
        if not (self.env.user._is_superuser()
                or self.env.user.has_group("crm_callcenter.group_admin")):
            raise AccessError(_("Only Administrators can test the phone system."))
        # their own company's phone system only (the record rules)
        self.check_access_rights("write")
        self.check_access_rule("write")
        pbx = self.sudo()
        values = {"last_test_date": fields.Datetime.now()}
        try:
            answer = probe(pbx.host, pbx.port, pbx.username, pbx.secret or "",
                           timeout=pbx.timeout or 5.0)
        except ProbeError as error:
            values.update(state="failed",
                          last_test_message=_(error.template) % error.params)
        else:
            values.update(
                state="ok", asterisk_version=answer["version"],
                last_test_message=_("Logged in; Asterisk %s (%s).")
                % (answer["version"] or _("version unknown"), answer["banner"]))
        pbx.write(values)
        return True

    # ------------------------------------------------------------ media
    def _cc_media_target(self, location, what="recording"):
        """("url", url) or ("file", real path) for a recording or voicemail
        location, only when it lies under this phone system's media URL or
        folder; :class:`AccessError` otherwise (the location comes from
        patterns and from the PBX's events: never trusted as it is)."""
        self.ensure_one()
        pbx = self.sudo()
        try:
            if "://" in (location or ""):
                return "url", files.url_under(location, pbx.media_url)
            root = pbx.voicemail_root if what == "voicemail" else pbx.recording_root
            return "file", files.resolve_under(location, root)
        except files.OutsideRoot:
            raise AccessError(_("This file is outside the phone system's media folders."))

    # ------------------------------------------------------------ actions
    def _cc_agent_interface(self, extension):
        """The device of the phone with this extension (the agent interface
        template filled in); an extension that is not plain digits is
        refused, so it can never widen a ChanSpy prefix or split arguments."""
        if not phonelib.is_extension(extension or ""):
            raise UserError(_("The extension %s is not valid: use digits only.") % (
                extension or ""))
        return (self.agent_interface or "PJSIP/{extension}").format(extension=extension)

    def _cc_agent_channel(self, extension):
        return self._cc_agent_interface(extension)

    def _cc_dial_string(self, number, e164=None):
        """What the dialplan is asked to dial for a user-typed number: the
        dial prefix, then digits built from the parsed number only (the
        national number at home, 00 + country code abroad; an extension or
        trailing digits typed after it are never dialled). UserError when
        it is not a phone number."""
        country = self.company_id.country_id
        digits = phonelib.dial_digits(number, country.code, country.phone_code)
        if not digits:
            raise UserError(_("%s is not a phone number that can be dialled.") % (number or ""))
        return (self.dial_prefix or "") + digits

    def _cc_region(self):
        """Country code for the numbers this phone system sends without one
        (the company's country, read from its partner: the company's own
        field is computed, which costs more than the listener's batch)."""
        self.env.cr.execute("""
            SELECT country.code
              FROM crm_pbx pbx
              JOIN res_company company ON company.id = pbx.company_id
              JOIN res_partner partner ON partner.id = company.partner_id
              JOIN res_country country ON country.id = partner.country_id
             WHERE pbx.id = %s""", (self.id,))
        row = self.env.cr.fetchone()
        return row[0] if row else False

    def _cc_recording_for(self, record):
        """Recording location of a finished, answered call (CC-7), only
        when there is one (issue 16: every answered call had a path, also
        when nothing was recorded): the PBX reported the file (``recording``:
        the dialplan's ``UserEvent(CrmRecording,File: ...)``), which the
        Recording Location turns into what Odoo opens ({file}, {basename}
        or the call's placeholders; empty: the reported path); or else the
        pattern's file exists inside the Recordings Folder. A URL pattern
        without a report is never guessed. ``record``: a
        :class:`~..telephony.calls.CallRecord` snapshot."""
        if not record.answer or record.end is None:
            return False
        reported = record.recording or ""
        if not self.recording_pattern:
            return reported or False
        start = localtime.from_epoch(record.start or record.answer)
        try:
            location = self.recording_pattern.format(
                linkedid=record.linkedid,
                uniqueid=record.caller_uniqueid or record.linkedid,
                date=start.strftime("%Y%m%d"), year=start.strftime("%Y"),
                month=start.strftime("%m"), day=start.strftime("%d"),
                file=reported, basename=os.path.basename(reported))
        except (KeyError, IndexError, ValueError):
            return reported or False
        if reported:
            return location
        if "://" in location:
            return False
        try:
            return location if os.path.isfile(
                files.resolve_under(location, self.sudo().recording_root)) else False
        except files.OutsideRoot:
            return False

    def _cc_run(self, work):
        """``work(client)`` on a short AMI session (a logged-in
        :class:`~..telephony.ami.BlockingClient`); errors become a sentence
        for the user (UserError). No asyncio here: it works alike in a
        threaded, prefork or gevent server (issue 16)."""
        pbx = self.sudo()
        timeout = pbx.timeout or 5.0
        try:
            with BlockingClient(pbx.host, pbx.port, pbx.username, pbx.secret or "",
                                timeout=timeout) as client:
                return work(client)
        except AMIError as error:
            raise UserError(_("The phone system refused %s: %s") % (
                pbx.name, error.response.get("Message") or error))
        except ValueError:
            # the AMI client refuses line breaks and the like in any field
            raise UserError(_("A value cannot be sent to the phone system %s; nothing "
                              "was sent.") % pbx.name)
        except OSError as error:  # refused, reset, timed out (socket.timeout)
            raise UserError(_("The phone system %s cannot be reached (%s). Check that it "
                              "runs; nothing was sent.") % (pbx.name, error or _("timeout")))

    def _cc_send(self, action, **fields_):
        """Send one AMI action on a short connection; returns the response.
        Errors become a sentence for the user (UserError)."""
        self.ensure_one()
        return dict(self._cc_run(lambda client: client.send_action(action, **fields_)))

    def _cc_send_list(self, action, **fields_):
        """Events of an event-list action (CoreShowChannels, QueueStatus)."""
        self.ensure_one()

        def run(client):
            response = client.send_action(action, **fields_)
            return [dict(event) for event in (response.events or [])]
        return self._cc_run(run)

    # ------------------------------------------------------------ office hours
    def _cc_check_hours_token(self, token):
        """Constant-time check of the dialplan's token; any text (non-ASCII
        too) is compared as UTF-8 bytes, so a strange token is a plain no."""
        self.ensure_one()
        expected = self._cc_secret("hours_token") or ""
        if not expected or not isinstance(token, str):
            return False
        return hmac.compare_digest(expected.encode("utf-8"),
                                   token.encode("utf-8", "surrogatepass"))

    def _cc_office_state(self, when=None):
        """("open" | "closed" | "holiday", holiday name) at ``when`` (naive
        UTC datetime, now by default)."""
        self.ensure_one()
        pbx = self.sudo()
        when = when or datetime.datetime.utcnow()
        calendar = pbx.calendar_id
        if not calendar:
            return "open", ""
        text = fields.Datetime.to_string(when)
        leave = self.env["resource.calendar.leaves"].sudo().search([
            ("calendar_id", "=", calendar.id), ("resource_id", "=", False),
            ("date_from", "<=", text), ("date_to", ">", text)], limit=1)
        if leave:
            return "holiday", leave.name or ""
        local = pytz.utc.localize(when).astimezone(pytz.timezone(pbx.tz or "UTC"))
        hour = local.hour + local.minute / 60.0
        for attendance in calendar.attendance_ids:
            if int(attendance.dayofweek) != local.weekday():
                continue
            if attendance.date_from and fields.Date.from_string(
                    attendance.date_from) > local.date():
                continue
            if attendance.date_to and fields.Date.from_string(attendance.date_to) < local.date():
                continue
            if attendance.hour_from <= hour < attendance.hour_to:
                return "open", ""
        return "closed", ""

    # ------------------------------------------------ CDR recovery

    cdr_file = fields.Char(
        "CDR File", compute="_compute_cc_secret", inverse="_inverse_cc_secret",
        groups="crm_callcenter.group_admin",
        help="Path of Asterisk's Master.csv as the Odoo server sees it (e.g. an NFS "
             "mount of /var/log/asterisk/cdr-csv). Read every few minutes: calls the "
             "listener missed are recorded from it. Empty: upload CDRs by hand.")
    cdr_offset = fields.Integer(readonly=True, copy=False, groups="crm_callcenter.group_admin",
                                help="Bytes of the CDR file already read.")
    cdr_date = fields.Datetime("CDRs Reconciled", readonly=True, copy=False)
    cdr_message = fields.Char("CDR Result", readonly=True, copy=False)

    def _cdr_tz(self):
        return pytz.timezone(self.tz) if self.tz else None

    @api.multi
    def _cc_reconcile_cdr_data(self, data):
        """Reconcile the CDR lines in ``data`` (bytes of Master.csv)."""
        self.ensure_one()
        rows, errors = cdr.read_master_csv(data, self._cdr_tz())
        counts = self.env["crm.call.store"]._store_cdrs(self, rows)
        # what this run did, never the totals of an earlier one (issue 16)
        if counts["created"] or counts["completed"]:
            message = _("%(created)d calls recovered, %(completed)d completed, "
                        "%(unchanged)d already recorded") % counts
        elif counts["unchanged"]:
            message = _("Nothing to recover: the %(unchanged)d calls read were already "
                        "recorded") % counts
        else:
            message = _("Nothing to recover: no call in the CDR lines read")
        if errors:
            message += _("; %d lines skipped (line %d: %s)") % (
                len(errors), errors[0][0], errors[0][1])
            _logger.warning("CDR lines skipped for %s: %s", self.name, errors[:20])
        self.sudo().write({"cdr_date": fields.Datetime.now(), "cdr_message": message})
        return dict(counts, errors=errors, message=message)

    @api.model
    def _cron_reconcile_cdr(self):
        """Read what was appended to each phone system's CDR file since the
        last run (from the start again if the file was rotated), at most
        CDR_READ_CAP bytes a run, and only a file inside its CDR folder."""
        for pbx in self.sudo().search([]):
            pbx._cc_reconcile_cdr_file()
        return True

    def _cc_reconcile_cdr_file(self):
        """Read what was appended to this phone system's CDR file (the
        cron, and a listener taking the phone system over)."""
        self.ensure_one()
        pbx = self.sudo()
        if not pbx.cdr_file:  # kept in the secrets table: not searchable
            return
        try:
            path = files.resolve_under(pbx.cdr_file, pbx.cdr_root)
        except files.OutsideRoot:
            pbx.write({"cdr_date": fields.Datetime.now(),
                       "cdr_message": _("The CDR file is not inside the CDR folder; "
                                        "nothing was read.")})
            return
        # one reader at a time (the cron and a listener's takeover): the
        # offset read here is the one written back
        self.env.cr.execute("SELECT id FROM crm_pbx WHERE id = %s FOR NO KEY UPDATE",
                            (pbx.id,))
        pbx.invalidate_cache(["cdr_offset"], pbx.ids)
        try:
            data, offset = files.read_capped(path, pbx.cdr_offset, CDR_READ_CAP)
        except OSError as error:
            pbx.write({"cdr_date": fields.Datetime.now(),
                       "cdr_message": _("Cannot read the CDR file (%s).") % (
                           error.strerror or error.__class__.__name__)})
            return
        complete = data[:data.rfind(b"\n") + 1]  # a line being written waits
        if complete:
            pbx._cc_reconcile_cdr_data(complete)
        else:
            pbx.write({"cdr_date": fields.Datetime.now(),
                       "cdr_message": _("No new CDR line since the last run.")})
        pbx.cdr_offset = offset + len(complete)
