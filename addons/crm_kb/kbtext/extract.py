"""Text of attachments (PDF, DOCX, TXT) and of HTML bodies."""
import html
import io
import logging
import re
import zipfile

_logger = logging.getLogger(__name__)

MAX_CHARS = 200000
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|tr|h[1-6]|table|ul|ol)\b[^>]*>", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_to_text(markup):
    """Visible text of an HTML fragment, one line per block."""
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
        parts = []
        for index in range(reader.getNumPages()):
            parts.append(reader.getPage(index).extractText())
            if sum(len(p) for p in parts) > MAX_CHARS:
                break
        return "\n".join(parts)
    except Exception as error:  # a broken file must not block saving the article
        _logger.info("PDF text not extracted: %s", error)
        return ""


def docx_text(data):
    """Text of a Word 2007+ document: the runs of word/document.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8", "replace")
    except (zipfile.BadZipfile, KeyError, OSError) as error:
        _logger.info("DOCX text not extracted: %s", error)
        return ""
    xml = re.sub(r"</w:p>", "\n", xml)
    xml = re.sub(r"<w:tab/>", " ", xml)
    return html.unescape(_TAG.sub("", xml))


def plain_text(data):
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
