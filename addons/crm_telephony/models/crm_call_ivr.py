"""IVR records (CC-11) and the satisfaction score (CC-14), both reported by
the dialplan with UserEvents (docs/PBX.md) and stored by the listener."""
from psycopg2.extras import execute_values

from odoo import api, fields, models

from odoo.addons.crm_security.models.owned_fields import LISTENER

from .crm_agent_state import _utc


class CrmCallIvr(models.Model):
    _name = "crm.call.ivr"
    _inherit = ["crm.list.page.mixin"]
    _description = "IVR Step"
    _order = "date desc, id desc"
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


class CrmCall(models.Model):
    _inherit = "crm.call"

    satisfaction = fields.Integer(
        readonly=True, group_operator="avg",
        help="The caller's score (1-5) from the survey after the call.")
    ivr_ids = fields.One2many("crm.call.ivr", "call_id", "IVR Path", readonly=True)

    @api.model
    def _cc_apply_facts(self, pbx, facts, parts="all"):
        result = super()._cc_apply_facts(pbx, facts, parts)
        if parts in ("all", "calls"):
            self._cc_store_user_events(pbx.sudo(), facts)
        return result

    def _cc_store_user_events(self, pbx, facts):
        cr = self.env.cr
        ivr = [fact for fact in facts if fact.get("kind") == "ivr"]
        surveys = [fact for fact in facts if fact.get("kind") == "survey"]
        linkedids = {fact["record"]["linkedid"] for fact in facts
                     if fact.get("kind") in ("started", "answered", "ended")}
        if ivr:
            execute_values(cr._obj, """
                INSERT INTO crm_call_ivr (pbx_id, company_id, linkedid, caller, menu, choice,
                                          date, visits, call_id, create_uid, write_uid,
                                          create_date, write_date)
                SELECT %d, %d, v.linkedid, v.caller, v.menu, v.choice, v.date::timestamp, 1,
                       (SELECT id FROM crm_call c WHERE c.pbx_id = %d
                           AND c.linkedid = v.linkedid), %d, %d,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM (VALUES %%s) AS v (linkedid, caller, menu, choice, date)""" % (
                pbx.id, pbx.company_id.id, pbx.id, self.env.uid, self.env.uid), [
                (fact["linkedid"], fact.get("caller"), fact.get("menu"), fact.get("choice"),
                 fields.Datetime.to_string(_utc(fact.get("at")))) for fact in ivr])
            linkedids.update(fact["linkedid"] for fact in ivr)
        if linkedids:  # IVR steps recorded before their call reached a queue
            cr.execute("""
                UPDATE crm_call_ivr i SET call_id = c.id
                  FROM crm_call c
                 WHERE i.call_id IS NULL AND i.pbx_id = %s AND c.pbx_id = %s
                   AND c.linkedid = i.linkedid AND i.linkedid IN %s""",
                       (pbx.id, pbx.id, tuple(linkedids)))
        if linkedids:
            self._cc_ivr_durations(pbx, linkedids)
        for fact in surveys:
            cr.execute("UPDATE crm_call SET satisfaction = %s WHERE pbx_id = %s "
                       "AND linkedid = %s", (fact["score"], pbx.id, fact["linkedid"]))
        if ivr or surveys or linkedids:
            Ivr = self.env["crm.call.ivr"]
            Ivr.invalidate_cache(fnames=list(Ivr._fields))  # not the whole cache
            self.invalidate_cache(["satisfaction", "ivr_ids"])

    def _cc_ivr_durations(self, pbx, linkedids):
        """Time spent in each menu: from the previous choice of the same call,
        or from the call's start for the first menu (CC-11)."""
        self.env.cr.execute("""
            UPDATE crm_call_ivr i SET duration = s.duration
              FROM (SELECT i.id, GREATEST(0, EXTRACT(epoch FROM i.date - COALESCE(
                           LAG(i.date) OVER (PARTITION BY i.linkedid ORDER BY i.date, i.id),
                           c.date_start)))::int AS duration
                      FROM crm_call_ivr i
                      LEFT JOIN crm_call c ON c.id = i.call_id
                     WHERE i.pbx_id = %s AND i.linkedid IN %s) s
             WHERE s.id = i.id AND i.duration IS DISTINCT FROM s.duration""",
                            (pbx.id, tuple(linkedids)))
