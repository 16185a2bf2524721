from . import crm_ticket_escalate, crm_ticket_step
