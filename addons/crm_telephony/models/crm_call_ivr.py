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
    # supervisors: their departments' and the unanswered ones). Searched
    # as a subquery on crm_call: Odoo 11 turns a rule on ``call_id.user_id``
    # into the ids of all the calls that match, listed in the query of every
    # read of a step (all of an agent's calls, all of a department's and
    # every unanswered call of the phone system for a supervisor): it grew
    # with the call history (docs/PERFORMANCE.md).
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
        return self._cc_call_subquery("user_id", operator, value)

    def _search_call_department_id(self, operator, value):
        return self._cc_call_subquery("department_id", operator, value)

    def _cc_call_subquery(self, field_name, operator, value):
        """The steps of the calls whose ``field_name`` matches (``operator``,
        ``value``: any of Odoo's, ``child_of`` included), as ``call_id``
        IN a subquery, the calls' own search without their record rules
        (these fields serve the steps' rules, which apply on top of it).

        The subquery looks up each step's own call (by its primary key):
        a supervisor's rules are an OR, which PostgreSQL can only answer
        by hashing every matching call first (every unanswered call of the
        phone system: 43 ms to read one step with 200,000 of them, against
        1.8 ms this way). A report over all steps then checks each one
        (470 ms for 110,000 steps against 120 ms): the IVR report opens on
        the current month."""
        query = self.env["crm.call"].sudo().with_context(active_test=False)._where_calc(
            [(field_name, operator, value)])
        from_clause, where_clause, params = query.get_sql()
        subquery = 'SELECT "crm_call".id FROM %s WHERE "crm_call".id = "%s".call_id AND (%s)' % (
            from_clause, self._table, where_clause or "TRUE")
        return [("call_id", "inselect", (subquery, params))]
