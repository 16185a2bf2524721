from . import crm_flow_transition
