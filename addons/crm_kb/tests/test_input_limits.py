"""Uploads and public inputs are bounded (M9), popularity cannot be forged
(L2). Every file is made here."""
import io
import zipfile

from ..kbtext import extract, tokens
from .common import KbCase


def docx(document_xml):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


class TestInputLimits(KbCase):

    users = ("agent", "portal")

    def test_docx_bomb_not_unpacked(self):
        small = docx(b"<w:p><w:t>PAIRING</w:t></w:p>")
        self.assertIn("PAIRING", extract.attachment_text(small, "", "a.docx"))
        bomb = docx(b"<w:t>x</w:t>" + b" " * (extract.MAX_MEMBER_BYTES + 1))
        self.assertLess(len(bomb), 200 * 1024)
        self.assertEqual(extract.attachment_text(bomb, "", "bomb.docx"), "")

    def test_oversized_attachment_not_indexed(self):
        data = b"word " * (extract.MAX_FILE_BYTES // 5 + 1)
        self.assertEqual(extract.attachment_text(data, "text/plain", "big.txt"), "")

    def test_search_query_is_capped(self):
        query = " ".join("word%d" % i for i in range(5000))
        terms = tokens.query_terms(query)
        self.assertLessEqual(len(terms), tokens.MAX_QUERY_TERMS)
        self.assertLessEqual(len(tokens.tsquery(query).split(" & ")),
                             tokens.MAX_QUERY_TERMS)
        # as the portal user, a huge query still answers (and finds nothing)
        self.assertEqual(self.Article.sudo(self.portal).kb_search(query), [])

    def test_register_view_counts_one_per_call(self):
        article = self.new_article(name="浏览计数")
        self.assertFalse(hasattr(type(self.env["crm.kb.article.stat"]), "add_views"),
                         "the view counter must not be public")
        article.sudo(self.agent).kb_register_view()
        article.invalidate_cache()
        self.assertEqual(article.view_count, 1)
        Stat = self.env["crm.kb.article.stat"]
        Stat._add_views(article.ids * 5)
        article.invalidate_cache()
        self.assertEqual(article.view_count, 2, "one view per article and call")
