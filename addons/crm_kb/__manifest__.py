{
    "name": "Call Center Knowledge Base",
    "summary": (
        "Knowledge base with approval, Chinese-aware search, hot "
        "ranking, favourites and announcements"
    ),
    "version": "11.0.1.0.0",
    "category": "Call Center",
    "license": "LGPL-3",
    "author": "Call Center CRM team",
    "website": "https://example.invalid/callcenter-crm",
    "depends": ["crm_callcenter", "mail", "portal", "web_editor"],
    "data": [
        "security/crm_kb_security.xml",
        "security/ir.model.access.csv",
        "data/crm_kb_data.xml",
        "views/crm_kb_category_views.xml",
        "views/crm_kb_feedback_views.xml",
        "views/crm_kb_article_views.xml",
        "views/crm_kb_article_stat_views.xml",
        "views/crm_kb_announcement_views.xml",
        "views/crm_kb_article_insert_views.xml",
        "views/crm_kb_portal_templates.xml",
        "views/crm_kb_menus.xml",
    ],
    "demo": [
        "demo/crm_kb_demo.xml",
    ],
    "external_dependencies": {"python": ["jieba", "PyPDF2"]},
    "installable": True,
}
