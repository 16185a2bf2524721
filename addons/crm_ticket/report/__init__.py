from . import crm_ticket_report, crm_ticket_step_report
