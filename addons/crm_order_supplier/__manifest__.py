{
    "name": "Call Center Stock and Money: Supplier Documents",
    "summary": (
        "Purchase orders and returns or exchanges with suppliers in the "
        "warehouse and money in/out detail of customer orders"
    ),
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_order_flow", "crm_supplier"],
    "data": [
        "report/crm_stock_money_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
