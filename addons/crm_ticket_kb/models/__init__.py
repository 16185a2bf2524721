from . import crm_ticket
