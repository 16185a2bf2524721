from odoo import api, models


class CrmFlowMixin(models.AbstractModel):
    """When documents enter or leave a step, the dashboards of the users
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
        self.invalidate_cache(["flow_node_id"], self.ids)
        self._cc_dashboard_notify(before | self.mapped("flow_node_id"))
        return result

    def _cc_dashboard_notify(self, nodes):
        nodes = nodes.sudo()
        users = nodes.mapped("user_ids") | nodes.mapped("group_ids.users")
        documents = self.sudo()
        for field_name in set(nodes.mapped("user_field_id.name")):
            if field_name in documents._fields:
                users |= documents.mapped(field_name)
        self.env["crm.dashboard"]._cc_dashboard_notify(users | self.env.user)
