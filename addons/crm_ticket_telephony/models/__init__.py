from . import crm_call, crm_ticket_call, crm_ticket_escalate
