from . import crm_call, sale_order
