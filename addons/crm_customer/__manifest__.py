{
    "name": "Call Center Customers",
    "summary": "The customer profile: numbers, pinyin, attributes, import/export, "
               "duplicates, address labels, bulk SMS and e-mail, customer statistics",
    "version": "11.0.1.1.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_callcenter"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_sms_security.xml",
        "data/crm_customer_data.xml",
        "data/crm_sms_data.xml",
        "views/crm_customer_attribute_views.xml",
        "views/crm_sms_views.xml",
        "views/res_partner_views.xml",
        "wizards/res_partner_import_views.xml",
        "views/crm_customer_menus.xml",
        "report/res_partner_label_report.xml",
    ],
    "external_dependencies": {
        "python": ["phonenumbers", "pypinyin", "openpyxl", "xlrd", "requests"],
    },
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "installable": True,
}
