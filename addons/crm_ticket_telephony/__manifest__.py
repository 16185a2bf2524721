{
    "name": "Call Center Tickets: Telephony",
    "summary": "Tickets in the screen pop (New Ticket, the caller's tickets and service "
               "history), the ticket's calls, and the expert escalation's call transfer",
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_ticket", "crm_telephony"],
    "data": [
        "views/crm_call_views.xml",
        "views/crm_ticket_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
