from odoo import api, models


class CrmFlowMixin(models.AbstractModel):
    """Every flow action goes to the operation log (one line per call)."""

    _inherit = "crm.flow.mixin"

    @api.multi
    def crm_flow_act(self, outcome, note=False, attachment_ids=None):
        result = super().crm_flow_act(outcome, note=note, attachment_ids=attachment_ids)
        self.env["crm.operation.log"]._record(
            "flow", "flow", self,
            outcome={"selection": ["crm.flow.log", "outcome", outcome]})
        return result
