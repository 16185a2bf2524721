# size: crm.call plus the listener's write path (upsert, pop, bus); issue 17 moves the latter
"""Call records (CC-7) written by the AMI listener, and the screen pop (CC-5,
CC-6) it pushes to the ringing agent's browser through the bus."""
import collections
import datetime
import logging
import os
import random
import threading

import psycopg2
from psycopg2.extras import execute_values

from odoo import _, api, fields, models, sql_db
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from odoo.addons.bus.models.bus import TIMEOUT as BUS_TIMEOUT
from odoo.addons.bus.models.bus import json_dump as bus_json
from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_customer import phone as phonelib
from odoo.addons.crm_security.models.owned_fields import LISTENER

from ..telephony import calls as calllib

_logger = logging.getLogger(__name__)

DIRECTIONS = [("inbound", "Inbound"), ("outbound", "Outbound"), ("internal", "Internal")]
CALL_STATES = [("ringing", "Ringing"), ("talking", "In Call"), ("done", "Ended")]
#: the listener's results (telephony/calls.py), then click-to-call's own
RESULTS = list(calllib.RESULT_LABELS) + [
    ("dialing", "Dialing"),
    ("failed", "Dial Failed"),
]
#: an inbound call answered within this many seconds of waiting counts in
#: the service level (the monitor, the statistics and their summaries);
#: the labels "Answered within 20 s" say it too
SERVICE_LEVEL_SECONDS = 20
POP_TYPE = "crm_callcenter.pop"
#: columns the listener writes from a call record snapshot (in one upsert)
UPSERT_COLUMNS = (
    "direction", "state", "result", "number", "number_e164", "number_location", "caller",
    "caller_name", "callee", "queue", "agent_extension", "user_id", "department_id",
    "date_start", "date_answer", "date_end", "ring_seconds", "wait_seconds", "talk_seconds",
    "hangup_side", "transfer_target", "recording", "partner_id", "popped_extensions",
    "transfer_user_id", "transfer_talk_seconds", "cut_by_pbx", "conference_number",
)
#: integer columns whose 0 is a measure, not "unknown" (set only once known)
KEEP_ZERO_COLUMNS = ("wait_seconds",)
#: what the listener alone records (it runs as the superuser): the PBX's facts,
#: their KPIs and the media paths. Agents keep the customer link and notes.
LISTENER_FIELDS = tuple(name for name in UPSERT_COLUMNS if name != "partner_id") + (
    "pbx_id", "company_id", "linkedid", "satisfaction", "voicemail_box",
    "voicemail_file", "voicemail_duration", "voicemail_date", "voicemail_state",
)


#: PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more
NOTIFY_PAYLOAD_LIMIT = 7999


def notify_payloads(channels, limit=NOTIFY_PAYLOAD_LIMIT):
    """``NOTIFY imbus`` payloads (JSON lists of channels, as the bus's
    dispatcher reads them) for ``channels``, each under ``limit`` bytes. One
    list for 300 agents' partner channels (a listener resynchronising a
    full floor's agent states) is about 10 kB: PostgreSQL refused it and the
    whole batch was stored again one fact at a time."""
    payloads, chunk, size = [], [], 2
    for channel in channels:
        item = bus_json(channel)
        grown = size + len(item.encode("utf-8")) + (1 if chunk else 0)
        if chunk and grown > limit:
            payloads.append("[%s]" % ",".join(chunk))
            chunk, grown = [], 2 + len(item.encode("utf-8"))
        chunk.append(item)
        size = grown
    if chunk:
        payloads.append("[%s]" % ",".join(chunk))
    return payloads


class _BusNotifier:
    """``NOTIFY imbus`` over one kept connection to the ``postgres``
    database. Odoo's pool never keeps connections to that database, so
    ``bus.bus`` opens one (a new server process) per message; the listener
    notifies after every batch, and that setup sat on every pop's path."""

    def __init__(self):
        self._lock = threading.Lock()
        self._cnx = None
        self._pid = None

    def notify(self, payloads):
        """Send the payloads in one transaction (delivered together)."""
        query = "; ".join(["NOTIFY imbus, %s"] * len(payloads))
        with self._lock:
            for attempt in (1, 2):
                try:
                    if self._cnx is None or self._cnx.closed or self._pid != os.getpid():
                        _name, info = sql_db.connection_info_for("postgres")
                        self._cnx = psycopg2.connect(**info)
                        self._cnx.autocommit = True
                        self._pid = os.getpid()
                    with self._cnx.cursor() as cr:
                        cr.execute(query, payloads)
                    return
                except (psycopg2.OperationalError, psycopg2.InterfaceError):
                    self._cnx = None  # the server restarted: connect again, once
                    if attempt == 2:
                        raise


