{
    "name": "Call Center Suppliers",
    "summary": (
        "Suppliers, purchase flows, returns and exchanges with "
        "suppliers, supplier evaluation"
    ),
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_customer", "purchase", "stock", "portal"],
    "data": [
        "security/crm_supplier_security.xml",
        "security/ir.model.access.csv",
        "data/crm_supplier_data.xml",
        "views/res_partner_views.xml",
        "views/purchase_order_views.xml",
        "views/crm_supplier_return_views.xml",
        "views/crm_supplier_report_views.xml",
        "views/crm_service_views.xml",
        "views/crm_supplier_portal_templates.xml",
        "views/crm_supplier_menus.xml",
    ],
    "demo": [
        "demo/crm_supplier_demo.xml",
        "demo/crm_supplier_portal_demo.xml",
    ],
    "installable": True,
}
