{
    "name": "Call Center Tickets to Repair Shops",
    "summary": (
        "After-sales tickets assigned to authorised repair shops, suggested "
        "by service area and skill, evaluated when the repair is done"
    ),
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_ticket", "crm_supplier"],
    "data": [
        "security/crm_ticket_supplier_security.xml",
        "views/crm_ticket_views.xml",
        "views/res_partner_views.xml",
        "views/crm_service_views.xml",
        "views/crm_ticket_portal_templates.xml",
    ],
    "demo": [
        "demo/crm_ticket_supplier_demo.xml",
    ],
    "auto_install": True,
    "installable": True,
}