BUS_NOTIFIER = _BusNotifier()


def _upsert_value(column, value):
    """The value stored for ``column`` (None: keep what the row holds).
    A wait of 0 s is a value: ``0 in (False, "")`` is true in Python, and
    the calls answered at once had no wait, so the service level left them
    out (0 % with one call answered in time)."""
    if column in KEEP_ZERO_COLUMNS and value == 0 and value is not False:
        return 0
    return None if value in (None, False, "") else value


def _dt(epoch):
    """Odoo datetime string (UTC) of a POSIX time, or False."""
    moment = localtime.from_epoch(epoch)
    return fields.Datetime.to_string(moment) if moment else False


class CrmCall(models.Model):
    _name = "crm.call"
    _inherit = ["crm.list.page.mixin"]
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
    partner_call_ids = fields.One2many(
        "crm.call", compute="_compute_partner_call_ids", string="Earlier Calls")
    partner_summary = fields.Html("Customer Profile", compute="_compute_partner_summary",
                                  sanitize=False)
    partner_unknown = fields.Boolean(compute="_compute_partner_summary")

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
        for call in self:
            call.has_recording = bool(call.sudo().recording)

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

    # ------------------------------------------------------------ facts
    @api.model
    def _cc_apply_facts(self, pbx, facts, parts="all"):
        """Store what the listener's CallTracker found (a list of dicts made
        by ``telephony.listener.fact_to_dict``), in order. Idempotent on
        (phone system, Linkedid): a replay updates, never duplicates.

        Written for throughput: the facts of one call carry snapshots of its
        record, so only the last one of each call is stored, all of a batch
        in one upsert; callers are looked up in one query; pops, agent states
        and bus messages are written in bulk. The listener stores ``parts``
        "calls" (records and pops) and "agents" (agent states and the
        monitor) in two transactions, so a pop is sent as early as it can."""
        pbx = pbx.sudo()
        calls = self.sudo().with_context(tracking_disable=True)
        agents = self.env["res.users"].sudo()._cc_agents_by_extension(pbx.company_id)
        latest, pops, states = collections.OrderedDict(), [], []
        for fact in facts:
            kind = fact.get("kind")
            if kind in ("started", "answered", "ended", "cdr"):
                linkedid = fact["record"]["linkedid"]
                latest.pop(linkedid, None)
                latest[linkedid] = fact["record"]
            elif kind == "pop":
                pops.append(fact)
            elif kind in ("agent", "pbx"):  # pbx: link lost, back or stopped
                states.append(fact)
        notifications = []
        if parts in ("all", "calls"):
            folded = {}
            known = calls._cc_upsert(pbx, latest, agents, pops, folded)
            notifications += calls._cc_pops(pbx, pops, agents, known, folded)
        if parts in ("all", "agents"):
            notifications += self.env["res.users"].sudo()._cc_agent_states(pbx, states, agents)
            if facts:
                notifications += calls._cc_batch_notifications(pbx)
            calls._cc_bus_gc()
        calls._cc_bus_send(notifications)
        return True

    def _cc_batch_notifications(self, pbx):
        """Bus messages sent once per stored batch (the live monitor adds
        its "changed" message to Supervisors)."""
        return []

    def _cc_bus_send(self, notifications):
        """bus.bus.sendmany in one INSERT (same rows, same NOTIFY after
        commit)."""
        if not notifications:
            return
        rows = [(bus_json(channel), bus_json(message)) for channel, message in notifications]
        execute_values(self.env.cr._obj, """
            INSERT INTO bus_bus (channel, message, create_date, create_uid, write_date,
                                 write_uid)
            SELECT v.channel, v.message, now() at time zone 'UTC', %d,
                   now() at time zone 'UTC', %d
              FROM (VALUES %%s) AS v (channel, message)""" % (self.env.uid, self.env.uid),
                       rows)
        payloads = notify_payloads({bus_json(channel): channel
                                    for channel, _message in notifications}.values())

        def notify():
            if self.env.context.get("cc_listener"):  # a long-running process
                BUS_NOTIFIER.notify(payloads)
            else:
                with sql_db.db_connect("postgres").cursor() as cr:
                    for payload in payloads:
                        cr.execute("notify imbus, %s", (payload,))
        self.env.cr.after("commit", notify)

    def _cc_bus_gc(self):
        """bus.bus.gc in one statement, now and then: the ORM's unlink of
        the messages of the last minutes took a second at busy times, and
        it ran in the transaction of a screen pop."""
        if random.random() < 0.01:
            self.env.cr.execute(
                "DELETE FROM bus_bus WHERE create_date < (now() at time zone 'UTC') - "
                "interval '%s seconds'", (BUS_TIMEOUT * 2,))

    def _cc_upsert(self, pbx, records, agents, pops=(), folded=None):
        """Insert or update the calls of these record snapshots
        ({linkedid: record}); {linkedid: call} of the stored calls.

        A new call that rings agents in the same batch (``pops`` facts) is
        inserted already assigned to them, so that the pop needs no second
        write of the row; ``folded`` gets {linkedid: [extension, ...]} of
        those."""
        if not records:
            return {}
        region = pbx._cc_region()
        values = collections.OrderedDict(
            (linkedid, self._cc_record_values(pbx, record, agents, region))
            for linkedid, record in records.items())
        known = {}
        for linkedid, vals in list(values.items()):
            if vals.get("direction") == "outbound" and not self._cc_find(pbx, linkedid):
                pending = self._cc_pending_originate(pbx, vals)
                if pending:  # a click-to-call's record gets its Linkedid
                    vals["linkedid"] = linkedid
                    pending.write(vals)
                    known[linkedid] = pending
                    del values[linkedid]
        if not values:
            return known
        self._cc_fold_pops(pbx, values, agents, pops, folded)
        callers = self.env["res.partner"]._cc_callers(
            [vals.get("number_e164") for vals in values.values()])
        now = fields.Datetime.now()
        uid = self.env.uid
        rows = []
        for linkedid, vals in values.items():
            vals["partner_id"] = callers.get(vals.get("number_e164"))
            vals.setdefault("date_start", now)
            rows.append(tuple([pbx.id, pbx.company_id.id, linkedid, uid, now, uid, now] + [
                _upsert_value(column, vals.get(column)) for column in UPSERT_COLUMNS]))
        updates = ", ".join(
            "%s = COALESCE(EXCLUDED.%s, c.%s)" % (column, column, column)
            for column in UPSERT_COLUMNS
            if column not in ("state", "partner_id", "popped_extensions"))
        result = execute_values(self.env.cr._obj, """
            INSERT INTO crm_call AS c (pbx_id, company_id, linkedid, create_uid, create_date,
                                       write_uid, write_date, %s)
            VALUES %%s
            ON CONFLICT (pbx_id, linkedid) DO UPDATE SET
                write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date,
                state = CASE WHEN c.state = 'done' AND c.result <> 'dialing'
                              AND EXCLUDED.result IS NULL THEN c.state
                             ELSE COALESCE(EXCLUDED.state, c.state) END,
                partner_id = COALESCE(c.partner_id, EXCLUDED.partner_id),
                popped_extensions = COALESCE(c.popped_extensions, EXCLUDED.popped_extensions),
                %s
            RETURNING linkedid, id""" % (", ".join(UPSERT_COLUMNS), updates),
                                rows, fetch=True)
        # only the calls changed: invalidating everything would make the
        # company's computed address (country) be computed again per batch
        self.invalidate_cache(ids=[call_id for _linkedid, call_id in result])
        stored = self.browse([call_id for _linkedid, call_id in result])  # one prefetch
        by_id = {call.id: call for call in stored}
        known.update((linkedid, by_id[call_id]) for linkedid, call_id in result)
        return known

    def _cc_fold_pops(self, pbx, values, agents, pops, folded):
        """Give the new calls of ``values`` the agents their pops ring."""
        if folded is None:
            return
        ringing = collections.OrderedDict()
        for fact in pops or ():
            extension = fact.get("extension")
            if fact["linkedid"] in values and agents.get(extension):
                extensions = ringing.setdefault(fact["linkedid"], [])
                if extension not in extensions:
                    extensions.append(extension)
        if not ringing:
            return
        self.env.cr.execute("SELECT linkedid FROM crm_call WHERE pbx_id = %s AND linkedid IN %s",
                            (pbx.id, tuple(ringing)))
        for (linkedid,) in self.env.cr.fetchall():
            del ringing[linkedid]  # a call stored earlier: _cc_pops updates it
        for linkedid, extensions in ringing.items():
            vals, agent = values[linkedid], agents[extensions[0]]
            vals["popped_extensions"] = ",".join(extensions)
            if not vals.get("user_id"):
                vals.update(user_id=agent.id, department_id=agent.department_id)
            vals.setdefault("agent_extension", extensions[0])
            folded[linkedid] = extensions

    def _cc_find(self, pbx, linkedid):
        return self.search([("pbx_id", "=", pbx.id), ("linkedid", "=", linkedid)], limit=1)

    def _cc_record_values(self, pbx, record, agents, region=None):
        direction = record.get("direction") or "inbound"
        number = record.get("callee") if direction == "outbound" else record.get("caller")
        values = {
            "direction": direction,
            "caller": record.get("caller"),
            "caller_name": record.get("caller_name"),
            "callee": record.get("callee"),
            "queue": record.get("queue"),
            "date_start": _dt(record.get("start")),
            "date_answer": _dt(record.get("answer")),
            "date_end": _dt(record.get("end")),
            "ring_seconds": record.get("ring_seconds") or 0,
            "talk_seconds": record.get("talk_seconds") or 0,
            "hangup_side": record.get("hangup_side") or False,
            "result": record.get("result") or False,
            "transfer_target": record.get("transfer_target"),
            "transfer_talk_seconds": record.get("transfer_talk_seconds"),
            "cut_by_pbx": record.get("cut") or None,
            "conference_number": record.get("conference_number"),
        }
        target = agents.get(record.get("transfer_target") or "")
        if target and record.get("transfer_target") != record.get("agent_extension"):
            values["transfer_user_id"] = target.id
        if record.get("start") is not None:
            until = record.get("answer") or record.get("end")
            if until is not None:
                values["wait_seconds"] = max(0, int(round(until - record["start"])))
        values["state"] = "done" if record.get("end") is not None else (
            "talking" if record.get("answer") is not None else "ringing")
        extension = record.get("agent_extension")
        if extension:
            values["agent_extension"] = extension
            agent = agents.get(extension)
            if agent:
                values["user_id"] = agent.id
                values["department_id"] = agent.department_id
        if number and direction != "internal":
            e164 = phonelib.normalize(number, region or pbx._cc_region())
            values.update(number=number, number_e164=e164,
                          number_location=phonelib.describe(e164) if e164 else False)
        recording = pbx._cc_recording_for(record)
        if recording:
            values["recording"] = recording
        return {key: value for key, value in values.items() if value not in (None, "")}

    def _cc_pending_originate(self, pbx, values):
        """A click-to-call waiting for its channels: the same agent dialling
        the same number within the last two minutes."""
        since = fields.Datetime.to_string(
            datetime.datetime.utcnow() - datetime.timedelta(minutes=2))
        return self.search([
            ("pbx_id", "=", pbx.id), ("result", "=", "dialing"), ("linkedid", "=", False),
            ("number_e164", "=", values.get("number_e164")),
            ("user_id", "=", values.get("user_id")), ("create_date", ">=", since),
        ], order="id desc", limit=1)

    def _cc_pops(self, pbx, pops, agents, known, folded=None):
        """Exactly one notification per call and ringing agent, to that
        agent only (a replayed AgentCalled pops nothing). ``folded``: the
        extensions ``_cc_upsert`` already recorded on new calls."""
        folded = folded or {}
        missing = {}
        for fact in pops:
            if fact["linkedid"] not in known:
                missing[fact["linkedid"]] = {
                    "linkedid": fact["linkedid"], "caller": fact.get("caller"),
                    "caller_name": fact.get("caller_name"), "queue": fact.get("queue"),
                    "direction": "inbound"}
        if missing:
            found = self.search([("pbx_id", "=", pbx.id), ("linkedid", "in", list(missing))])
            known.update((call.linkedid, call) for call in found)
            known.update(self._cc_upsert(pbx, collections.OrderedDict(
                (linkedid, record) for linkedid, record in missing.items()
                if linkedid not in known), agents))
        ids = list({call.id for call in known.values()})
        self.env.cr.execute("""
            SELECT c.id, c.number, c.caller, c.number_e164, c.number_location, c.queue,
                   c.partner_id, p.name, c.popped_extensions, c.user_id
              FROM crm_call c LEFT JOIN res_partner p ON p.id = c.partner_id
             WHERE c.id IN %s""", (tuple(ids) or (0,),))
        rows = {row[0]: list(row) for row in self.env.cr.fetchall()}
        view_id = self.env["ir.model.data"].xmlid_to_res_id(
            "crm_telephony.crm_call_view_form_pop")
        auto_create = pbx.company_id.cc_auto_create_customer
        notifications, updates, announced = [], {}, set()
        for fact in pops:
            call = known[fact["linkedid"]]
            row = rows[call.id]
            extension = fact.get("extension")
            agent = agents.get(extension)
            if not row[6] and row[3] and auto_create:
                partner = call._cc_create_caller_partner()
                call.partner_id = partner
                row[6], row[7] = partner.id, partner.name
            if not agent:
                _logger.info("Call %s rings extension %s, which no user has: no pop",
                             fact["linkedid"], extension)
                continue
            if extension in folded.get(fact["linkedid"], ()):
                if (call.id, extension) in announced:
                    continue  # the same AgentCalled twice in one batch
            else:
                popped, user_id = updates.get(call.id) or (
                    list(filter(None, (row[8] or "").split(","))), row[9])
                if extension in popped:
                    continue
                popped.append(extension)
                transfer_to = agent.id if fact.get("transfer") else (
                    updates.get(call.id) or (0, 0, None))[2]
                updates[call.id] = (popped, user_id or agent.id, transfer_to)
            announced.add((call.id, extension))
            notifications.append(((self._cr.dbname, "res.partner", agent.partner_id), {
                "type": POP_TYPE, "call_id": call.id,
                "number": row[1] or row[2] or "", "location": row[4] or "",
                "partner_id": row[6] or False, "partner_name": row[7] or "",
                "queue": row[5] or "", "view_id": view_id,
            }))
        if updates:
            execute_values(self.env.cr._obj, """
                UPDATE crm_call c
                   SET popped_extensions = v.popped,
                       user_id = COALESCE(c.user_id, v.user_id),
                       -- a second agent's pop (a transfer's target) may open the call
                       transfer_user_id = CASE WHEN v.popped_for::integer <> v.user_id
                                               THEN v.popped_for::integer
                                               ELSE c.transfer_user_id END,
                       agent_extension = COALESCE(c.agent_extension, v.extension),
                       department_id = COALESCE(c.department_id, u.crm_department_id)
                  FROM (VALUES %s) AS v (id, popped, user_id, extension, popped_for)
                  JOIN res_users u ON u.id = v.user_id
                 WHERE c.id = v.id""", [
                (call_id, ",".join(popped), user_id, popped[0], popped_for)
                for call_id, (popped, user_id, popped_for) in updates.items()])
            self.invalidate_cache(ids=list(updates))
        return notifications

    @api.model
    def _cc_pop_action(self, call_id, view_id=None):
        """The window action the agent's browser runs: the call's pop form
        in a dialog."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Incoming Call"),
            "res_model": "crm.call",
            "res_id": call_id,
            "views": [[view_id or self.env["ir.model.data"].xmlid_to_res_id(
                "crm_telephony.crm_call_view_form_pop"), "form"]],
            "target": "new",
            "context": {"form_view_initial_mode": "edit"},
        }

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
        return self.recording if what == "recording" else False

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
