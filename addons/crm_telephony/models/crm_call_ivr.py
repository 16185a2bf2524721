"""IVR records (CC-11) and the satisfaction score (CC-14), both reported by
the dialplan with UserEvents (docs/PBX.md) and stored by the listener
(crm_call_store.py)."""
from odoo import api, fields, models

from odoo.addons.crm_security.models.owned_fields import LISTENER


class CrmCallIvr(models.Model):
    _name = "crm.call.ivr"
    _inherit = ["crm.list.page.mixin", "crm.period.mixin"]
    _description = "IVR Step"
    _order = "date desc, id desc"
    _cc_period_field = "date"
    # the IVR path is the PBX's report, stored by the listener
    _crm_owned_fields = dict.fromkeys(
        ("pbx_id", "company_id", "linkedid", "call_id", "caller", "menu", "choice",
         "date", "visits", "duration"), LISTENER)

    pbx_id = fields.Many2one("crm.pbx", "Phone System", readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    linkedid = fields.Char("Linked ID", readonly=True, index=True)
    call_id = fields.Many2one("crm.call", "Call", readonly=True, index=True,
                              ondelete="cascade",
                              help="Empty when the caller left before reaching a queue "
                                   "or an agent.")
    caller = fields.Char(readonly=True)
    menu = fields.Char("IVR Menu", readonly=True, index=True)
    choice = fields.Char(readonly=True)
    date = fields.Datetime(readonly=True, index=True)
    visits = fields.Integer(default=1, readonly=True, group_operator="sum")
    duration = fields.Integer(
        "Time in Menu (s)", readonly=True, group_operator="avg",
        help="Seconds from the previous menu choice (or the call's start) to this one.")
    # What the record rules ask of a step's call (agents: their calls';
    # supervisors: their departments' and the unanswered ones), as a
    # subquery (crm_security's rule_paths): Odoo 11 listed the ids of every
    # matching call in each read of a step. A supervisor's rules are an OR,
    # which PostgreSQL answered by hashing every unanswered call first
    # (43 ms to read one step with 200,000 of them, 1.8 ms looked up per
    # step); a report over all steps checks each one (470 ms for 110,000
    # steps against 120 ms), so the IVR report opens on the current month.
    call_user_id = fields.Many2one(
        "res.users", "Call's Agent", compute="_compute_call_owner",
        search="_search_call_user_id")
    call_department_id = fields.Many2one(
        "crm.department", "Call's Department", compute="_compute_call_owner",
        search="_search_call_department_id")

    @api.depends("call_id.user_id", "call_id.department_id")
    def _compute_call_owner(self):
        for step in self:
            step.call_user_id = step.call_id.user_id
            step.call_department_id = step.call_id.department_id

    def _search_call_user_id(self, operator, value):
        return self._crm_related_subquery("call_id", [("user_id", operator, value)])

    def _search_call_department_id(self, operator, value):
        return self._crm_related_subquery("call_id", [("department_id", operator, value)])
