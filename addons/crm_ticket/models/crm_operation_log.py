from odoo import api, models

from odoo.addons.crm_callcenter.models.crm_operation_log import _lt


class CrmOperationLog(models.Model):
    _inherit = "crm.operation.log"

    @api.model
    def _get_messages(self):
        messages = super()._get_messages()
        messages.update({
            "escalate": _lt("Escalated %(documents)s to %(expert)s: %(reason)s"),
            "escalate_call": _lt(
                "Escalated %(documents)s to %(expert)s (call to %(number)s): %(reason)s"),
        })
        return messages
