from . import (
    crm_dashboard,
    crm_kb_announcement,
    crm_kb_announcement_read,
    crm_kb_article,
    crm_kb_article_search,
    crm_kb_article_stat,
    crm_kb_article_version,
    crm_kb_category,
    crm_kb_feedback,
    crm_kb_topic,
    res_users,
)
