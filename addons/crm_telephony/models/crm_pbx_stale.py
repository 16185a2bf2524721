"""When a live call is stale: the phone system's own times (live monitor)."""
from odoo import fields, models

from .crm_call_monitor import STALE_RINGING_MINUTES, STALE_TALKING_MINUTES


class CrmPbxStale(models.Model):
    _inherit = "crm.pbx"

    stale_ringing_minutes = fields.Integer(
        "Ringing Calls Stale After (min)", default=STALE_RINGING_MINUTES,
        help="A call still ringing or waiting in a queue this long is flagged on the live "
             "monitor and ended as \"interrupted\" (the listener missed its end). Longer "
             "than the longest wait your queues allow; 0: never.")
    stale_talking_minutes = fields.Integer(
        "Calls in Progress Stale After (min)", default=STALE_TALKING_MINUTES,
        help="A call still in progress this long after its answer is flagged on the live "
             "monitor and ended as \"interrupted\"; 0: never.")
