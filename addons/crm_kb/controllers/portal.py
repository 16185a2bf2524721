from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from ..kbtext import tokens

SESSION_VIEWED = "crm_kb_viewed"
MAX_SESSION_VIEWED = 200


class KnowledgePortal(http.Controller):
    """Public knowledge pages: the public, current articles, searchable.
    Everything is read as the visitor (portal or public user), so the record
    rules decide what shows; nothing is read with sudo()."""

    @http.route(["/kb"], type="http", auth="public", website=False)
    def kb_index(self, search="", **kwargs):
        Article = request.env["crm.kb.article"]
        search = (search or "")[:tokens.MAX_QUERY_CHARS]
        if search:
            results = Article.kb_search(search, limit=30)
        else:
            results = [{"id": a.id, "name": a.name, "code": a.code or "",
                        "category": a.category_id.complete_name, "snippet": ""}
                       for a in Article.search(Article._kb_search_domain(), limit=50)]
        return request.render("crm_kb.portal_kb_index", {
            "results": results, "search": search})

    @http.route(["/kb/<int:article_id>"], type="http", auth="public", website=False)
    def kb_article(self, article_id, **kwargs):
        article = request.env["crm.kb.article"].browse(article_id)
        try:
            article.check_access_rights("read")
            article.check_access_rule("read")
            if not article.exists():
                raise MissingError(article._name)
        except (AccessError, MissingError):
            return request.not_found()
        # one view per article and session: reloading the page does not
        # inflate the hot list
        viewed = list(request.session.get(SESSION_VIEWED) or [])
        if article.id not in viewed:
            article.kb_register_view()
            request.session[SESSION_VIEWED] = (viewed + [article.id])[-MAX_SESSION_VIEWED:]
        related = article.related_article_ids.filtered("is_current")
        return request.render("crm_kb.portal_kb_article", {
            "article": article, "related": related})
