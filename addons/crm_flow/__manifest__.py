{
    "name": "Call Center Processing Flows",
    "summary": "Configurable processing flows: ordered nodes, handlers, "
               "pass / fail / void / send back, write guard, log and my queue",
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["mail", "crm_security"],
    "data": [
        "security/crm_flow_security.xml",
        "security/ir.model.access.csv",
        "views/crm_flow_templates.xml",
        "views/crm_flow_views.xml",
        "views/crm_flow_node_views.xml",
        "views/crm_flow_log_views.xml",
        "wizards/crm_flow_transition_views.xml",
    ],
    "installable": True,
    "application": False,
}
