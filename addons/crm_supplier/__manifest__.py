{
    "name": "Call Center Suppliers",
    "summary": (
        "Suppliers, purchase flows, returns and exchanges with "
        "suppliers, supplier evaluation"
    ),
    "version": "11.0.0.1.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_callcenter", "purchase", "stock"],
    "data": [
        "security/crm_supplier_security.xml",
        "views/crm_supplier_menus.xml",
    ],
    "installable": True,
}
