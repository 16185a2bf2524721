{
    "name": "Call Center Tickets: Knowledge Base",
    "summary": "Suggested articles in tickets and their answers inserted into the reply",
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_ticket", "crm_kb"],
    "data": ["views/crm_ticket_views.xml"],
    "auto_install": True,
    "installable": True,
}
