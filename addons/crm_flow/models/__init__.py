from . import crm_flow, crm_flow_log, crm_flow_mixin, crm_flow_node, res_company
