"""Agent states as confirmed by the PBX (CC-3 phone bar, CC-8 history),
stored by the listener (crm_call_store.py); the phone actions an agent
starts from the web client are in res_users_phone_bar.py."""
import collections

from odoo import api, fields, models

from ..telephony import calls as calllib

AGENT_STATES = list(calllib.AGENT_STATE_LABELS)
STATE_TYPE = "crm_callcenter.agent_state"
#: what the listener needs of an agent, read in one query per batch
Agent = collections.namedtuple("Agent", "extension id partner_id department_id state reason "
                                        "since name")


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
