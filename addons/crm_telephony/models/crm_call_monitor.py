"""The live monitor (CC-9): one snapshot of agents, queues, live calls and
phone systems for a Supervisor, refreshed in the browser when the listener
pushes a change (bus), listen-in (ChanSpy), and the ending of the live
calls whose end the listener missed. An abstract model that crm.call
inherits: the web client calls ``crm.call.cc_monitor``."""
import datetime
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.crm_callcenter import localtime
from odoo.addons.crm_customer import phone as phonelib

from ..constants import SERVICE_LEVEL_SECONDS, STALE_RINGING_MINUTES, STALE_TALKING_MINUTES

_logger = logging.getLogger(__name__)

MONITOR_TYPE = "crm_callcenter.monitor"


class CrmCallMonitor(models.AbstractModel):
    _name = "crm.call.monitor"
    _description = "Live Monitor"

    def _cc_check_supervisor(self):
        user = self.env.user
        if not (user._is_superuser() or user.has_group("crm_callcenter.group_supervisor")):
            raise AccessError(_("The live monitor is for Supervisors."))

    def _cc_monitor_agent_rows(self):
        """The agents the current user may watch (the whole company for
        Managers, their department tree for Supervisors), read in one query:
        the ORM would read every field of res.users for 200 agents."""
        user = self.env.user
        department_filter, params = "", [user.company_id.id]
        departments = self._cc_monitor_departments()
        if departments is not None:
            department_filter = "AND u.crm_department_id IN %s"
            params.append(tuple(departments) or (0,))
        self.env.cr.execute("""
            SELECT u.id, p.name, u.extension, u.crm_department_id, u.cc_agent_state,
                   u.cc_agent_state_reason, u.cc_agent_state_date
              FROM res_users u JOIN res_partner p ON p.id = u.partner_id
             WHERE u.active AND u.extension IS NOT NULL AND u.extension <> ''
               AND u.company_id = %s {}
          ORDER BY p.name, u.id""".format(department_filter), params)
        return self.env.cr.fetchall()

    def _cc_monitor_departments(self):
        """Department ids the current user watches, None for all (Managers)."""
        user = self.env.user
        if user._is_superuser() or user.has_group("crm_callcenter.group_manager"):
            return None
        return self.env["crm.department"].sudo().search(
            [("id", "child_of", user.crm_department_id.ids)]).ids

    def _cc_monitor_rows(self):
        """(agents, live calls) of the monitor, each read in one query. A
        Supervisor's live calls are those the call rules show them
        (crm_call_rule_supervisor): their agents' calls, their department
        tree's, and calls nobody answered yet."""
        agents = self._cc_monitor_agent_rows()
        departments = self._cc_monitor_departments()
        scope, params = "", [STALE_RINGING_MINUTES, STALE_TALKING_MINUTES,
                             self.env.user.company_id.id]
        if departments is not None:
            scope = """AND (c.user_id IS NULL OR c.user_id IN %s
                            OR c.department_id IN %s)"""
            params += [tuple(row[0] for row in agents) or (0,), tuple(departments) or (0,)]
        self.env.cr.execute("""
            SELECT c.id, COALESCE(c.number, c.caller, ''), COALESCE(cp.name, ''),
                   COALESCE(up.name, ''), COALESCE(c.queue, ''), c.state, c.user_id,
                   c.date_start, c.date_answer,
                   COALESCE(x.stale_ringing_minutes, %s), COALESCE(x.stale_talking_minutes, %s)
              FROM crm_call c
              LEFT JOIN crm_pbx x ON x.id = c.pbx_id
              LEFT JOIN res_partner cp ON cp.id = c.partner_id
              LEFT JOIN res_users u ON u.id = c.user_id
              LEFT JOIN res_partner up ON up.id = u.partner_id
             WHERE c.state <> 'done' AND c.company_id = %s {}
          ORDER BY c.date_start, c.id""".format(scope), params)
        return agents, self.env.cr.fetchall()

    def _cc_monitor_thresholds(self):
        """When the wallboard highlights a queue: waiting calls and longest
        wait ("warn" from the first value, "alert" from the second)."""
        return {"waiting": (1, 3), "longest_wait": (10, SERVICE_LEVEL_SECONDS)}

    @staticmethod
    def _cc_level(value, limits):
        warn, alert = limits
        return "alert" if value >= alert else "warn" if value >= warn else ""

    @api.model
    def cc_monitor(self):
        """Snapshot for the monitor: agents (state, time in state, current
        call), queues (waiting, longest wait, today's offered, answered,
        abandoned, service level, average speed of answer, abandon rate),
        today's totals and calls by local hour, live calls (stale ones
        flagged) and the phone systems' health."""
        self._cc_check_supervisor()
        now = localtime.utcnow()
        now_text = fields.Datetime.to_string(now)
        company = self.env.user.company_id
        tz_name = company._cc_tz_name()
        agent_rows, live = self._cc_monitor_rows()
        labels = dict(self.env["res.users"]._fields["cc_agent_state"]._description_selection(
            self.env))
        call_labels = dict(self._fields["state"]._description_selection(self.env))
        departments = {department.id: department.name for department in
                       self.env["crm.department"].sudo().browse(
                           {row[3] for row in agent_rows if row[3]})}
        thresholds = self._cc_monitor_thresholds()

        def seconds_since(value):
            if not value:
                return 0
            if isinstance(value, str):
                value = fields.Datetime.from_string(value)
            return max(0, int((now - value).total_seconds()))

        # (id, number, partner, agent, queue, state, user id, start, answer,
        #  ringing limit, talking limit): the call as the wallboard shows it
        calls = []
        for row in live:
            since = row[8] if row[5] == "talking" else row[7]
            limit = row[10] if row[5] == "talking" else row[9]
            waiting = bool(row[4]) and not row[8]
            wait = seconds_since(row[7]) if waiting else 0
            calls.append({
                "id": row[0], "number": row[1], "partner": row[2], "agent": row[3],
                "queue": row[4], "state": row[5],
                "state_label": call_labels.get(row[5], row[5]),
                "seconds": seconds_since(row[7]),
                "waiting": waiting,
                "wait_level": self._cc_level(wait, thresholds["longest_wait"]) if waiting
                else "",
                "stale": bool(limit) and seconds_since(since or row[7]) > limit * 60,
                "user_id": row[6], "answer": row[8], "start": row[7],
            })
        live_by_user = {call["user_id"]: call for call in calls if call["user_id"]}
        agents = []
        for user_id, name, extension, department_id, state, reason, since in agent_rows:
            call = live_by_user.get(user_id)
            state = state or "offline"
            agents.append({
                "id": user_id, "name": name, "extension": extension,
                "department": departments.get(department_id, ""),
                "state": state, "label": labels.get(state, state),
                "reason": reason or "",
                "seconds": seconds_since(since),
                "call": {"id": call["id"], "number": call["number"],
                         "partner": call["partner"], "stale": call["stale"],
                         "seconds": seconds_since(call["answer"] or call["start"])}
                if call else False,
            })
        queues = {}
        for call in calls:
            if call["waiting"]:
                queue = queues.setdefault(call["queue"], self._cc_queue_row(call["queue"]))
                queue["waiting"] += 1
                queue["longest_wait"] = max(queue["longest_wait"], seconds_since(call["start"]))
        hours = [self._cc_hour_row(hour) for hour in range(24)]
        for name, hour, counts in self._cc_monitor_today(company, tz_name, now):
            queue = queues.setdefault(name, self._cc_queue_row(name))
            for key, value in counts.items():
                queue[key] += value
            for key in ("offered", "answered", "abandoned"):
                hours[hour][key] += counts[key]
        total = self._cc_queue_row(_("All Queues"))
        for queue in queues.values():
            for key in ("waiting", "offered", "answered", "abandoned", "in_level",
                        "answer_wait", "answer_count"):
                total[key] += queue[key]
            total["longest_wait"] = max(total["longest_wait"], queue["longest_wait"])
        for queue in list(queues.values()) + [total]:
            self._cc_queue_rates(queue, thresholds)
        for call in calls:
            for key in ("user_id", "answer", "start"):
                del call[key]
        pbxs = self.env["crm.pbx"].sudo().search([("company_id", "=", company.id)])
        listener_labels = dict(pbxs._fields["listener_state"]._description_selection(self.env))
        return {
            "now": now_text,
            "hour": localtime.local_hour(tz_name, now),
            "service_level_seconds": SERVICE_LEVEL_SECONDS,
            "agents": agents,
            "queues": sorted(queues.values(), key=lambda q: q["name"]),
            "total": total,
            "hours": hours,
            "calls": calls,
            "pbx": [{"name": pbx.name, "listener": pbx.listener_state,
                     "listener_label": listener_labels.get(pbx.listener_state, ""),
                     "since": pbx.listener_date or "", "version": pbx.asterisk_version or "",
                     "message": pbx.listener_message or "",
                     "node": pbx.listener_node or "",
                     "node_since": pbx.listener_node_since or ""} for pbx in pbxs],
        }

    def _cc_monitor_today(self, company, tz_name, now):
        """Today's ended inbound queue calls, counted per (queue, local hour),
        from the company's local midnight: [(queue, hour, counts)]. Offered
        are the calls that reached a queue, except those whose outcome is
        unknown (the PBX link was lost before an answer: "interrupted")."""
        start, end = localtime.today_bounds(tz_name, now)
        # counted per UTC quarter of an hour, placed on the local clock in
        # Python (localtime): zones at :30 and :45 have their hours right too
        self.env.cr.execute("""
            SELECT queue,
                   date_trunc('hour', date_start)
                       + floor(date_part('minute', date_start) / 15) * interval '15 minutes',
                   count(*),
                   count(*) FILTER (WHERE date_answer IS NOT NULL),
                   count(*) FILTER (WHERE result = 'abandoned'),
                   count(*) FILTER (WHERE date_answer IS NOT NULL AND wait_seconds <= %s),
                   COALESCE(sum(wait_seconds) FILTER (WHERE date_answer IS NOT NULL), 0),
                   count(wait_seconds) FILTER (WHERE date_answer IS NOT NULL)
              FROM crm_call
             WHERE state = 'done' AND direction = 'inbound' AND queue IS NOT NULL
               AND date_start >= %s AND date_start < %s AND company_id = %s
               AND (result IS DISTINCT FROM 'interrupted' OR date_answer IS NOT NULL)
          GROUP BY 1, 2""", (SERVICE_LEVEL_SECONDS, fields.Datetime.to_string(start),
                             fields.Datetime.to_string(end), company.id))
        result = []
        for name, bucket, offered, answered, abandoned, in_level, wait, waited in \
                self.env.cr.fetchall():
            if isinstance(bucket, str):
                bucket = fields.Datetime.from_string(bucket)
            result.append((name, localtime.local_hour(tz_name, bucket), {
                "offered": offered, "answered": answered, "abandoned": abandoned,
                "in_level": in_level, "answer_wait": int(wait), "answer_count": waited}))
        return result

    def _cc_queue_rates(self, queue, thresholds):
        """Service level (answered within SERVICE_LEVEL_SECONDS of all
        offered), average speed of answer and abandon rate of a queue row,
        and how loudly the wallboard shows its waiting calls."""
        offered = queue["offered"]
        # False, not None, where there is nothing to measure: XML-RPC too
        queue.update(
            service_level=round(100.0 * queue["in_level"] / offered, 1) if offered else False,
            abandon_rate=round(100.0 * queue["abandoned"] / offered, 1) if offered else False,
            asa=int(round(float(queue["answer_wait"]) / queue["answer_count"]))
            if queue["answer_count"] else False,
            waiting_level=self._cc_level(queue["waiting"], thresholds["waiting"]),
            wait_level=self._cc_level(queue["longest_wait"], thresholds["longest_wait"])
            if queue["waiting"] else "",
        )
        return queue

    @staticmethod
    def _cc_queue_row(name):
        return {"name": name, "waiting": 0, "longest_wait": 0, "offered": 0, "answered": 0,
                "abandoned": 0, "in_level": 0, "answer_wait": 0, "answer_count": 0,
                "service_level": False, "asa": False, "abandon_rate": False,
                "waiting_level": "", "wait_level": ""}

    @staticmethod
    def _cc_hour_row(hour):
        return {"hour": hour, "offered": 0, "answered": 0, "abandoned": 0}

    @api.model
    def cc_listen(self, user_id, whisper=False):
        """Listen in on an agent (ChanSpy): rings the Supervisor's phone,
        which then hears the agent's call (``whisper``: the agent hears the
        Supervisor too)."""
        self._cc_check_supervisor()
        if user_id not in {row[0] for row in self._cc_monitor_agent_rows()}:
            raise AccessError(_("You cannot listen to this agent."))
        agent = self.env["res.users"].sudo().browse(user_id)
        me = self.env.user
        pbx = self.env["res.users"]._cc_pbx()
        # ChanSpy takes a channel-name prefix: "PJSIP/100" would also spy on
        # PJSIP/1001-...; the device's channels are "<interface>-<id>"
        pbx._cc_send(
            "Originate", Channel=pbx._cc_agent_channel(me.extension), Application="ChanSpy",
            Data="%s-,q%s" % (pbx._cc_agent_interface(agent.extension), "w" if whisper else ""),
            CallerID='"%s" <%s>' % (phonelib.clean_name(_("Listen")), agent.extension),
            Async="true")
        # plain text: the web client escapes what it shows (the name is the agent's own)
        return {"message": _("Your phone rings: pick up to listen to %s.") % agent.name}

    @api.model
    def _cc_monitor_notifications(self, pbx):
        """One "something changed" message per Supervisor of the company;
        their monitor fetches a new snapshot."""
        return self._cc_monitor_company_notifications(pbx.company_id.ids)

    @api.model
    def _cc_monitor_company_notifications(self, company_ids):
        group_id = self.env["ir.model.data"].xmlid_to_res_id("crm_callcenter.group_supervisor")
        self.env.cr.execute("""
            SELECT DISTINCT u.partner_id FROM res_groups_users_rel r
              JOIN res_users u ON u.id = r.uid
             WHERE r.gid = %s AND u.active AND u.company_id IN %s""",
                            (group_id, tuple(company_ids) or (0,)))
        return [((self._cr.dbname, "res.partner", partner_id), {"type": MONITOR_TYPE})
                for partner_id, in self.env.cr.fetchall()]

    # ------------------------------------------------------- stale calls
    @api.model
    def _cc_end_stale_calls(self, pbx=None):
        """End the live calls nobody heard of for too long (the phone
        system's "stale after" times): a call still ringing or queued after
        ``stale_ringing_minutes``, or in progress ``stale_talking_minutes``
        after its answer, is a call whose end the listener missed (the link
        or the listener was down). They end as "interrupted" with a note
        saying why; a CDR or a late event of the call completes them.
        ``pbx``: only that phone system's calls (the listener's resync);
        none: every company's (the cron). Returns the ended calls."""
        now = localtime.utcnow()
        self.env.cr.execute("""
            SELECT c.id, c.company_id, c.state,
                   CASE WHEN c.state = 'talking'
                        THEN COALESCE(x.stale_talking_minutes, %(talking)s)
                        ELSE COALESCE(x.stale_ringing_minutes, %(ringing)s) END AS minutes
              FROM crm_call c LEFT JOIN crm_pbx x ON x.id = c.pbx_id
             WHERE c.state <> 'done' AND (%(pbx)s IS NULL OR c.pbx_id = %(pbx)s)
               AND c.date_start < %(now)s""", {
            "talking": STALE_TALKING_MINUTES, "ringing": STALE_RINGING_MINUTES,
            "pbx": pbx.id if pbx else None, "now": fields.Datetime.to_string(now)})
        candidates = self.env.cr.fetchall()
        groups = {}
        for call_id, company_id, state, minutes in candidates:
            if minutes and minutes > 0:
                groups.setdefault((company_id, state, minutes), []).append(call_id)
        ended = []
        for (company_id, state, minutes), ids in sorted(groups.items()):
            limit = fields.Datetime.to_string(now - datetime.timedelta(minutes=minutes))
            company = self.env["res.company"].sudo().browse(company_id)
            note = self.with_context(lang=company.partner_id.lang or "en_US")._cc_stale_note(
                state, minutes)
            self.env.cr.execute("""
                UPDATE crm_call
                   SET state = 'done', result = 'interrupted', date_end = %s,
                       note = concat_ws(E'\\n', NULLIF(note, ''), %s::text),
                       write_date = now() at time zone 'UTC', write_uid = %s
                 WHERE id IN %s AND state = %s
                   AND (CASE WHEN state = 'talking' THEN COALESCE(date_answer, date_start)
                             ELSE date_start END) < %s
             RETURNING id""", (fields.Datetime.to_string(now), note, self.env.uid,
                               tuple(ids), state, limit))
            ended += [row[0] for row in self.env.cr.fetchall()]
        if not ended:
            return self.browse()
        calls = self.browse(ended)
        calls.invalidate_cache(ids=ended)
        _logger.info("ended %d stale live calls: %s", len(ended), ended)
        self.env["bus.bus"]._cc_sendmany(self._cc_monitor_company_notifications(
            list(set(calls.sudo().mapped("company_id").ids))))
        return calls

    def _cc_stale_note(self, state, minutes):
        if state == "talking":
            return _("Ended by the call center: still in progress %s minutes after the answer "
                     "with no news from the phone system (its link or the listener was "
                     "down).") % minutes
        return _("Ended by the call center: still ringing or waiting in the queue after %s "
                 "minutes with no news from the phone system (its link or the listener was "
                 "down).") % minutes

    @api.model
    def _cron_end_stale_calls(self):
        """Fallback of the listener's resync: the listener may be stopped."""
        self._cc_end_stale_calls()
