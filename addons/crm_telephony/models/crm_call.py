"""Call records (CC-7) written by the AMI listener (its write path:
crm_call_store.py), the screen pop's form (CC-5, CC-6), the agents' actions
on a call, its IVR path and survey score (CC-11), the message the caller
left (CC-12: the dialplan reports it with ``UserEvent(CrmVoicemail,...)``,
docs/PBX.md; addressed to the agent whose extension is the mailbox, or to
the Supervisors when the mailbox is a queue's) and its quality inspections
(CC-16). The live monitor and the ending of stale calls are in
crm_call_monitor.py."""
import os

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from odoo.addons.crm_security.models.owned_fields import LISTENER

from ..telephony import calls as calllib

DIRECTIONS = [("inbound", "Inbound"), ("outbound", "Outbound"), ("internal", "Internal")]
CALL_STATES = [("ringing", "Ringing"), ("talking", "In Call"), ("done", "Ended")]
#: the listener's results (telephony/calls.py), then click-to-call's own
RESULTS = list(calllib.RESULT_LABELS) + [
    ("dialing", "Dialing"),
    ("failed", "Dial Failed"),
]
#: columns the listener writes from a call record snapshot (in one upsert)
UPSERT_COLUMNS = (
    "direction", "state", "result", "number", "number_e164", "number_location", "caller",
    "caller_name", "callee", "queue", "agent_extension", "user_id", "department_id",
    "date_start", "date_answer", "date_end", "ring_seconds", "wait_seconds", "talk_seconds",
    "hangup_side", "transfer_target", "recording", "partner_id", "popped_extensions",
    "transfer_user_id", "transfer_talk_seconds", "cut_by_pbx", "conference_number",
)
#: what the listener alone records (it runs as the superuser): the PBX's facts,
#: their KPIs and the media paths. Agents keep the customer link and notes.
LISTENER_FIELDS = tuple(name for name in UPSERT_COLUMNS if name != "partner_id") + (
    "pbx_id", "company_id", "linkedid", "satisfaction", "voicemail_box",
    "voicemail_file", "voicemail_duration", "voicemail_date", "voicemail_state",
)


