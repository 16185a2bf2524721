{
    "name": "Call Center Orders: Telephony",
    "summary": "New Order in the screen pop, the caller's orders, and the call an order "
               "was taken on",
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_order_flow", "crm_telephony"],
    "data": ["views/crm_call_views.xml", "views/sale_order_views.xml"],
    "installable": True,
    "auto_install": True,
}
