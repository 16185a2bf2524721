from . import crm_lead_hand_over
