{
    "name": "Call Center Orders",
    "summary": (
        "Customer orders through review, shipping, payment, receipt "
        "confirmation and follow-up"
    ),
    "version": "11.0.0.1.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_callcenter", "sale_management", "sale_stock", "delivery", "crm"],
    "data": [
        "security/crm_order_flow_security.xml",
        "security/ir.model.access.csv",
        "security/crm_order_flow_rules.xml",
        "security/crm_stock_money_rules.xml",
        "data/crm_order_flow_data.xml",
        "data/crm_order_return_data.xml",
        "views/sale_order_views.xml",
        "views/crm_call_views.xml",
        "views/res_partner_views.xml",
        "views/crm_price_scheme_views.xml",
        "views/crm_order_return_views.xml",
        "report/crm_order_statistics_views.xml",
        "report/sale_order_report.xml",
        "report/crm_stock_money_views.xml",
        "views/sale_order_export.xml",
        "views/stock_views.xml",
        "views/crm_sales_views.xml",
        "views/sale_portal_templates.xml",
        "views/crm_order_flow_menus.xml",
    ],
    "demo": [
        "demo/crm_order_flow_demo.xml",
    ],
    "installable": True,
}
