"""Agent states as confirmed by the PBX (CC-3 phone bar, CC-8 history); the
phone actions an agent starts from the web client are in
res_users_phone_bar.py."""
import collections

from psycopg2.extras import execute_values

from odoo import api, fields, models

from odoo.addons.crm_callcenter import localtime

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
