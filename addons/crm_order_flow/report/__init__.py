from . import crm_lead_funnel, crm_order_statistics
