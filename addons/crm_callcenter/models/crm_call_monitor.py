"""The live monitor (CC-9): one snapshot of agents, queues, live calls and
phone systems for a Supervisor, refreshed in the browser when the listener
pushes a change (bus), and listen-in (ChanSpy)."""
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

MONITOR_TYPE = "crm_callcenter.monitor"
SERVICE_LEVEL_SECONDS = 20


class CrmCallMonitor(models.Model):
    _inherit = "crm.call"

    def _cc_check_supervisor(self):
        user = self.env.user
        if not (user._is_superuser() or user.has_group("crm_callcenter.group_supervisor")):
            raise AccessError(_("The live monitor is for Supervisors."))

    def _cc_monitor_users(self):
        user = self.env.user
        domain = [("extension", "!=", False), ("company_id", "=", user.company_id.id)]
        if not (user._is_superuser() or user.has_group("crm_callcenter.group_manager")):
            domain.append(("crm_department_id", "child_of", user.crm_department_id.ids))
        return self.env["res.users"].sudo().search(domain, order="name")

    @api.model
    def cc_monitor(self):
        """Snapshot for the monitor: agents (state, time in state, current
        call), queues (waiting, longest wait, today's answered, abandoned,
        service level), live calls and the phone systems' health."""
        self._cc_check_supervisor()
        now = datetime.datetime.utcnow()
        now_text = fields.Datetime.to_string(now)
        users = self._cc_monitor_users()
        live = self.sudo().search([("state", "!=", "done"),
                                   ("company_id", "=", self.env.user.company_id.id)],
                                  order="date_start")
        live_by_user = {call.user_id.id: call for call in live if call.user_id}
        labels = dict(self.env["res.users"]._fields["cc_agent_state"]._description_selection(
            self.env))

        def seconds_since(value):
            if not value:
                return 0
            return max(0, int((now - fields.Datetime.from_string(value)).total_seconds()))

        agents = []
        for user in users:
            call = live_by_user.get(user.id)
            state = user.cc_agent_state or "offline"
            agents.append({
                "id": user.id, "name": user.name, "extension": user.extension,
                "department": user.crm_department_id.name or "",
                "state": state, "label": labels.get(state, state),
                "reason": user.cc_agent_state_reason or "",
                "seconds": seconds_since(user.cc_agent_state_date),
                "call": call and {"id": call.id, "number": call.number or call.caller or "",
                                  "partner": call.partner_id.name or "",
                                  "seconds": seconds_since(call.date_answer or call.date_start)},
            })
        midnight = fields.Datetime.to_string(now.replace(hour=0, minute=0, second=0,
                                                         microsecond=0))
        queues = {}
        for call in live.filtered(lambda c: c.queue and not c.date_answer):
            queue = queues.setdefault(call.queue, self._cc_queue_row(call.queue))
            queue["waiting"] += 1
            queue["longest_wait"] = max(queue["longest_wait"], seconds_since(call.date_start))
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
                "id": call.id, "number": call.number or call.caller or "",
                "partner": call.partner_id.name or "", "agent": call.user_id.name or "",
                "queue": call.queue or "", "state": call.state,
                "seconds": seconds_since(call.date_start),
            } for call in live],
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
        agent = self._cc_monitor_users().filtered(lambda u: u.id == user_id)
        if not agent:
            raise AccessError(_("You cannot listen to this agent."))
        me = self.env.user
        pbx = self.env["res.users"]._cc_pbx()
        pbx._cc_send(
            "Originate", Channel=pbx._cc_agent_channel(me.extension), Application="ChanSpy",
            Data="%s,q%s" % (pbx._cc_agent_interface(agent.extension), "w" if whisper else ""),
            CallerID="%s <%s>" % (_("Listen"), agent.extension), Async="true")
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
