{
    "name": "Flow engine test document",
    "summary": "Test-only example document that uses crm.flow.mixin "
               "(installed by make test and make bench, never by make run)",
    "version": "11.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "depends": ["crm_flow"],
    "data": [
        "security/ir.model.access.csv",
        "views/test_crm_flow_document_views.xml",
    ],
    "installable": True,
}
