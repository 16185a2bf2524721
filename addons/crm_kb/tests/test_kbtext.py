from odoo.tests.common import TransactionCase
from odoo.tools import html2plaintext

from ..kbtext import extract, tokens
from .common import data_file


class TestKbText(TransactionCase):
    """The plain-Python text layer: attachment text and search tokens."""

    def test_pdf_docx_txt_text(self):
        self.assertIn("TIMER button", extract.attachment_text(
            data_file("service_bulletin.pdf"), "application/pdf", "a.pdf"))
        self.assertIn("恢复出厂设置", extract.attachment_text(
            data_file("pairing_guide.docx"), "", "guide.docx"))
        self.assertIn("顺丰快递", extract.attachment_text(
            data_file("courier_notice.txt"), "text/plain", "n.txt"))
        self.assertEqual(extract.attachment_text(b"\x00\x01", "image/png", "x.png"), "")
        self.assertEqual(extract.attachment_text(b"not a pdf", "application/pdf", "x.pdf"), "")

    def test_html_to_text(self):
        self.assertEqual(extract.html_to_text("<p>a&amp;b</p><p>第二<b>行</b></p>"), "a&b\n第二行")

    def test_html_to_text_only_the_visible_words(self):
        """Why the KB keeps its own function rather than Odoo's
        html2plaintext: no e-mail markup, no link footnotes, one line per
        list item (search text, snippets and version diffs)."""
        markup = ('<h2>空调</h2><ul><li>制冷 <a href="http://example.invalid/x">说明</a></li>'
                  '<li><b>制热</b></li></ul>')
        self.assertEqual(extract.html_to_text(markup), "空调\n制冷 说明\n制热")
        self.assertNotEqual(html2plaintext(markup).strip(), "空调\n制冷 说明\n制热",
                            "Odoo's html2plaintext now gives the KB's text: use it instead")

    def test_chinese_tokens_have_pairs_and_words(self):
        found = tokens.text_tokens("售后服务电话")
        for token in ("售", "售后", "服务", "售后服务", "电话"):
            self.assertIn(token, found)

    def test_query_drops_question_words_and_stems_english(self):
        self.assertEqual(tokens.tsquery("空调不制冷怎么办"), "'空调' & '制冷'")
        self.assertIn("'refund':*", tokens.tsquery("refunds"))
        self.assertIn("'err-512'", tokens.tsquery("ERR-512"))
        self.assertIsNone(tokens.tsquery("的 吗 ?"))

    def test_tsvector_literal_escapes_quotes(self):
        self.assertEqual(tokens._quote("it's"), "'it''s'")
        self.assertEqual(tokens.weighted_tsvector([("Foo foo", "A"), ("bar", "C")]),
                         "'foo':1A,2A 'bar':19C")
