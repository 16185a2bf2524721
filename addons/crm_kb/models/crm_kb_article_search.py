import base64
import html
import re

from psycopg2 import sql

from odoo import api, fields, models

from ..kbtext import extract, tokens

SNIPPET_CHARS = 160
# matches ranked at most per search tier (see _kb_search_ids)
MAX_RANKED = 1000


class CrmKbArticle(models.Model):
    """Search: a stored, weighted tsvector per article (title and code A,
    keywords B, body C, attachments D) with a GIN index, built on save with
    jieba; a smaller one over title, code and keywords for suggestions."""

    _inherit = "crm.kb.article"

    kb_query = fields.Char("Search", compute="_compute_kb_query", search="_search_kb_query",
                           help="Title, code, keywords, body and attachment text.")

    def _compute_kb_query(self):
        for article in self:
            article.kb_query = False

    @api.model_cr
    def init(self):
        cr = self.env.cr
        cr.execute("ALTER TABLE crm_kb_article ADD COLUMN IF NOT EXISTS kb_tsv tsvector")
        cr.execute("ALTER TABLE crm_kb_article ADD COLUMN IF NOT EXISTS kb_head_tsv tsvector")
        cr.execute("CREATE INDEX IF NOT EXISTS crm_kb_article_kb_tsv_idx "
                   "ON crm_kb_article USING gin (kb_tsv)")
        cr.execute("CREATE INDEX IF NOT EXISTS crm_kb_article_kb_head_tsv_idx "
                   "ON crm_kb_article USING gin (kb_head_tsv)")
        cr.execute("CREATE INDEX IF NOT EXISTS crm_kb_article_code_lower_idx "
                   "ON crm_kb_article (lower(code))")

    def _kb_index_values(self, body_text, attachment_text):
        """(full tsvector, head tsvector) literals of one article."""
        head = [(self.name or "", "A"), (self.code or "", "A"), (self.keywords or "", "B")]
        full = head + [(body_text or "", "C"), (attachment_text or "", "D")]
        return tokens.weighted_tsvector(full), tokens.weighted_tsvector(head)

    def _kb_attachment_text(self):
        parts = []
        for attachment in self.sudo().attachment_ids:
            if (attachment.file_size or 0) > extract.MAX_FILE_BYTES:
                continue   # kept, but too large to index (not even decoded)
            data = base64.b64decode(attachment.datas or b"")
            text = extract.attachment_text(data, attachment.mimetype,
                                           attachment.datas_fname or attachment.name)
            if text:
                parts.append(text)
        return "\n".join(parts)[:extract.MAX_CHARS]

    def _kb_reindex(self, attachments=False):
        """Recompute the plain texts and search vectors of these articles."""
        cr = self.env.cr
        for article in self.sudo().with_context(prefetch_fields=False):
            body_text = extract.html_to_text(article.body)
            attachment_text = (article._kb_attachment_text() if attachments
                               else article.attachment_text)
            full, head = article._kb_index_values(body_text, attachment_text)
            cr.execute("UPDATE crm_kb_article SET body_text = %s, attachment_text = %s, "
                       "kb_tsv = %s::tsvector, kb_head_tsv = %s::tsvector WHERE id = %s",
                       (body_text, attachment_text, full, head, article.id))
        self.invalidate_cache(["body_text", "attachment_text"], self.ids)

    # searching ------------------------------------------------------------

    @api.model
    def _kb_search_domain(self):
        """Articles the searches return: current ones (extend to narrow)."""
        return [("is_current", "=", True)]

    def _kb_ranked_ids(self, condition, params, rank_expr, rank_params, limit, domain,
                       exact_code="", max_ranked=0):
        """Ids of readable, current articles meeting ``condition``, ordered by
        exact code, ``rank_expr``, popularity. With ``max_ranked``, only that
        many matches are ranked (bounded cost for very common words)."""
        # the SQL below applies the rules only: the rights first
        self.check_access_rights("read")
        query = self._where_calc(self._kb_search_domain() + list(domain or []))
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, where_params = query.get_sql()
        matches = sql.SQL(
            "SELECT crm_kb_article.id, crm_kb_article.code, {rank} AS rank "
            "FROM {from_clause} WHERE ({where}) AND ({condition})").format(
                rank=sql.SQL(rank_expr), from_clause=sql.SQL(from_clause),
                where=sql.SQL(where_clause or "TRUE"), condition=sql.SQL(condition))
        if max_ranked:
            matches = sql.SQL("{} LIMIT {}").format(matches, sql.Literal(int(max_ranked)))
        statement = sql.SQL(
            "SELECT m.id FROM ({matches}) m "
            "LEFT JOIN crm_kb_article_stat s ON s.article_id = m.id "
            "ORDER BY (lower(m.code) = lower(%s)) DESC, m.rank DESC, "
            "s.hot_score DESC NULLS LAST, m.id DESC LIMIT %s").format(matches=matches)
        self.env.cr.execute(statement, rank_params + where_params + params
                            + [exact_code or "", limit])
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _kb_search_ids(self, query, limit=20, domain=None):
        """Ids of the readable current articles matching ``query``, best first.

        An exact code gives that article alone, at once. Otherwise articles
        whose title, code or keywords match come first (ranked on that small
        vector), then those matching only in the body or the attachments
        (ranked on the whole vector). Each tier ranks at most MAX_RANKED
        matches, so a word found in most articles stays fast. Ties go to the
        most popular. Every query word must match; if nothing
        does, any word may."""
        query = (query or "").strip()[:tokens.MAX_QUERY_CHARS]
        if not query:
            return []
        code = query.upper()
        if " " not in code:
            exact = self._kb_ranked_ids(
                "lower(crm_kb_article.code) = lower(%s)", [code], "0", [], 1, domain,
                exact_code=code)
            if exact:
                return exact
        for operator in ("&", "|"):
            tsquery = tokens.tsquery(query, operator)
            if not tsquery:
                return self._kb_ranked_ids(
                    "lower(crm_kb_article.code) = lower(%s)", [code], "0", [], limit, domain,
                    exact_code=code)
            ids = self._kb_ranked_ids(
                "crm_kb_article.kb_head_tsv @@ %s::tsquery "
                "OR lower(crm_kb_article.code) = lower(%s)", [tsquery, code],
                "ts_rank(crm_kb_article.kb_head_tsv, %s::tsquery)", [tsquery], limit, domain,
                exact_code=code, max_ranked=MAX_RANKED)
            if len(ids) < limit:
                more = self._kb_ranked_ids(
                    "crm_kb_article.kb_tsv @@ %s::tsquery "
                    "AND NOT crm_kb_article.kb_head_tsv @@ %s::tsquery", [tsquery, tsquery],
                    "ts_rank(crm_kb_article.kb_tsv, %s::tsquery)", [tsquery],
                    limit - len(ids), domain, max_ranked=MAX_RANKED)
                ids += [article_id for article_id in more if article_id not in ids]
            if ids or len(tokens.query_terms(query)) < 2:
                return ids
        return ids

    @api.model
    def kb_search(self, query, limit=20, domain=None):
        """One search box over title, code, keywords, body and attachment
        text. Returns [{id, name, code, category, snippet}] (snippet is HTML
        with the matched words in <b>), best first."""
        ids = self._kb_search_ids(query, limit=limit, domain=domain)
        return self.browse(ids)._kb_results(query)

    @api.model
    def _kb_suggest(self, text, limit=5, domain=None):
        """Articles for free text such as a ticket's description: its most
        telling words (jieba TF-IDF) matched against titles, codes and
        keywords, ranked by how many match, then popularity."""
        terms = tokens.suggest_terms(text or "")
        tsquery = tokens.any_tsquery(terms)
        if not tsquery:
            return []
        ids = self._kb_ranked_ids(
            "crm_kb_article.kb_head_tsv @@ %s::tsquery", [tsquery],
            "ts_rank(crm_kb_article.kb_head_tsv, %s::tsquery)", [tsquery], limit, domain,
            max_ranked=MAX_RANKED)
        return self.browse(ids)._kb_results(" ".join(word for _kind, word in terms))

    def _kb_results(self, query):
        words = tokens.highlight_words(query)
        return [{"id": article.id, "name": article.name, "code": article.code or "",
                 "category": article.category_id.complete_name,
                 "snippet": snippet(
                     "\n".join(filter(None, [article.body_text, article.attachment_text])),
                     words)}
                for article in self]

    def _search_kb_query(self, operator, value):
        return [("id", "in", self._kb_search_ids(value, limit=200))]


def snippet(text, words, size=SNIPPET_CHARS):
    """Escaped excerpt of ``text`` around the first matched word, the matched
    words in <b>."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.I) if words else None
    start = 0
    match = pattern.search(text) if pattern else None
    if match:
        start = max(0, match.start() - size // 3)
    excerpt = text[start:start + size]
    prefix = "…" if start else ""
    suffix = "…" if start + size < len(text) else ""
    if not pattern:
        return prefix + html.escape(excerpt) + suffix
    out, last = [], 0
    for found in pattern.finditer(excerpt):
        out.append(html.escape(excerpt[last:found.start()]))
        out.append("<b>%s</b>" % html.escape(found.group(0)))
        last = found.end()
    out.append(html.escape(excerpt[last:]))
    return prefix + "".join(out) + suffix
