"""IVR records (CC-11) and the satisfaction score (CC-14), both reported by
the dialplan with UserEvents (docs/PBX.md) and stored by the listener
(crm_call_store.py)."""
from odoo import fields, models

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
