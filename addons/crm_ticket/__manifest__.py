{
    "name": "Call Center Tickets",
    "summary": "Work orders (工单): business types, dispatch into flows, SLA, statistics and portal",
    "version": "11.0.0.1.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_callcenter"],
    "data": [],
    "installable": True,
}
