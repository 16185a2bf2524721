{
    "name": "Call Center Knowledge Base",
    "summary": (
        "Knowledge base with approval, Chinese-aware search, hot "
        "ranking, favourites and announcements"
    ),
    "version": "11.0.0.1.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_callcenter"],
    "data": [],
    "installable": True,
}