class CrmCall(models.Model):
    _name = "crm.call"
    # the live monitor (snapshot, listen-in, stale calls) is its own file:
    # crm_call_monitor.py
    _inherit = ["crm.list.page.mixin", "crm.period.mixin", "crm.call.monitor"]
    _description = "Call"
    _order = "date_start desc, id desc"
    _crm_owned_fields = dict.fromkeys(LISTENER_FIELDS, LISTENER)

    name = fields.Char(compute="_compute_name")
    pbx_id = fields.Many2one("crm.pbx", "Phone System", index=True, ondelete="set null",
                             readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True,
        default=lambda self: self.env.user.company_id)
    linkedid = fields.Char(
        "Linked ID", index=True, readonly=True, copy=False,
        help="Asterisk Linkedid: one call, whatever channels it used.")
    direction = fields.Selection(DIRECTIONS, required=True, default="inbound", readonly=True)
    state = fields.Selection(CALL_STATES, required=True, default="ringing", readonly=True,
                             index=True)
    result = fields.Selection(RESULTS, readonly=True, index=True)
    number = fields.Char(
        "Customer Number", readonly=True,
        help="The outside party: the caller of an inbound call, the dialled "
             "number of an outbound one.")
    number_e164 = fields.Char("Number (E.164)", index=True, readonly=True)
    cc_phone_search = fields.Char(
        "Customer Phone Number", compute="_compute_cc_phone_search",
        search="_search_cc_phone_search",
        help="Calls of a number typed in any format or ending in the digits "
             "typed, or of the customer owning it.")
    number_location = fields.Char(
        "Number Region", readonly=True, help="Region and carrier of the number (号码归属地).")
    caller = fields.Char(readonly=True)
    caller_name = fields.Char(readonly=True)
    callee = fields.Char(readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", index=True, ondelete="set null")
    user_id = fields.Many2one("res.users", "Agent", index=True, readonly=True,
                              ondelete="set null")
    department_id = fields.Many2one(
        "crm.department", "Department", index=True, readonly=True, ondelete="set null",
        help="The agent's department when the call was taken.")
    agent_extension = fields.Char("Extension", readonly=True)
    queue = fields.Char(readonly=True, index=True)
    date_start = fields.Datetime("Start", readonly=True, index=True,
                                 default=fields.Datetime.now)
    date_answer = fields.Datetime("Answered At", readonly=True)
    date_end = fields.Datetime("End", readonly=True)
    ring_seconds = fields.Integer("Ring Time (s)", readonly=True, group_operator="avg")
    wait_seconds = fields.Integer(
        "Wait Time (s)", readonly=True, group_operator="avg",
        help="From the start of the call to its answer (speed of answer) or "
             "to the caller giving up.")
    talk_seconds = fields.Integer("Talk Time (s)", readonly=True, group_operator="sum")
    hangup_side = fields.Selection(
        [("caller", "Customer"), ("agent", "Agent")], "Hung Up By", readonly=True)
    transfer_target = fields.Char("Transferred To", readonly=True)
    transfer_user_id = fields.Many2one(
        "res.users", "Transferred To Agent", index=True, readonly=True, ondelete="set null",
        help="The agent who took the call over (an attended or blind transfer, or a "
             "Redirect by the PBX); the call shows on their list too.")
    transfer_talk_seconds = fields.Integer(
        "Talk Time after Transfer (s)", readonly=True, group_operator="sum",
        help="The transfer target's part; Talk Time is the first agent's.")
    cut_by_pbx = fields.Boolean(
        "Cut by the PBX", readonly=True, copy=False,
        help="The phone system's link was lost during this call (a restart or a crash): "
             "nothing more is known of it, so its end is the time of the disconnection and "
             "its talk time the time talked until then. A CDR read later replaces them.")
    conference_number = fields.Char(
        "Three-way Call With", readonly=True, copy=False,
        help="The number the agent brought into this call with a three-way call.")
    recording = fields.Char(
        readonly=True, groups="base.group_user",
        help="File name or URL of the MixMonitor recording.")
    has_recording = fields.Boolean(compute="_compute_has_recording")
    note = fields.Text()
    popped_extensions = fields.Char(
        readonly=True, copy=False,
        help="Extensions already shown this call (a replayed event pops nothing).")
    # The screen pop's sections about the caller (here and in the glue
    # add-ons) are computed for the call read only (``recursive``): Odoo
    # computes a non-stored field for every record of the model in the
    # prefetch, and the earlier calls listed in the pop are in it, so one
    # pop's read computed the profile, orders and tickets of eleven calls
    # (docs/PERFORMANCE.md "The pop form's read").
    partner_call_ids = fields.One2many(
        "crm.call", compute="_compute_partner_call_ids", string="Earlier Calls",
        recursive=True)
    partner_summary = fields.Html("Customer Profile", compute="_compute_partner_summary",
                                  sanitize=False, recursive=True)
    partner_unknown = fields.Boolean(compute="_compute_partner_summary", recursive=True)
    cdr_recovered = fields.Boolean(
        "Recovered from CDR", readonly=True, copy=False,
        help="Recorded or completed from the PBX's CDRs after the listener missed it.")
    # IVR and survey (CC-11)
    satisfaction = fields.Integer(
        readonly=True, group_operator="avg",
        help="The caller's score (1-5) from the survey after the call.")
    ivr_ids = fields.One2many("crm.call.ivr", "call_id", "IVR Path", readonly=True)
    # voicemail (CC-12)
    voicemail_box = fields.Char("Mailbox", readonly=True, index=True)
    voicemail_file = fields.Char(readonly=True, groups="crm_callcenter.group_admin")
    voicemail_duration = fields.Integer("Message Length (s)", readonly=True)
    voicemail_date = fields.Datetime("Message Left At", readonly=True)
    voicemail_user_id = fields.Many2one(
        "res.users", "Message For", index=True,
        help="The agent who must listen to the message and call back; empty when it "
             "was left in a queue's mailbox (Supervisors assign it).")
    voicemail_state = fields.Selection(
        [("new", "New"), ("done", "Handled")], "Voicemail", readonly=True, index=True)
    # quality inspection (CC-16)
    qa_ids = fields.One2many("crm.call.qa", "call_id", "Quality Inspections")
    qa_score = fields.Float("Quality Score", compute="_compute_qa_score",
                            help="Average of the call's finished inspections.")

    _sql_constraints = [
        ("linkedid_pbx_uniq", "unique (pbx_id, linkedid)",
         "A call of a phone system is recorded once."),
    ]

    @api.depends("direction", "number", "partner_id")
    def _compute_name(self):
        labels = dict(self._fields["direction"]._description_selection(self.env))
        for call in self:
            call.name = "%s %s" % (labels.get(call.direction, ""),
                                   call.partner_id.name or call.number or "")

    def _compute_cc_phone_search(self):
        for call in self:
            call.cc_phone_search = call.number

    def _search_cc_phone_search(self, operator, value):
        """The call's own number, or the customer's phone or mobile (a
        customer calling from their other number), both through indexes."""
        Partner = self.env["res.partner"]
        own = Partner._cc_phone_search_domain(operator, value, self._table, ("number_e164",))
        of_customer = Partner._cc_phone_search_domain(
            operator, value, Partner._table, ("phone_e164", "mobile_e164"), field="partner_id")
        combine = expression.AND if operator in ("not ilike", "not like", "!=") \
            else expression.OR
        return combine([own, of_customer])

    @api.model_cr
    def init(self):
        self.env["res.partner"]._cc_create_suffix_indexes(self._table, ("number_e164",))
        # the list's first page in its default order for every role: the
        # record rules' columns ride along, so an Agent's or a Supervisor's
        # page filters index entries, not rows (docs/PERFORMANCE.md "Ten
        # million calls": 108 ms -> a few ms for an Agent on 10 million calls)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_call_list_idx
                ON crm_call (date_start, id)
                INCLUDE (company_id, user_id, department_id, transfer_user_id,
                         voicemail_user_id)""")
        # the monitor reads the live calls of millions: a small partial index
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_call_live_idx
                ON crm_call (company_id, date_start) WHERE state <> 'done'""")
        # an agent without calls must not look like one with thousands
        self._cc_track_every_value(("user_id",))

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        """Lists read the names of customers, agents and departments alone:
        by default Odoo 11 reads every column of each related record to get
        its display name (a page of 80 calls answered by 80 agents read 80
        whole users and their partners: docs/PERFORMANCE.md "Ten million
        calls")."""
        if len(self) > 1 and self._context.get("prefetch_fields", True):
            self = self.with_context(prefetch_fields=False)
        return super(CrmCall, self).read(fields=fields, load=load)

    @api.depends("recording")
    def _compute_has_recording(self):
        """Whether a call has a recording, also for users who may not read
        its location: one query for the boolean alone (reading ``recording``
        as superuser loaded the whole row of the call again, a tenth of the
        screen pop's read)."""
        stored = [call_id for call_id in self.ids if isinstance(call_id, int)]
        recorded = set()
        if stored:
            self.env.cr.execute(
                "SELECT id FROM crm_call WHERE id IN %s AND COALESCE(recording, '') <> ''",
                (tuple(stored),))
            recorded = {row[0] for row in self.env.cr.fetchall()}
        for call in self:
            call.has_recording = call.id in recorded

    @api.depends("partner_id")
    def _compute_partner_call_ids(self):
        for call in self:
            if call.partner_id and isinstance(call.id, int):
                call.partner_call_ids = self.search(
                    [("partner_id", "=", call.partner_id.id), ("id", "!=", call.id)],
                    limit=10)
            else:
                call.partner_call_ids = self.browse()

    @api.depends("partner_id", "number_e164")
    def _compute_partner_summary(self):
        for call in self:
            call.partner_unknown = not call.partner_id
            call.partner_summary = call.partner_id._cc_pop_summary() if call.partner_id \
                else False

    # ------------------------------------------------------------ calls
    def _cc_create_caller_partner(self):
        """A contact for an unknown caller (company setting): named after the
        number, with the first-call time; an agent completes it and makes it
        a customer (the customer rules apply then)."""
        self.ensure_one()
        name = _("Caller %s") % (self.number or self.caller)
        if self.number_location:
            name = "%s (%s)" % (name, self.number_location)
        return self.env["res.partner"].sudo().create({
            "name": name, "mobile": self.number or self.caller,
            "company_id": self.company_id.id, "first_call_date": self.date_start,
            "comment": _("Created automatically for an unknown caller."),
        })

    # ---------------------------------------------------------- actions
    @api.multi
    def action_cc_new_customer(self):
        """Open a new customer form prefilled with the caller's number and
        region; saving it links it to this call."""
        self.ensure_one()
        number = self.number or self.caller or ""
        e164 = self.number_e164 or ""
        is_mobile = e164.startswith("+861") and len(e164) == 14
        context = {
            "default_cc_customer": True,
            "default_first_call_date": self.date_start,
            "default_comment": self.number_location or False,
            "cc_call_id": self.id,
            "default_mobile" if is_mobile else "default_phone": number,
        }
        return {
            "type": "ir.actions.act_window", "res_model": "res.partner",
            "views": [[False, "form"]], "target": "current", "context": context,
        }

    @api.multi
    def action_cc_open_customer(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(_("This call has no customer yet."))
        return {
            "type": "ir.actions.act_window", "res_model": "res.partner",
            "res_id": self.partner_id.id, "views": [[False, "form"]], "target": "current",
        }

    @api.multi
    def action_cc_call_back(self):
        self.ensure_one()
        return self.env["res.users"].cc_dial(self.number or self.caller,
                                             partner_id=self.partner_id.id)

    @api.multi
    def action_cc_play_recording(self):
        self.ensure_one()
        if not self.has_recording:
            raise UserError(_("This call has no recording."))
        return {"type": "ir.actions.act_url", "target": "new",
                "url": "/crm_callcenter/recording/%d" % self.id}

    @api.multi
    def _cc_recording_location(self, what="recording"):
        """(kind, value) of this call's recording (or other media, such as
        the voicemail the caller left) for the playback controller, after
        checking that the user may read the call."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        location = self.sudo()._cc_media_location(what)
        if not location:
            raise AccessError(_("This call has no recording."))
        if "://" in location:
            return "url", location
        return "file", location

    def _cc_media_location(self, what):
        """Where this call's recording, or the voicemail the caller left,
        is: a path or a URL (the phone system's voicemail pattern)."""
        if what == "recording":
            return self.recording
        if what == "voicemail" and self.voicemail_file:
            pattern = self.pbx_id.voicemail_pattern or "{file}"
            return pattern.format(file=self.voicemail_file,
                                  basename=os.path.basename(self.voicemail_file))
        return False

    @api.multi
    def action_cc_play_voicemail(self):
        self.ensure_one()
        if not self.voicemail_state:
            raise UserError(_("This call has no voicemail."))
        return {"type": "ir.actions.act_url", "target": "new",
                "url": "/crm_callcenter/recording/%d?what=voicemail" % self.id}

    @api.multi
    def action_cc_voicemail_done(self):
        """The message was listened to and dealt with."""
        for call in self:
            call.check_access_rule("write")
            if not call.voicemail_state:
                raise UserError(_("This call has no voicemail."))
        self.sudo().write({"voicemail_state": "done"})
        return True

    @api.depends("qa_ids.score", "qa_ids.state")
    def _compute_qa_score(self):
        for call in self:
            done = call.qa_ids.filtered(lambda qa: qa.state == "done")
            call.qa_score = done and sum(done.mapped("score")) / len(done)

    @api.multi
    def action_inspect(self):
        """Open a new inspection of this call with the company's first template."""
        self.ensure_one()
        template = self.env["crm.call.qa.template"].search(
            [("company_id", "=", self.company_id.id)], limit=1)
        return {
            "type": "ir.actions.act_window", "res_model": "crm.call.qa",
            "view_mode": "form", "views": [(False, "form")], "target": "current",
            "context": {"default_call_id": self.id,
                        "default_template_id": template.id},
        }

    def _cc_live_channels(self, pbx, user, linkedid=False):
        """(agent's channel, other party's channel) of the user's live call,
        read from the PBX (CoreShowChannels): the other party is the channel
        of the same call (Linkedid) that is not the agent's, the one that
        started the call first; Local channel halves are skipped.
        ``linkedid``: the call's Linkedid is added as a third item."""
        channels = pbx._cc_send_list("CoreShowChannels")
        prefix = pbx._cc_agent_interface(user.extension) + "-"
        mine = [event for event in channels
                if (event.get("Channel") or "").startswith(prefix)]
        if not mine:
            raise UserError(_("You are not in a call."))
        mine = mine[0]
        others = [event for event in channels
                  if event is not mine and event.get("Linkedid") == mine.get("Linkedid")
                  and not (event.get("Channel") or "").startswith((prefix, "Local/"))]
        others.sort(key=lambda event: (event.get("Uniqueid") != event.get("Linkedid"),
                                       event.get("Uniqueid") or ""))
        result = (mine["Channel"], others[0]["Channel"] if others else False)
        return result + (mine.get("Linkedid") or "",) if linkedid else result

    def _cc_agent_channel_name(self, pbx, user):
        return self._cc_live_channels(pbx, user)[0]
