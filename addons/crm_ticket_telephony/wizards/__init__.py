from . import crm_ticket_escalate
