# size: two jobs, agent-state log and phone-bar RPCs on res.users; issue 17 moves the RPCs
"""Agent states as confirmed by the PBX (CC-3 phone bar, CC-8 history) and
the phone actions an agent starts from the web client (CC-3, CC-4)."""
import collections
import time

from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_customer import phone as phonelib

from ..telephony import calls as calllib

AGENT_STATES = list(calllib.AGENT_STATE_LABELS)
STATE_TYPE = "crm_callcenter.agent_state"
#: what the listener needs of an agent, read in one query per batch
Agent = collections.namedtuple("Agent", "extension id partner_id department_id state reason "
                                        "since name")


def _utc(epoch):
    """The moment of a listener fact (POSIX seconds); now when it has none."""
    return localtime.from_epoch(epoch) or localtime.utcnow()


class CrmAgentStateLog(models.Model):
    """One row per period an agent spent in a state (CC-8)."""

    _name = "crm.agent.state.log"
    _inherit = ["crm.list.page.mixin"]
    _description = "Agent State History"
    _order = "date_start desc, id desc"

    user_id = fields.Many2one("res.users", "Agent", required=True, index=True,
                              ondelete="cascade", readonly=True)
    department_id = fields.Many2one("crm.department", "Department", index=True,
                                    readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    pbx_id = fields.Many2one("crm.pbx", "Phone System", ondelete="set null", readonly=True)
    extension = fields.Char(readonly=True)
    state = fields.Selection(AGENT_STATES, required=True, readonly=True, index=True)
    reason = fields.Char("Pause Reason", readonly=True)
    date_start = fields.Datetime("From", required=True, readonly=True, index=True)
    date_end = fields.Datetime("To", readonly=True)
    duration = fields.Integer("Duration (s)", readonly=True, group_operator="sum")

    def init(self):
        result = super().init()
        # every state change closes the agent's open period: found through a
        # small index, not among the thousands of periods of each agent
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_agent_state_log_open_idx
                ON crm_agent_state_log (user_id) WHERE date_end IS NULL""")
        # an agent without periods must not look like one with thousands
        self._cc_track_every_value(("user_id",))
        return result


class ResUsers(models.Model):
    _inherit = "res.users"

    cc_agent_state = fields.Selection(
        AGENT_STATES, "Agent State", default="offline", readonly=True, copy=False,
        groups="base.group_user")
    cc_agent_state_reason = fields.Char("State Reason", readonly=True, copy=False,
                                        groups="base.group_user")
    cc_agent_state_date = fields.Datetime("State Since", readonly=True, copy=False,
                                          groups="base.group_user")
    cc_on_hold = fields.Boolean("Call on Hold", readonly=True, copy=False, groups="base.group_user")

    @api.model
    def _cc_agents_by_extension(self, company):
        """{extension: Agent} of the company's active users with an
        extension, read in one query (the listener does this per batch)."""
        self.env.cr.execute("""
            SELECT u.extension, u.id, u.partner_id, u.crm_department_id, u.cc_agent_state,
                   u.cc_agent_state_reason, u.cc_agent_state_date, p.name
              FROM res_users u JOIN res_partner p ON p.id = u.partner_id
             WHERE u.active AND u.extension IS NOT NULL AND u.extension <> ''
               AND u.company_id = %s""", (company.id,))
        return {row[0]: Agent(*row) for row in self.env.cr.fetchall()}

    @api.model
    def _cc_link_facts(self, pbx, facts, agents):
        """The agent facts with each ``pbx`` fact turned into agent facts
        for this phone system's agents the tracker could not speak for (a
        fresh listener never saw them; their state comes from before). An
        agent is this phone system's when it gave the agent's current state
        (the open period of the state history), or a fact of this batch did;
        another phone system of the company keeps its agents:

        * ``unreachable``: every agent not offline is "PBX Unreachable";
        * ``stopped``: every agent goes offline (nothing confirms a state);
        * ``connected`` after QueueStatus: an agent it did not report as a
          member, whose state the tracker did not give, is logged out."""
        if not any(fact.get("kind") == "pbx" for fact in facts):
            return facts
        self.env.cr.execute("""
            SELECT DISTINCT user_id FROM crm_agent_state_log
             WHERE date_end IS NULL AND pbx_id = %s""", (pbx.id,))
        owned = {row[0] for row in self.env.cr.fetchall()}
        running = {extension: agent.state for extension, agent in agents.items()
                   if agent.id in owned}
        result = []
        for fact in facts:
            if fact.get("kind") != "pbx":
                result.append(fact)
                running[fact.get("extension")] = fact.get("state")
                continue
            link = fact.get("state")
            if link == "unreachable":
                new, skip = "unreachable", ("offline", "unreachable")
                targets = running
            elif link == "stopped":
                new, skip = "offline", ("offline",)
                targets = running
            elif fact.get("members") is not None:
                new, skip = "logged_out", ("offline", "logged_out")
                seen = set(fact["members"]) | set(fact.get("known") or ())
                targets = [extension for extension in running if extension not in seen]
            else:
                continue
            for extension in list(targets):
                if (running.get(extension) or "offline") not in skip:
                    result.append({"kind": "agent", "extension": extension, "state": new,
                                   "at": fact.get("at")})
                    running[extension] = new
        return result

    @api.model
    def _cc_agent_states(self, pbx, facts, agents):
        """Record agents' new states in bulk: each change closes the previous
        period, the phone bar of each agent gets the last state once per
        batch. A fact's ``at`` (POSIX time the listener saw it) dates the
        change; without it, now. ``pbx`` facts (the link: lost, back,
        stopped) apply to every agent of the company (:meth:`_cc_link_facts`)."""
        facts = self._cc_link_facts(pbx, facts, agents)
        changes = collections.OrderedDict()  # user -> [(state, reason, at)]
        current = {}
        for fact in facts:
            user = agents.get(fact.get("extension"))
            if not user:
                continue
            state = fact.get("state") or "offline"
            reason = fact.get("reason") or None
            if user not in current:
                current[user] = (user.state, user.reason or None)
            if current[user] == (state, reason):
                continue
            current[user] = (state, reason)
            changes.setdefault(user, []).append(
                (state, reason, _utc(fact.get("at")), fact.get("extension")))
        if not changes:
            return []
        cr = self.env.cr
        rows = []
        execute_values(cr._obj, """
            UPDATE crm_agent_state_log l
               SET date_end = v.at::timestamp, write_date = now() at time zone 'UTC',
                   duration = GREATEST(0, EXTRACT(epoch FROM v.at::timestamp - l.date_start))::int
              FROM (VALUES %s) AS v (user_id, at)
             WHERE l.user_id = v.user_id AND l.date_end IS NULL""",
                       [(user.id, periods[0][2]) for user, periods in changes.items()])
        for user, periods in changes.items():
            for index, (state, reason, at, extension) in enumerate(periods):
                end = periods[index + 1][2] if index + 1 < len(periods) else None
                rows.append((user.id, user.department_id, pbx.company_id.id,
                             pbx.id, extension, state, reason, at, end,
                             max(0, int((end - at).total_seconds())) if end else None))
        execute_values(cr._obj, """
            INSERT INTO crm_agent_state_log
                   (user_id, department_id, company_id, pbx_id, extension, state, reason,
                    date_start, date_end, duration, create_uid, write_uid, create_date,
                    write_date)
            SELECT v.user_id, v.department_id::int, v.company_id, v.pbx_id, v.extension,
                   v.state, v.reason::varchar, v.date_start, v.date_end::timestamp,
                   v.duration::int, %d, %d, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM (VALUES %%s) AS v (user_id, department_id, company_id, pbx_id, extension,
                                      state, reason, date_start, date_end, duration)
            """ % (self.env.uid, self.env.uid), rows)
        execute_values(cr._obj, """
            UPDATE res_users u
               SET cc_agent_state = v.state, cc_agent_state_reason = v.reason::varchar,
                   cc_agent_state_date = v.at,
                   cc_on_hold = COALESCE(u.cc_on_hold AND v.state = 'in_call', false)
              FROM (VALUES %s) AS v (id, state, reason, at)
             WHERE u.id = v.id""", [
            (user.id, periods[-1][0], periods[-1][1], periods[-1][2])
            for user, periods in changes.items()])
        self.invalidate_cache(["cc_agent_state", "cc_agent_state_reason",
                               "cc_agent_state_date", "cc_on_hold"], [user.id for user in changes])
        Log = self.env["crm.agent.state.log"]
        Log.invalidate_cache(fnames=list(Log._fields))  # not the whole cache
        messages = []
        labels = self._cc_state_labels_for([user.id for user in changes])
        for user, periods in changes.items():
            payload = {
                "type": STATE_TYPE, "state": periods[-1][0],
                "label": labels[user.id].get(periods[-1][0], periods[-1][0]),
                "reason": periods[-1][1] or "",
                "since": fields.Datetime.to_string(periods[-1][2]),
                "extension": user.extension}
            if periods[-1][0] != "in_call":  # a held call stays held while in call
                payload["held"] = False
            messages.append(((self._cr.dbname, "res.partner", user.partner_id), payload))
        return messages

    def _cc_state_labels_for(self, user_ids):
        """{user id: {state: label}} in each user's own language, read in
        one query (the listener's agents are plain tuples, not records)."""
        if not user_ids:
            return {}
        self.env.cr.execute("""
            SELECT u.id, COALESCE(p.lang, 'en_US') FROM res_users u
              JOIN res_partner p ON p.id = u.partner_id WHERE u.id IN %s""",
                            (tuple(user_ids),))
        field = self._fields["cc_agent_state"]
        by_lang, result = {}, {}
        for user_id, lang in self.env.cr.fetchall():
            if lang not in by_lang:
                by_lang[lang] = dict(field._description_selection(
                    self.with_context(lang=lang).env))
            result[user_id] = by_lang[lang]
        return result

    def _cc_state_label(self, state):
        """The state's label in the user's own language: pushes come from
        the AMI listener, whose context has no language (the phone bar
        showed "Ready" in English)."""
        self.ensure_one()
        field = self._fields["cc_agent_state"]
        env = self.with_context(lang=self.lang or "en_US").env
        return dict(field._description_selection(env)).get(state, state)

    def _cc_bar_payload(self):
        self.ensure_one()
        return {
            "type": STATE_TYPE, "state": self.cc_agent_state or "offline",
            "label": self._cc_state_label(self.cc_agent_state or "offline"),
            "reason": self.cc_agent_state_reason or "",
            "since": self.cc_agent_state_date or False,
            "extension": self.extension or "",
            "held": bool(self.cc_on_hold),
        }

    def _cc_set_hold(self, hold):
        """Remember that the PBX put the user's call on hold (or resumed it)
        and tell their phone bar."""
        self.ensure_one()
        self.write({"cc_on_hold": hold})
        self.env["bus.bus"].sendone(
            (self._cr.dbname, "res.partner", self.partner_id.id), self._cc_bar_payload())

    # ------------------------------------------------- phone bar actions
    @api.model
    def cc_phone_bar(self):
        """What the phone bar shows when the web client starts."""
        user = self.env.user
        payload = user.sudo()._cc_bar_payload()
        payload["enabled"] = bool(user.extension and user.has_group(
            "crm_callcenter.group_agent"))
        payload["pause_reasons"] = [
            value.name for value in self.env["crm.dictionary"].search(
                [("dict_type", "=", "pause_reason")])]
        return payload

    def _cc_pbx(self):
        pbxs = self.env["crm.pbx"].sudo().search(
            [("company_id", "=", self.env.user.company_id.id)])
        # the one the listener is connected to, when the company has several
        pbx = pbxs.sorted(lambda p: p.listener_state != "connected")[:1]
        if not pbx:
            raise UserError(_("No phone system is configured for your company."))
        if not self.env.user.extension:
            raise UserError(_("You have no extension: ask an Administrator to set one "
                              "in your user settings."))
        return pbx

    @api.model
    def cc_dial(self, number, partner_id=False):
        """Click-to-call (CC-4): ring the agent's own phone, then the number
        (asynchronous Originate); logged as an outbound call at once."""
        user = self.env.user
        if partner_id:
            # the caller names the customer: they must be able to read it
            partner = self.env["res.partner"].browse(int(partner_id))
            partner.check_access_rights("read")
            partner.check_access_rule("read")
        pbx = self._cc_pbx()
        region = user.company_id.country_id.code
        e164, error = phonelib.check(number, region)
        if error or not e164:
            raise UserError(_("%s is not a phone number that can be dialled.") % number)
        dial = pbx._cc_dial_string(number, e164)
        call = self.env["crm.call"].sudo().create({
            "pbx_id": pbx.id, "company_id": pbx.company_id.id, "direction": "outbound",
            "state": "ringing", "result": "dialing", "callee": dial, "number": number,
            "number_e164": e164, "number_location": phonelib.describe(e164),
            "user_id": user.id, "department_id": user.crm_department_id.id,
            "agent_extension": user.extension, "caller": user.extension,
            "partner_id": partner_id or self.env["res.partner"]._cc_callers(
                [e164]).get(e164, False),
        })
        pbx._cc_send(
            "Originate", Channel=pbx._cc_agent_channel(user.extension),
            Context=pbx.outbound_context or "from-internal", Exten=dial, Priority="1",
            CallerID=user._cc_caller_id(), Async="true",
            Timeout=str(30000), Variable="CRM_CALL_ID=%d" % call.id)
        self.env["crm.operation.log"]._record("call", "dial", call, number=number)
        return {"call_id": call.id, "number": number,
                "message": _("Calling %s: pick up your phone.") % number}

    @api.model
    def cc_set_pause(self, paused, reason=False):
        """Pause or make ready the agent in every queue (QueuePause)."""
        user = self.env.user
        pbx = self._cc_pbx()
        fields_ = {"Interface": pbx._cc_agent_interface(user.extension),
                   "Paused": "true" if paused else "false"}
        if paused and reason:
            fields_["Reason"] = reason
        pbx._cc_send("QueuePause", **fields_)
        return True

    @api.model
    def cc_queue_login(self, login, queue=False):
        """Log the agent in (QueueAdd) or out (QueueRemove) of a queue."""
        user = self.env.user
        pbx = self._cc_pbx()
        queue = queue or pbx.default_queue
        if not queue:
            raise UserError(_("The phone system has no default queue."))
        # logging out only removes the agent's own device; logging in to
        # another department's queue would bring its calls and pops
        if login and queue not in user._cc_allowed_queues(pbx):
            raise UserError(_("You cannot log in to queue %s: only the phone system's "
                              "default queue and your department's queues.") % queue)
        interface = pbx._cc_agent_interface(user.extension)
        if login:
            pbx._cc_send("QueueAdd", Queue=queue, Interface=interface,
                         MemberName=phonelib.clean_name(user.name) or user.extension,
                         Penalty="0")
        else:
            pbx._cc_send("QueueRemove", Queue=queue, Interface=interface)
        return True

    @api.model
    def cc_hangup(self):
        """Hang up the agent's current call."""
        pbx = self._cc_pbx()
        pbx._cc_send("Hangup", Channel="/^%s-/" % pbx._cc_agent_interface(
            self.env.user.extension).replace("/", "\\/"))
        return True

    def _cc_other_party(self, pbx):
        mine, other = self.env["crm.call"].sudo()._cc_live_channels(pbx, self.env.user)
        if not other:
            raise UserError(_("Your call has no other party to hold or conference."))
        return mine, other

    @api.model
    def cc_hold(self, hold=True):
        """Hold: the other party goes to music on hold and the agent's phone
        waits, both in the hold context (one Redirect of both channels);
        resume: the two channels are bridged again (Bridge)."""
        pbx = self._cc_pbx()
        mine, other = self._cc_other_party(pbx)
        context = pbx.hold_context or "crm-hold"
        # the database first, the PBX last: a serialization failure (the
        # listener wrote this user's state meanwhile) makes Odoo retry the
        # whole request, which must not have sent anything yet (issue 16)
        self.env.user.sudo()._cc_set_hold(hold)
        if hold:
            pbx._cc_send("Redirect", Channel=other, Context=context, Exten="s",
                         Priority="1", ExtraChannel=mine, ExtraContext=context,
                         ExtraExten="agent", ExtraPriority="1")
        else:
            pbx._cc_send("Bridge", Channel1=mine, Channel2=other, Tone="no")
        return {"held": hold,
                "message": _("The call is on hold.") if hold else _("The call is resumed.")}

    @api.model
    def cc_conference(self, number):
        """Three-way call: the caller and the agent move into the agent's
        ConfBridge room, then the third party is dialled into it.

        The database is written first and the PBX is sent to last, both
        actions in one session: a serialization failure (the listener wrote
        this user's state meanwhile) makes Odoo retry the whole request,
        which then has sent nothing yet (issue 16: the conference was set up,
        then the request failed and its retry would send it again). The
        third party's channel gets the Uniqueid "<the call's Linkedid>-3way-
        <n>" (Originate's ChannelId), so the listener attaches that leg to
        the call instead of storing an outbound call of a fake agent."""
        user = self.env.user
        pbx = self._cc_pbx()
        dial = user._cc_dial_target(pbx, number)
        mine, other, linkedid = self.env["crm.call"].sudo()._cc_live_channels(
            pbx, user, linkedid=True)
        if not other:
            raise UserError(_("Your call has no other party to hold or conference."))
        context, room = pbx.conference_context or "crm-conference", user.extension
        user.sudo()._cc_set_hold(False)
        self.env["crm.operation.log"]._record("call", "three_way", number=number)
        leg = "%s-3way-%d" % (linkedid or "crm", int(time.time() * 1000) % 10 ** 9)

        def send(client):
            client.send_action("Redirect", Channel=other, Context=context, Exten=room,
                               Priority="1", ExtraChannel=mine, ExtraContext=context,
                               ExtraExten=room, ExtraPriority="1")
            client.send_action(
                "Originate",
                Channel="Local/%s@%s" % (dial, pbx.outbound_context or "from-internal"),
                Context=context, Exten=room, Priority="1", Async="true",
                Timeout=str(30000), CallerID=user._cc_caller_id(),
                ChannelId=leg)
        pbx._cc_run(send)
        return {"message": _("Calling %s into your call.") % number}

    @api.model
    def cc_transfer_to_survey(self):
        """Send the caller to the satisfaction survey (CC-14); its score
        comes back to the call record through the CrmSurvey UserEvent."""
        pbx = self._cc_pbx()
        if not pbx.survey_extension:
            raise UserError(_("The phone system has no survey extension."))
        return self._cc_transfer(pbx, pbx.survey_extension)

    @api.model
    def cc_transfer(self, target, attended=False):
        """Blind (BlindTransfer) or attended (Atxfer) transfer of the agent's
        current call to ``target``: an extension of the company's agents or
        desks, or a phone number (dialled as for click-to-call)."""
        pbx = self._cc_pbx()
        return self._cc_transfer(pbx, self.env.user._cc_dial_target(pbx, target), attended)

    def _cc_transfer(self, pbx, exten, attended=False):
        channel = self.env["crm.call"].sudo()._cc_agent_channel_name(pbx, self.env.user)
        action = "Atxfer" if attended else "BlindTransfer"
        pbx._cc_send(action, Channel=channel, Exten=exten,
                     Context=pbx.outbound_context or "from-internal")
        return True

    # ------------------------------------------- what the PBX is asked
    def _cc_internal_extensions(self, company):
        """Extensions of the company's agents and desks."""
        self.env.cr.execute("""
            SELECT extension FROM res_users
             WHERE active AND company_id = %s AND extension IS NOT NULL
            UNION
            SELECT extension FROM crm_seat
             WHERE active AND company_id = %s""", (company.id, company.id))
        return {row[0] for row in self.env.cr.fetchall()}

    def _cc_dial_target(self, pbx, target):
        """The Exten for a transfer or a three-way call: an internal
        extension of the company as it is, else the digits of a phone
        number (the click-to-call rule); UserError for anything else."""
        self.ensure_one()
        target = (target or "").strip()
        if phonelib.is_extension(target) and \
                target in self._cc_internal_extensions(pbx.company_id):
            return target
        return pbx._cc_dial_string(target)

    def _cc_caller_id(self):
        """CallerID of the agent's phone for an Originate: the name with the
        characters that would change the caller ID removed."""
        self.ensure_one()
        return '"%s" <%s>' % (phonelib.clean_name(self.name), self.extension)

    def _cc_allowed_queues(self, pbx):
        """Queues the user may log in to: the phone system's default queue
        and the queues of the user's department."""
        self.ensure_one()
        queues = set(filter(None, [pbx.default_queue]))
        department = self.sudo().crm_department_id
        queues.update(department._cc_queue_names() if department else ())
        return queues
