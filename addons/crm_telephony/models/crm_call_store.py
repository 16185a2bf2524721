# size: the listener's whole write path in one place (issue 17): a method per kind of fact
"""The AMI listener's write path: what the
:class:`~..telephony.calls.CallTracker` finds (typed facts, :mod:`..telephony.calls`)
is stored by one entry point, :meth:`CrmCallStore._store_facts`, which sorts
a batch's facts by their type once (``STORES``) and hands each kind to its
own store method: call records, screen pops, IVR steps, survey scores,
voicemails, a takeover's resync (and the calls of the gap, from the
CDRs), agent states (with the PBX link's state,
which sets the states of agents the tracker never saw).

Idempotent on (phone system, Linkedid): a replay updates, never duplicates.
Written for throughput: a call's facts carry snapshots of its record, so
only the last one of each call is stored, all of a batch in one upsert;
callers are looked up in one query; pops, agent states and bus messages are
written in bulk (``bus.bus._cc_sendmany``). The listener stores ``parts``
"calls" (records, pops, IVR, surveys, voicemails) and "agents" (agent states
and the monitor's "changed" message) in two transactions, so a pop is sent
as early as it can. The hot path is SQL built with :mod:`psycopg2.sql`."""
import calendar
import collections
import datetime
import logging
import time

from psycopg2 import sql
from psycopg2.extras import execute_values

from odoo import _, api, fields, models

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_customer import phone as phonelib

from ..telephony import calls as calllib
from ..telephony import cdr as cdrlib
from .crm_agent_state import STATE_TYPE
from .crm_call import UPSERT_COLUMNS

_logger = logging.getLogger(__name__)

#: bus message types the store sends (the web client's phone bar reads them)
POP_TYPE = "crm_callcenter.pop"
VOICEMAIL_TYPE = "crm_callcenter.voicemail"
#: each kind of fact, the transaction that stores it ("calls": the
#: listener's first lane, "agents": its late one) and its store method, in
#: the order they run: a batch's calls are stored before their pops, IVR
#: steps, scores and voicemails. The PBX link's state (``PbxState``) is
#: stored as the agent states it implies, in its place among the agents'.
STORES = (
    ("calls", "_store_calls", (calllib.CallStarted, calllib.CallAnswered, calllib.CallEnded,
                               calllib.CdrReconciled)),
    ("calls", "_store_pops", (calllib.Pop,)),
    ("calls", "_store_ivr_steps", (calllib.IvrStep,)),
    ("calls", "_store_surveys", (calllib.SurveyScore,)),
    ("calls", "_store_voicemails", (calllib.Voicemail,)),
    ("calls", "_store_resyncs", (calllib.Resynced,)),
    ("agents", "_store_agent_states", (calllib.AgentStateChanged, calllib.PbxState)),
)
_METHOD = {kind: method for _part, method, kinds in STORES for kind in kinds}
_PARTS = {
    "calls": [method for part, method, _kinds in STORES if part == "calls"],
    "agents": [method for part, method, _kinds in STORES if part == "agents"],
    "all": [method for _part, method, _kinds in STORES],
}
#: integer columns whose 0 is a measure, not "unknown" (set only once known)
KEEP_ZERO_COLUMNS = ("wait_seconds",)
#: columns a later snapshot of a call never overwrites with its own value
_UPSERT_KEPT = ("state", "partner_id", "popped_extensions")


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


def _utc(epoch):
    """The moment of a listener fact (POSIX seconds); now when it has none."""
    return localtime.from_epoch(epoch) or localtime.utcnow()


def _epoch(value):
    """POSIX seconds of an Odoo UTC datetime string, or None."""
    if not value:
        return None
    return calendar.timegm(fields.Datetime.from_string(value).timetuple())


def _text(cr, query):
    """A composed query as the text Odoo's cursor and execute_values take."""
    return query.as_string(cr._obj)


