{
    "name": "Call Center Security Foundation",
    "summary": "Server-side guards shared by every call-center add-on: fields owned "
               "by an engine, field groups enforced in searches and groupings",
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["base", "web"],
    "data": [],
    "installable": True,
}
