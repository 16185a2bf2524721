from odoo import api, models


class CrmFlowMixin(models.AbstractModel):
    """Every flow action goes to the operation log (one line per call).
    When documents enter or leave a step, the dashboards of the users
    who handle those steps (and of the user who acted) refresh their
    counts (CC-32)."""

    _inherit = "crm.flow.mixin"

    @api.multi
    def crm_flow_start(self, flow=None):
        result = super().crm_flow_start(flow=flow)
        self.invalidate_cache(["flow_node_id"], self.ids)
        self._cc_dashboard_notify(self.mapped("flow_node_id"))
        return result

    @api.multi
    def crm_flow_act(self, outcome, note=False, attachment_ids=None):
        before = self.mapped("flow_node_id")
        result = super().crm_flow_act(outcome, note=note, attachment_ids=attachment_ids)
        self.env["crm.operation.log"]._record(
            "flow", "flow", self,
            outcome={"selection": ["crm.flow.log", "outcome", outcome]})
        self.invalidate_cache(["flow_node_id"], self.ids)
        self._cc_dashboard_notify(before | self.mapped("flow_node_id"))
        return result

    def _cc_dashboard_notify(self, nodes):
        """The handlers of these steps (their users, their groups' members,
        the documents' users of a step's user field) and the acting user,
        from the steps' cached structure, without reading any step."""
        user_ids, group_ids, user_fields = {self.env.uid}, set(), set()
        for node in nodes:
            info = node._flow_info()
            user_ids |= info["user_ids"]
            group_ids |= info["group_ids"]
            if info["user_field"]:
                user_fields.add(info["user_field"])
        documents = self.sudo()
        for field_name in user_fields:
            if field_name in documents._fields:
                user_ids |= set(documents.mapped(field_name).ids)
        self.env["crm.dashboard"]._cc_dashboard_notify_ids(user_ids, group_ids)