class _Batch:
    """What the store methods of one batch share."""

    __slots__ = ("pbx", "agents", "calls", "pops", "folded", "notifications", "with_pops")

    def __init__(self, pbx, agents, pops):
        self.pbx = pbx
        #: {extension: Agent} of the company (res.users._cc_agents_by_extension)
        self.agents = agents
        #: {linkedid: crm.call} of the calls stored so far
        self.calls = {}
        #: the batch's pops: a new call that rings in the same batch is
        #: inserted already assigned to its agents ({linkedid: [extension]})
        self.pops = pops
        self.folded = {}
        #: bus messages sent once the batch is stored
        self.notifications = []
        #: {extension: (state, reason, at)}: the phone bar's state of an
        #: agent popped in this batch, sent with the pop (_states_with_pops)
        self.with_pops = {}


class CrmCallStore(models.AbstractModel):
    _name = "crm.call.store"
    _description = "Listener Write Path"

    # ------------------------------------------------------------ entry
    @api.model
    def _store_facts(self, pbx, facts, parts="all"):
        """Store these facts of ``pbx`` (typed, in the order found): the
        ``parts`` "calls", "agents" or "all" (see ``STORES``)."""
        methods = _PARTS[parts]
        grouped = collections.OrderedDict((method, []) for method in methods)
        for fact in facts:
            of_kind = grouped.get(_METHOD[type(fact)])
            if of_kind is not None:
                of_kind.append(fact)
        pbx = pbx.sudo()
        store = self.sudo().with_context(tracking_disable=True)
        batch = _Batch(pbx, self.env["res.users"].sudo()._cc_agents_by_extension(
            pbx.company_id), grouped.get("_store_pops") or [])
        batch.with_pops = self._states_with_pops(batch, facts)
        for method, of_kind in grouped.items():
            if of_kind:
                getattr(store, method)(batch, of_kind)
        if parts in ("all", "calls") and batch.with_pops:
            store._announce_states_with_pops(batch)
        Bus = self.env["bus.bus"].sudo()
        if parts in ("all", "agents"):
            if facts:  # the monitors fetch a new snapshot once per batch
                batch.notifications += self.env["crm.call"].sudo()._cc_monitor_notifications(pbx)
            Bus._cc_gc()
        Bus._cc_sendmany(batch.notifications)
        return True

    def _calls(self):
        return self.env["crm.call"].sudo().with_context(tracking_disable=True)

    # ------------------------------------------------------------ calls
    def _store_calls(self, batch, facts):
        """Call records (started, answered, ended, completed by a late CDR):
        the last snapshot of each call of the batch, in one upsert; then the
        IVR steps recorded before their call reached a queue join it."""
        latest = collections.OrderedDict()
        for fact in facts:
            latest.pop(fact.record.linkedid, None)
            latest[fact.record.linkedid] = fact.record
        batch.calls.update(self._upsert_calls(batch, latest))
        self._link_ivr_steps(batch.pbx, list(latest))

    def _upsert_calls(self, batch, records, fold=True):
        """Insert or update the calls of these record snapshots
        ({linkedid: CallRecord}); {linkedid: call} of the stored calls.
        ``fold``: a new call is inserted already assigned to the agents the
        batch's pops ring (no second write of the row for the pop)."""
        if not records:
            return {}
        pbx, Call = batch.pbx, self._calls()
        region = pbx._cc_region()
        values = collections.OrderedDict(
            (linkedid, self._call_values(batch, record, region))
            for linkedid, record in records.items())
        known = {}
        for linkedid, vals in list(values.items()):
            if vals.get("direction") == "outbound" and not Call.search(
                    [("pbx_id", "=", pbx.id), ("linkedid", "=", linkedid)], limit=1):
                pending = self._pending_originate(pbx, vals)
                if pending:  # a click-to-call's record gets its Linkedid
                    vals["linkedid"] = linkedid
                    pending.write(vals)
                    known[linkedid] = pending
                    del values[linkedid]
        if not values:
            return known
        if fold:
            self._fold_pops(batch, values)
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
        cr = self.env.cr
        query = sql.SQL("""
            INSERT INTO crm_call AS c (pbx_id, company_id, linkedid, create_uid, create_date,
                                       write_uid, write_date, {columns})
            VALUES %s
            ON CONFLICT (pbx_id, linkedid) DO UPDATE SET
                write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date,
                state = CASE WHEN c.state = 'done' AND c.result <> 'dialing'
                              AND EXCLUDED.result IS NULL THEN c.state
                             ELSE COALESCE(EXCLUDED.state, c.state) END,
                partner_id = COALESCE(c.partner_id, EXCLUDED.partner_id),
                popped_extensions = COALESCE(c.popped_extensions, EXCLUDED.popped_extensions),
                {updates}
            RETURNING linkedid, id""").format(
            columns=sql.SQL(", ").join(map(sql.Identifier, UPSERT_COLUMNS)),
            updates=sql.SQL(", ").join(
                sql.SQL("{column} = COALESCE(EXCLUDED.{column}, c.{column})").format(
                    column=sql.Identifier(column))
                for column in UPSERT_COLUMNS if column not in _UPSERT_KEPT))
        result = execute_values(cr._obj, _text(cr, query), rows, fetch=True)
        # only the calls changed: invalidating everything would make the
        # company's computed address (country) be computed again per batch
        Call.invalidate_cache(ids=[call_id for _linkedid, call_id in result])
        stored = Call.browse([call_id for _linkedid, call_id in result])  # one prefetch
        by_id = {call.id: call for call in stored}
        known.update((linkedid, by_id[call_id]) for linkedid, call_id in result)
        return known

    def _fold_pops(self, batch, values):
        """Give the new calls of ``values`` the agents the batch's pops ring."""
        ringing = collections.OrderedDict()
        for fact in batch.pops:
            if fact.linkedid in values and batch.agents.get(fact.extension):
                extensions = ringing.setdefault(fact.linkedid, [])
                if fact.extension not in extensions:
                    extensions.append(fact.extension)
        if not ringing:
            return
        self.env.cr.execute("SELECT linkedid FROM crm_call WHERE pbx_id = %s AND linkedid IN %s",
                            (batch.pbx.id, tuple(ringing)))
        for (linkedid,) in self.env.cr.fetchall():
            del ringing[linkedid]  # a call stored earlier: _store_pops updates it
        for linkedid, extensions in ringing.items():
            vals, agent = values[linkedid], batch.agents[extensions[0]]
            vals["popped_extensions"] = ",".join(extensions)
            if not vals.get("user_id"):
                vals.update(user_id=agent.id, department_id=agent.department_id)
            vals.setdefault("agent_extension", extensions[0])
            batch.folded[linkedid] = extensions

    def _call_values(self, batch, record, region):
        """crm.call values of a call record snapshot (None/"" left out);
        ``region``: the phone system's (``_cc_region``, read once a batch:
        False when its company has no country, which read it again for
        every call)."""
        pbx, agents = batch.pbx, batch.agents
        direction = record.direction or "inbound"
        number = record.callee if direction == "outbound" else record.caller
        values = {
            "direction": direction,
            "caller": record.caller,
            "caller_name": record.caller_name,
            "callee": record.callee,
            "queue": record.queue,
            "date_start": _dt(record.start),
            "date_answer": _dt(record.answer),
            "date_end": _dt(record.end),
            "ring_seconds": record.ring_seconds or 0,
            "talk_seconds": record.talk_seconds or 0,
            "hangup_side": record.hangup_side or False,
            "result": record.result or False,
            "transfer_target": record.transfer_target,
            "transfer_talk_seconds": record.transfer_talk_seconds,
            "cut_by_pbx": record.cut or None,
            "conference_number": record.conference_number,
        }
        target = agents.get(record.transfer_target or "")
        if target and record.transfer_target != record.agent_extension:
            values["transfer_user_id"] = target.id
        if record.start is not None:
            until = record.answer or record.end
            if until is not None:
                values["wait_seconds"] = max(0, int(round(until - record.start)))
        values["state"] = "done" if record.end is not None else (
            "talking" if record.answer is not None else "ringing")
        extension = record.agent_extension
        if extension:
            values["agent_extension"] = extension
            agent = agents.get(extension)
            if agent:
                values["user_id"] = agent.id
                values["department_id"] = agent.department_id
        if number and direction != "internal":
            e164 = phonelib.normalize(number, region)
            values.update(number=number, number_e164=e164,
                          number_location=phonelib.describe(e164) if e164 else False)
        recording = pbx._cc_recording_for(record)
        if recording:
            values["recording"] = recording
        return {key: value for key, value in values.items() if value not in (None, "")}

    def _pending_originate(self, pbx, values):
        """A click-to-call waiting for its channels: the same agent dialling
        the same number within the last two minutes."""
        since = fields.Datetime.to_string(
            datetime.datetime.utcnow() - datetime.timedelta(minutes=2))
        return self._calls().search([
            ("pbx_id", "=", pbx.id), ("result", "=", "dialing"), ("linkedid", "=", False),
            ("number_e164", "=", values.get("number_e164")),
            ("user_id", "=", values.get("user_id")), ("create_date", ">=", since),
        ], order="id desc", limit=1)

    # ------------------------------------------------------------- pops
    def _store_pops(self, batch, facts):
        """Exactly one notification per call and ringing agent, to that
        agent only (a replayed AgentCalled pops nothing). A pop for a call
        not stored yet stores it (inbound, ringing)."""
        pbx, agents, known, Call = batch.pbx, batch.agents, batch.calls, self._calls()
        missing = collections.OrderedDict()
        for fact in facts:
            if fact.linkedid not in known:
                missing[fact.linkedid] = calllib.CallRecord(
                    linkedid=fact.linkedid, caller=fact.caller, caller_name=fact.caller_name,
                    queue=fact.queue, direction="inbound")
        if missing:
            found = Call.search([("pbx_id", "=", pbx.id), ("linkedid", "in", list(missing))])
            known.update((call.linkedid, call) for call in found)
            known.update(self._upsert_calls(batch, collections.OrderedDict(
                (linkedid, record) for linkedid, record in missing.items()
                if linkedid not in known), fold=False))
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
        updates, announced = {}, set()
        sent_at = time.time()
        for fact in facts:
            call = known[fact.linkedid]
            row = rows[call.id]
            extension = fact.extension
            agent = agents.get(extension)
            if not row[6] and row[3] and auto_create:
                partner = call._cc_create_caller_partner()
                call.partner_id = partner
                row[6], row[7] = partner.id, partner.name
            if not agent:
                _logger.info("Call %s rings extension %s, which no user has: no pop",
                             fact.linkedid, extension)
                continue
            if extension in batch.folded.get(fact.linkedid, ()):
                if (call.id, extension) in announced:
                    continue  # the same AgentCalled twice in one batch
            else:
                popped, user_id = updates.get(call.id) or (
                    list(filter(None, (row[8] or "").split(","))), row[9])
                if extension in popped:
                    continue
                popped.append(extension)
                transfer_to = agent.id if fact.transfer else (
                    updates.get(call.id) or (0, 0, None))[2]
                updates[call.id] = (popped, user_id or agent.id, transfer_to)
            announced.add((call.id, extension))
            batch.notifications.append(((self._cr.dbname, "res.partner", agent.partner_id),
                                        self._pop_payload(call.id, row, view_id, sent_at)))
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
            Call.invalidate_cache(ids=list(updates))

    @staticmethod
    def _pop_payload(call_id, row, view_id, sent_at):
        """The pop's bus message: exactly what the web client reads
        (crm_callcenter_phone.js opens the form, crm_callcenter_pop.js
        shows the number, region, queue and customer before reading the
        call). ``row``: the call as _store_pops reads it; ``sent_at``: the
        server's epoch seconds, which a page compares with its own load
        (ir.http ``session_info``): a page's first poll also brings the
        messages of the last 50 s, whose calls may have ended."""
        return {
            "type": POP_TYPE, "call_id": call_id, "view_id": view_id, "sent_at": sent_at,
            "number": row[1] or row[2] or "", "location": row[4] or "",
            "partner_id": row[6] or False, "partner_name": row[7] or "",
            "queue": row[5] or "",
        }

    # ------------------------------------------------ dialplan's reports
    def _store_ivr_steps(self, batch, facts):
        """IVR menus the caller went through (CC-11), joined to their call
        when it is stored already."""
        pbx, cr = batch.pbx, self.env.cr
        query = sql.SQL("""
            INSERT INTO crm_call_ivr (pbx_id, company_id, linkedid, caller, menu, choice,
                                      date, visits, call_id, create_uid, write_uid,
                                      create_date, write_date)
            SELECT {pbx}, {company}, v.linkedid, v.caller, v.menu, v.choice, v.date::timestamp,
                   1, (SELECT id FROM crm_call c WHERE c.pbx_id = {pbx}
                          AND c.linkedid = v.linkedid), {uid}, {uid},
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM (VALUES %s) AS v (linkedid, caller, menu, choice, date)""").format(
            pbx=sql.Literal(pbx.id), company=sql.Literal(pbx.company_id.id),
            uid=sql.Literal(self.env.uid))
        execute_values(cr._obj, _text(cr, query), [
            (fact.linkedid, fact.caller, fact.menu, fact.choice,
             fields.Datetime.to_string(_utc(fact.at))) for fact in facts])
        self._link_ivr_steps(pbx, list({fact.linkedid for fact in facts}))

    def _link_ivr_steps(self, pbx, linkedids):
        """The IVR steps of these calls recorded before the call reached a
        queue join it, and the time spent in each menu: from the previous
        choice of the same call, or from the call's start for the first
        menu (CC-11)."""
        if not linkedids:
            return
        cr = self.env.cr
        cr.execute("""
            UPDATE crm_call_ivr i SET call_id = c.id
              FROM crm_call c
             WHERE i.call_id IS NULL AND i.pbx_id = %s AND c.pbx_id = %s
               AND c.linkedid = i.linkedid AND i.linkedid IN %s""",
                   (pbx.id, pbx.id, tuple(linkedids)))
        cr.execute("""
            UPDATE crm_call_ivr i SET duration = s.duration
              FROM (SELECT i.id, GREATEST(0, EXTRACT(epoch FROM i.date - COALESCE(
                           LAG(i.date) OVER (PARTITION BY i.linkedid ORDER BY i.date, i.id),
                           c.date_start)))::int AS duration
                      FROM crm_call_ivr i
                      LEFT JOIN crm_call c ON c.id = i.call_id
                     WHERE i.pbx_id = %s AND i.linkedid IN %s) s
             WHERE s.id = i.id AND i.duration IS DISTINCT FROM s.duration""",
                   (pbx.id, tuple(linkedids)))
        Ivr = self.env["crm.call.ivr"]
        Ivr.invalidate_cache(fnames=list(Ivr._fields))  # not the whole cache
        self._calls().invalidate_cache(["ivr_ids"])

    def _store_surveys(self, batch, facts):
        """The caller's score (CC-14) on their call."""
        for fact in facts:
            self.env.cr.execute("UPDATE crm_call SET satisfaction = %s WHERE pbx_id = %s "
                                "AND linkedid = %s", (fact.score, batch.pbx.id, fact.linkedid))
        self._calls().invalidate_cache(["satisfaction"])

    def _store_voicemails(self, batch, facts):
        """Messages left (CC-12), on their call, for the mailbox's agent (or
        the Supervisors: a queue's mailbox), in one UPDATE; a message stored
        already (a replay after a listener restart) changes nothing and is
        not announced again."""
        agents, cr = batch.agents, self.env.cr
        query = sql.SQL("""
            UPDATE crm_call c
               SET voicemail_box = v.mailbox, voicemail_file = v.file,
                   voicemail_duration = v.duration::int,
                   voicemail_date = v.at::timestamp, voicemail_user_id = v.user_id::int,
                   voicemail_state = COALESCE(c.voicemail_state, 'new')
              FROM (VALUES %s) AS v (linkedid, mailbox, file, duration, at, user_id)
             WHERE c.pbx_id = {pbx} AND c.linkedid = v.linkedid
               AND c.voicemail_file IS DISTINCT FROM v.file
         RETURNING c.id, c.number, c.caller, c.voicemail_user_id""").format(
            pbx=sql.Literal(batch.pbx.id))
        rows = execute_values(cr._obj, _text(cr, query), [
            (fact.linkedid, fact.mailbox, fact.file, fact.duration,
             fields.Datetime.to_string(_utc(fact.at)),
             getattr(agents.get(fact.mailbox or ""), "id", None))
            for fact in facts], fetch=True)
        partners = {agent.id: agent.partner_id for agent in agents.values()}
        self._calls().invalidate_cache(
            ["voicemail_box", "voicemail_file", "voicemail_duration", "voicemail_date",
             "voicemail_user_id", "voicemail_state"], [row[0] for row in rows])
        batch.notifications.extend(
            ((cr.dbname, "res.partner", partners[user_id]), {
                "type": VOICEMAIL_TYPE, "call_id": call_id,
                "message": _("New voicemail from %s.") % (number or caller or "?")})
            for call_id, number, caller, user_id in rows if user_id in partners)

    # --------------------------------------------------------- takeover
    @api.model
    def _open_calls(self, pbx):
        """The calls of ``pbx`` the database has open (ringing or in
        progress), as :meth:`telephony.calls.CallTracker.adopt` takes them
        (a listener taking the phone system over follows them without
        popping again)."""
        self.env.cr.execute("""
            SELECT linkedid, direction, caller, caller_name, callee, queue, agent_extension,
                   date_start, date_answer, popped_extensions
              FROM crm_call
             WHERE pbx_id = %s AND state IN ('ringing', 'talking') AND linkedid IS NOT NULL""",
                            (pbx.id,))
        return [{"linkedid": linkedid, "direction": direction, "caller": caller,
                 "caller_name": caller_name, "callee": callee, "queue": queue,
                 "agent_extension": extension, "start": _epoch(start), "answer": _epoch(answer),
                 "popped": [e for e in (popped or "").split(",") if e]}
                for (linkedid, direction, caller, caller_name, callee, queue, extension, start,
                     answer, popped) in self.env.cr.fetchall()]

    def _store_resyncs(self, batch, facts):
        """A takeover's resync: the calls the database had open that the
        PBX no longer has ended while nobody listened. They end now as
        "interrupted", then the PBX's CDR file (if it is mounted) completes
        them and brings the calls that began and ended in the gap; the cron
        or an upload does it later otherwise. None stays "ringing"."""
        for fact in facts:
            self._resync_gone(batch.pbx, fact.gone)

    def _resync_gone(self, pbx, linkedids):
        if linkedids:
            end = time.time()
            facts = []
            for row in self._open_calls(pbx):
                if row["linkedid"] not in linkedids:
                    continue
                record = calllib.CallRecord(
                    linkedid=row["linkedid"], direction=row["direction"],
                    caller=row["caller"], caller_name=row["caller_name"],
                    callee=row["callee"], queue=row["queue"],
                    agent_extension=row["agent_extension"], answer=row["answer"], end=end,
                    result="interrupted")
                if row["answer"] is not None:
                    record.talk_seconds = max(0, int(end - row["answer"]))
                facts.append(calllib.CallEnded(record))
            if facts:
                _logger.info("phone system %s: %d calls ended while no listener listened",
                             pbx.id, len(facts))
                self._store_facts(pbx, facts, "calls")
        pbx.sudo()._cc_reconcile_cdr_file()
        return True

    # ------------------------------------------------------------- CDRs
    @api.model
    def _store_cdrs(self, pbx, rows):
        """Store the calls of these CDR rows (:func:`telephony.cdr.read_master_csv`)
        the listener missed (it was stopped or its AMI link was down): a call
        is never doubled, CDR lines join the call of the same (phone system,
        Linkedid); calls the listener recorded completely are left as they
        are, interrupted ones are completed. Returns counts."""
        pbx = pbx.sudo()
        records = cdrlib.records_from_cdrs(rows)
        counts = {"created": 0, "completed": 0, "unchanged": 0}
        if not records:
            return counts
        self.env.cr.execute("""
            SELECT linkedid, state, result FROM crm_call
             WHERE pbx_id = %s AND linkedid IN %s""", (pbx.id, tuple(records)))
        known = {linkedid: (state, result) for linkedid, state, result in self.env.cr.fetchall()}
        facts = []
        for linkedid, record in records.items():
            state, result = known.get(linkedid, (None, None))
            if state == "done" and result not in ("interrupted", "dialing", None):
                counts["unchanged"] += 1
                continue
            counts["completed" if linkedid in known else "created"] += 1
            facts.append(calllib.CallEnded(record))
        if facts:
            self._store_facts(pbx, facts, "calls")
            self.env.cr.execute("""
                UPDATE crm_call SET cdr_recovered = true, cut_by_pbx = false
                 WHERE pbx_id = %s AND linkedid IN %s""",
                                (pbx.id, tuple(fact.record.linkedid for fact in facts)))
            self._calls().invalidate_cache(["cdr_recovered", "cut_by_pbx"])
        return counts

    # ----------------------------------------------------------- agents
    def _store_agent_states(self, batch, facts):
        """Agents' new states (CC-3, CC-8) in bulk: each change closes the
        previous period of the history, the phone bar of each agent gets
        the last state once per batch. A fact's ``at`` dates the change
        (without it, now). The PBX link's facts apply to this phone
        system's agents the tracker could not speak for
        (:meth:`_link_agent_facts`)."""
        pbx, agents, cr = batch.pbx, batch.agents, self.env.cr
        changes = collections.OrderedDict()  # agent -> [(state, reason, at, extension)]
        current = {}
        for fact in self._link_agent_facts(batch, facts):
            user = agents.get(fact.extension)
            if not user:
                continue
            state = fact.state or "offline"
            reason = fact.reason or None
            if user not in current:
                current[user] = (user.state, user.reason or None)
            if current[user] == (state, reason):
                continue
            current[user] = (state, reason)
            changes.setdefault(user, []).append((state, reason, _utc(fact.at), fact.extension))
        if not changes:
            return
        execute_values(cr._obj, """
            UPDATE crm_agent_state_log l
               SET date_end = v.at::timestamp, write_date = now() at time zone 'UTC',
                   duration = GREATEST(0, EXTRACT(epoch FROM v.at::timestamp - l.date_start))::int
              FROM (VALUES %s) AS v (user_id, at)
             WHERE l.user_id = v.user_id AND l.date_end IS NULL""",
                       [(user.id, periods[0][2]) for user, periods in changes.items()])
        rows = []
        for user, periods in changes.items():
            for index, (state, reason, at, extension) in enumerate(periods):
                end = periods[index + 1][2] if index + 1 < len(periods) else None
                rows.append((user.id, user.department_id, pbx.company_id.id,
                             pbx.id, extension, state, reason, at, end,
                             max(0, int((end - at).total_seconds())) if end else None))
        query = sql.SQL("""
            INSERT INTO crm_agent_state_log
                   (user_id, department_id, company_id, pbx_id, extension, state, reason,
                    date_start, date_end, duration, create_uid, write_uid, create_date,
                    write_date)
            SELECT v.user_id, v.department_id::int, v.company_id, v.pbx_id, v.extension,
                   v.state, v.reason::varchar, v.date_start, v.date_end::timestamp,
                   v.duration::int, {uid}, {uid}, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM (VALUES %s) AS v (user_id, department_id, company_id, pbx_id, extension,
                                     state, reason, date_start, date_end, duration)
            """).format(uid=sql.Literal(self.env.uid))
        execute_values(cr._obj, _text(cr, query), rows)
        execute_values(cr._obj, """
            UPDATE res_users u
               SET cc_agent_state = v.state, cc_agent_state_reason = v.reason::varchar,
                   cc_agent_state_date = v.at,
                   cc_on_hold = COALESCE(u.cc_on_hold AND v.state = 'in_call', false)
              FROM (VALUES %s) AS v (id, state, reason, at)
             WHERE u.id = v.id""", [
            (user.id, periods[-1][0], periods[-1][1], periods[-1][2])
            for user, periods in changes.items()])
        self.env["res.users"].invalidate_cache(
            ["cc_agent_state", "cc_agent_state_reason", "cc_agent_state_date", "cc_on_hold"],
            [user.id for user in changes])
        Log = self.env["crm.agent.state.log"]
        Log.invalidate_cache(fnames=list(Log._fields))  # not the whole cache
        labels = self._agent_state_labels([user.id for user in changes])
        for user, periods in changes.items():
            state, reason, at, extension = periods[-1]
            if batch.with_pops.get(extension) == (state, reason, at):
                continue  # the phone bar had it with the pop
            batch.notifications.append(self._state_message(user, state, reason, at, labels))

    def _state_message(self, user, state, reason, at, labels):
        """The phone bar's bus message of an agent's state."""
        payload = {
            "type": STATE_TYPE, "state": state,
            "label": labels[user.id].get(state, state), "reason": reason or "",
            "since": fields.Datetime.to_string(at), "extension": user.extension}
        if state != "in_call":  # a held call stays held while in call
            payload["held"] = False
        return (self.env.cr.dbname, "res.partner", user.partner_id), payload

    @staticmethod
    def _states_with_pops(batch, facts):
        """The agents' last states in a batch that pops them: their phone
        bar gets it with the pop, in the same answer of the long poll,
        instead of from the agents' transaction a moment later (a second
        answer and a second poll of every ringing browser in a burst)."""
        popped = {fact.extension for fact in facts
                  if type(fact) is calllib.Pop and fact.extension in batch.agents}
        states, current = {}, {}
        for fact in facts:  # the last change, as _store_agent_states finds it
            if type(fact) is calllib.AgentStateChanged and fact.extension in popped:
                agent = batch.agents[fact.extension]
                state = (fact.state or "offline", fact.reason or None)
                if current.setdefault(fact.extension, (agent.state, agent.reason or None)) \
                        != state:
                    current[fact.extension] = state
                    states[fact.extension] = state + (_utc(fact.at),)
        return states

    def _announce_states_with_pops(self, batch):
        agents = {extension: batch.agents[extension] for extension in batch.with_pops
                  if extension in batch.agents}
        labels = self._agent_state_labels([agent.id for agent in agents.values()])
        for extension, agent in agents.items():
            batch.notifications.append(self._state_message(
                agent, *batch.with_pops[extension], labels=labels))

    def _link_agent_facts(self, batch, facts):
        """The agent facts, each PBX link fact (``PbxState``) replaced by
        agent facts for this phone system's agents the tracker could not
        speak for (a fresh listener never saw them; their state comes from
        before). An agent is this phone system's when it gave the agent's
        current state (the open period of the history), or a fact of this
        batch did; another phone system of the company keeps its agents:

        * ``unreachable``: every agent not offline is "PBX Unreachable";
        * ``stopped``: every agent goes offline (nothing confirms a state);
        * ``connected`` after QueueStatus: an agent it did not report as a
          member, whose state the tracker did not give, is logged out."""
        links = [fact for fact in facts if type(fact) is calllib.PbxState]
        if not links:
            return facts
        self.env.cr.execute("""
            SELECT DISTINCT user_id FROM crm_agent_state_log
             WHERE date_end IS NULL AND pbx_id = %s""", (batch.pbx.id,))
        owned = {row[0] for row in self.env.cr.fetchall()}
        running = {extension: agent.state for extension, agent in batch.agents.items()
                   if agent.id in owned}
        result = []
        for fact in facts:
            if type(fact) is not calllib.PbxState:
                result.append(fact)
                running[fact.extension] = fact.state
                continue
            if fact.state == "unreachable":
                new, skip, targets = "unreachable", ("offline", "unreachable"), running
            elif fact.state == "stopped":
                new, skip, targets = "offline", ("offline",), running
            elif fact.members is not None:
                new, skip = "logged_out", ("offline", "logged_out")
                seen = set(fact.members) | set(fact.known or ())
                targets = [extension for extension in running if extension not in seen]
            else:
                continue
            for extension in list(targets):
                if (running.get(extension) or "offline") not in skip:
                    result.append(calllib.AgentStateChanged(extension, None, new, at=fact.at))
                    running[extension] = new
        return result

    def _agent_state_labels(self, user_ids):
        """{user id: {state: label}} in each user's own language, read in
        one query (the listener's agents are plain tuples, not records)."""
        self.env.cr.execute("""
            SELECT u.id, COALESCE(p.lang, 'en_US') FROM res_users u
              JOIN res_partner p ON p.id = u.partner_id WHERE u.id IN %s""",
                            (tuple(user_ids),))
        field = self.env["res.users"]._fields["cc_agent_state"]
        by_lang, result = {}, {}
        for user_id, lang in self.env.cr.fetchall():
            if lang not in by_lang:
                by_lang[lang] = dict(field._description_selection(
                    self.with_context(lang=lang).env))
            result[user_id] = by_lang[lang]
        return result
