{
    "name": "Telephony test hooks",
    "summary": "Test-only: records the screen pops a page received for the browser tests "
               "(installed by make test and make bench, never by make run)",
    "version": "11.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "depends": ["crm_telephony"],
    "data": ["views/test_crm_telephony_templates.xml"],
    "installable": True,
}
