{
    "name": "Call Center Knowledge Base: Telephony",
    "summary": "The knowledge base in the screen pop: answers inserted into the call's notes",
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_kb", "crm_telephony"],
    "data": ["views/crm_call_views.xml"],
    "installable": True,
    "auto_install": True,
}
