"""Read a table (header row + data rows) from .xls, .xlsx, .csv or .txt."""
import codecs
import csv
import datetime
import io
import os
import re
import zipfile

import openpyxl
import xlrd
from openpyxl.utils.exceptions import InvalidFileException

TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# limits against oversized files and zip bombs (an .xlsx is a zip archive:
# each member is checked by its declared size before anything is read)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 1000
MAX_ROWS = 100000
MAX_COLUMNS = 100


def _(message):
    """Mark ``message`` as a sentence for the user: Odoo's term extraction
    finds ``_("...")`` calls, and the Odoo code that shows the error
    translates it (docs/ARCHITECTURE.md, "Messages of the plain
    packages"). Plain Python has no user language to translate into."""
    return message


class SheetError(Exception):
    """The file cannot be read. ``template`` says why, for the user (marked
    with :func:`_`), ``params`` fills it in; ``str()`` is the English
    sentence. Odoo shows ``_(error.template) % error.params``."""

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template % params)


def read_table(filename, data, encoding=None):
    """Return (headers, rows): headers a list of str, rows a list of
    (row_number, [str, ...]) where row_number is the line the user sees in
    the file (the header is row 1). Blank rows are skipped."""
    if not data:
        raise SheetError(_("The file is empty."))
    check_size(len(data))
    ext = os.path.splitext(filename or "")[1].lower()
    if ext not in (".xls", ".xlsx", ".csv", ".txt", ".tsv"):
        raise SheetError(
            _("Unsupported file type %(type)r: use .xls, .xlsx, .csv or .txt."),
            type=ext or filename)
    try:
        if ext == ".xls":
            table = _read_xls(data)
        elif ext == ".xlsx":
            table = _read_xlsx(data)
        else:
            table = _read_text(data, encoding)
        table = [[_text(value) for value in row] for row in table]
    except SheetError:
        raise
    except Exception as exc:  # a damaged file: the parsers raise anything
        raise SheetError(_("This is not a readable %(type)s file (%(error)s); open it in a "
                           "spreadsheet and save it again."),
                         type=ext, error="%s: %s" % (type(exc).__name__, exc))
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        raise SheetError(_("The file has no header row."))
    # trailing empty cells are no columns (openpyxl pads rows to max_col)
    table = [_rstrip(row) for row in table]
    width = max(len(row) for row in table)
    headers = table[0] + [""] * (width - len(table[0]))
    rows = [(index + 2, row + [""] * (width - len(row)))
            for index, row in enumerate(table[1:]) if any(row)]
    return headers, rows


def _rstrip(row):
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


def check_size(size):
    """Refuse a file of ``size`` bytes over :data:`MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        raise SheetError(_("The file is too large (%(size).1f MB; at most %(limit)d MB): "
                           "split it."),
                         size=size / 1048576.0, limit=MAX_FILE_BYTES // 1048576)


def _check_rows(count):
    """Refuse more than :data:`MAX_ROWS` data rows (``count`` includes the
    header row)."""
    if count > MAX_ROWS + 1:
        raise SheetError(_("The file has more than %(limit)d rows: split it."), limit=MAX_ROWS)


def check_zip(data):
    """Refuse an archive whose members would unpack to too much (zip bomb),
    from the sizes declared in its directory, before reading any member."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SheetError(_("This is not a readable .xlsx file (%(error)s)."), error=exc)
    if len(members) > MAX_ZIP_MEMBERS:
        raise SheetError(_("The .xlsx file has too many parts (%(count)d)."),
                         count=len(members))
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (
                info.file_size > 1048576 and ratio > MAX_COMPRESSION_RATIO):
            raise SheetError(_("The .xlsx file unpacks to too much data (%(part)s); "
                               "save it again or split it."), part=info.filename)


def _text(value):
    """The cell as text; dates as ISO text (2026-03-05, 2026-03-05 14:30:00),
    control characters (NUL cannot be stored) as spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        # to the nearest second: serial numbers are binary fractions of a day
        value = (value + datetime.timedelta(microseconds=500000)).replace(microsecond=0)
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return CONTROL_CHARACTERS.sub(" ", str(value)).strip()


def _read_xls(data):
    try:
        book = xlrd.open_workbook(file_contents=data)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError) as exc:
        raise SheetError(_("This is not a readable .xls file (%(error)s)."), error=exc)
    sheet = book.sheet_by_index(0)
    _check_rows(sheet.nrows)
    rows = []
    for index in range(sheet.nrows):
        row = []
        for cell in sheet.row(index)[:MAX_COLUMNS]:
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            else:
                row.append(cell.value)
        rows.append(row)
    return rows


def _read_xlsx(data):
    check_zip(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SheetError(_("This is not a readable .xlsx file (%(error)s)."), error=exc)
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append(list(row))
            _check_rows(len(rows))
        return rows
    finally:
        book.close()


def _read_text(data, encoding=None):
    text = None
    candidates = [encoding] if encoding else TEXT_ENCODINGS
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        candidates = ["utf-16"]  # Excel's "Unicode Text" (Unicode 文本)
    for candidate in candidates:
        try:
            text = data.decode(candidate)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        raise SheetError(_(
            "The text file is neither UTF-8 nor GB18030; save it in one of those encodings."))
    # NUL cannot be stored, and the csv module refuses it
    text = text.lstrip("\ufeff").replace("\x00", " ")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line else ("," if "," in first_line else
                                                 (";" if ";" in first_line else "\t"))
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append(row[:MAX_COLUMNS])
        _check_rows(len(rows))
    return rows
