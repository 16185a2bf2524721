from . import crm_ticket_step
