"""The call list's period filters ("Today"...) on the company's clock."""
from odoo import models


class CrmCall(models.Model):
    _name = "crm.call"
    _inherit = ["crm.call", "crm.period.mixin"]


class CrmCallIvr(models.Model):
    _name = "crm.call.ivr"
    _inherit = ["crm.call.ivr", "crm.period.mixin"]
    _cc_period_field = "date"
