from . import crm_call, crm_ticket
