"""Text of attachments (PDF, DOCX, TXT) and of HTML bodies."""
import html
import io
import logging
import re
import zipfile

_logger = logging.getLogger(__name__)

MAX_CHARS = 200000
# limits against oversized files and decompression bombs: larger files are
# kept as attachments but their text is not indexed
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBER_BYTES = 20 * 1024 * 1024   # word/document.xml, unpacked
MAX_PDF_PAGES = 300
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|tr|h[1-6]|table|ul|ol)\b[^>]*>", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_to_text(markup):
    """Visible text of an HTML fragment, one line per block.

    The suite's only HTML-to-text for the knowledge base, kept beside
    Odoo's ``odoo.tools.html2plaintext`` on purpose: that one writes for an
    e-mail reader (``*bold*``, ``/italic/``, ``**headings**``, each link as
    ``text [1]`` with a ``[1] http://...`` footnote, list items run into one
    line), so the search index and the result snippets would carry
    asterisks and URLs that are not on the page, and the version diff would
    compare merged lines. The KB needs exactly the words a reader sees, one
    line per block (tests/test_kbtext.py pins the difference)."""
    if not markup:
        return ""
    text = _BLOCK.sub("\n", markup)
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def pdf_text(data):
    """Text of a PDF (PyPDF2); empty when the file cannot be read."""
    try:
        import PyPDF2
        reader = PyPDF2.PdfFileReader(io.BytesIO(data), strict=False)
        if reader.isEncrypted:
            reader.decrypt("")
        parts, size = [], 0
        for index in range(min(reader.getNumPages(), MAX_PDF_PAGES)):
            page = reader.getPage(index)
            # PyPDF2 >= 1.28 names it extract_text (extractText warns)
            text = (getattr(page, "extract_text", None) or page.extractText)()
            parts.append(text)
            size += len(text)
            if size > MAX_CHARS:
                break
        return "\n".join(parts)
    except Exception as error:  # a broken file must not block saving the article
        _logger.info("PDF text not extracted: %s", error)
        return ""


def docx_text(data):
    """Text of a Word 2007+ document: the runs of word/document.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_MEMBER_BYTES:
                _logger.info("DOCX text not extracted: document.xml unpacks to %d bytes",
                             info.file_size)
                return ""
            # the declared size may lie: never unpack more than the cap
            with archive.open(info) as member:
                raw = member.read(MAX_MEMBER_BYTES + 1)
            if len(raw) > MAX_MEMBER_BYTES:
                _logger.info("DOCX text not extracted: document.xml too large")
                return ""
            xml = raw.decode("utf-8", "replace")
    except (zipfile.BadZipfile, KeyError, OSError, RuntimeError, ValueError,
            NotImplementedError, EOFError) as error:
        _logger.info("DOCX text not extracted: %s", error)
        return ""
    xml = re.sub(r"</w:p>", "\n", xml)
    xml = re.sub(r"<w:tab/>", " ", xml)
    return html.unescape(_TAG.sub("", xml))


def plain_text(data):
    data = data[:MAX_CHARS * 4]   # at most 4 bytes per character
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment_text(data, mimetype="", filename=""):
    """Text of one attachment by its type (or file name); "" if unknown."""
    if not data:
        return ""
    if len(data) > MAX_FILE_BYTES:
        _logger.info("Attachment %s not indexed: %d bytes", filename, len(data))
        return ""
    name = (filename or "").lower()
    mimetype = mimetype or ""
    if mimetype == "application/pdf" or name.endswith(".pdf") or data[:5] == b"%PDF-":
        text = pdf_text(data)
    elif mimetype == DOCX or name.endswith(".docx"):
        text = docx_text(data)
    elif mimetype.startswith("text/") or name.endswith((".txt", ".csv", ".md")):
        text = plain_text(data)
    else:
        text = ""
    return text[:MAX_CHARS]
