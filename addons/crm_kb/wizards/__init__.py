from . import crm_kb_article_move, crm_kb_article_version_compare
