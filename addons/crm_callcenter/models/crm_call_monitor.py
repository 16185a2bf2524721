"""The live monitor (CC-9): one snapshot of agents, queues, live calls and
phone systems for a Supervisor, refreshed in the browser when the listener
pushes a change (bus), and listen-in (ChanSpy)."""
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .. import localtime
from ..telephony import phone as phonelib

MONITOR_TYPE = "crm_callcenter.monitor"
SERVICE_LEVEL_SECONDS = 20


class CrmCallMonitor(models.Model):
    _inherit = "crm.call"

    def init(self):
        result = super().init()
        # the monitor reads the live calls of millions: a small partial index
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_call_live_idx
                ON crm_call (company_id, date_start) WHERE state <> 'done'""")
        return result

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
        scope, params = "", [self.env.user.company_id.id]
        if departments is not None:
            scope = """AND (c.user_id IS NULL OR c.user_id IN %s
                            OR c.department_id IN %s)"""
            params += [tuple(row[0] for row in agents) or (0,), tuple(departments) or (0,)]
        self.env.cr.execute("""
            SELECT c.id, COALESCE(c.number, c.caller, ''), COALESCE(cp.name, ''),
                   COALESCE(up.name, ''), COALESCE(c.queue, ''), c.state, c.user_id,
                   c.date_start, c.date_answer
              FROM crm_call c
              LEFT JOIN res_partner cp ON cp.id = c.partner_id
              LEFT JOIN res_users u ON u.id = c.user_id
              LEFT JOIN res_partner up ON up.id = u.partner_id
             WHERE c.state <> 'done' AND c.company_id = %s {}
          ORDER BY c.date_start, c.id""".format(scope), params)
        return agents, self.env.cr.fetchall()

    @api.model
    def cc_monitor(self):
        """Snapshot for the monitor: agents (state, time in state, current
        call), queues (waiting, longest wait, today's answered, abandoned,
        service level), live calls and the phone systems' health."""
        self._cc_check_supervisor()
        now = localtime.utcnow()
        now_text = fields.Datetime.to_string(now)
        agent_rows, live = self._cc_monitor_rows()
        labels = dict(self.env["res.users"]._fields["cc_agent_state"]._description_selection(
            self.env))
        departments = {department.id: department.name for department in
                       self.env["crm.department"].sudo().browse(
                           {row[3] for row in agent_rows if row[3]})}

        def seconds_since(value):
            if not value:
                return 0
            if isinstance(value, str):
                value = fields.Datetime.from_string(value)
            return max(0, int((now - value).total_seconds()))

        # (id, number, partner, agent, queue, state, user id, start, answer)
        live_by_user = {row[6]: row for row in live if row[6]}
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
                "call": call and {"id": call[0], "number": call[1], "partner": call[2],
                                  "seconds": seconds_since(call[8] or call[7])},
            })
        queues = {}
        for row in live:
            if row[4] and not row[8]:
                queue = queues.setdefault(row[4], self._cc_queue_row(row[4]))
                queue["waiting"] += 1
                queue["longest_wait"] = max(queue["longest_wait"], seconds_since(row[7]))
        # today is the call center's day, from its local midnight
        midnight = fields.Datetime.to_string(localtime.today_bounds(
            self.env.user.company_id._cc_tz_name(), now)[0])
        self.env.cr.execute("""
            SELECT queue, count(*) FILTER (WHERE date_answer IS NOT NULL),
                   count(*) FILTER (WHERE result = 'abandoned'),
                   count(*) FILTER (WHERE direction = 'inbound'),
                   count(*) FILTER (WHERE date_answer IS NOT NULL AND wait_seconds <= %s)
              FROM crm_call
             WHERE state = 'done' AND queue IS NOT NULL AND date_start >= %s
               AND company_id = %s
          GROUP BY queue""", (SERVICE_LEVEL_SECONDS, midnight, self.env.user.company_id.id))
        for name, answered, abandoned, offered, in_level in self.env.cr.fetchall():
            queue = queues.setdefault(name, self._cc_queue_row(name))
            queue.update(answered=answered, abandoned=abandoned,
                         service_level=round(100.0 * in_level / offered, 1) if offered else None)
        pbxs = self.env["crm.pbx"].sudo().search(
            [("company_id", "=", self.env.user.company_id.id)])
        return {
            "now": now_text,
            "agents": agents,
            "queues": sorted(queues.values(), key=lambda q: q["name"]),
            "calls": [{
                "id": row[0], "number": row[1], "partner": row[2], "agent": row[3],
                "queue": row[4], "state": row[5], "seconds": seconds_since(row[7]),
            } for row in live],
            "pbx": [{"name": pbx.name, "listener": pbx.listener_state,
                     "since": pbx.listener_date or "", "version": pbx.asterisk_version or "",
                     "message": pbx.listener_message or ""} for pbx in pbxs],
        }

    @staticmethod
    def _cc_queue_row(name):
        return {"name": name, "waiting": 0, "longest_wait": 0, "answered": 0,
                "abandoned": 0, "service_level": None}

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
            CallerID='"%s" <%s>' % (phonelib.clean_name(_("Listen")), agent.extension), Async="true")
        # plain text: the web client escapes what it shows (the name is the agent's own)
        return {"message": _("Your phone rings: pick up to listen to %s.") % agent.name}

    @api.model
    def _cc_monitor_notifications(self, pbx):
        """One "something changed" message per Supervisor of the company;
        their monitor fetches a new snapshot."""
        group_id = self.env["ir.model.data"].xmlid_to_res_id("crm_callcenter.group_supervisor")
        self.env.cr.execute("""
            SELECT DISTINCT u.partner_id FROM res_groups_users_rel r
              JOIN res_users u ON u.id = r.uid
             WHERE r.gid = %s AND u.active AND u.company_id = %s""",
                            (group_id, pbx.company_id.id))
        return [((self._cr.dbname, "res.partner", partner_id), {"type": MONITOR_TYPE})
                for partner_id, in self.env.cr.fetchall()]


class CrmCallFacts(models.Model):
    _inherit = "crm.call"

    def _cc_batch_notifications(self, pbx):
        return super()._cc_batch_notifications(pbx) + self.env[
            "crm.call"]._cc_monitor_notifications(pbx)
