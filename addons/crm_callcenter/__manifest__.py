{
    "name": "Call Center",
    "summary": "Call-center roles, departments and agents; the base of the "
               "call-center CRM suite (telephony, screen pop, customers)",
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_flow", "mail", "contacts"],
    "data": [
        "security/crm_callcenter_security.xml",
        "security/ir.model.access.csv",
        "views/crm_department_views.xml",
        "views/res_users_views.xml",
        "views/crm_callcenter_menus.xml",
    ],
    "demo": [
        "demo/crm_department_demo.xml",
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
    ],
    "installable": True,
    "application": True,
}
