"""Read a table (header row + data rows) from .xls, .xlsx, .csv or .txt."""
import csv
import datetime
import io
import os
import zipfile

import openpyxl
import xlrd
from openpyxl.utils.exceptions import InvalidFileException

TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


class SheetError(Exception):
    """The file cannot be read; the message says why, for the user."""


def read_table(filename, data, encoding=None):
    """Return (headers, rows): headers a list of str, rows a list of
    (row_number, [str, ...]) where row_number is the line the user sees in
    the file (the header is row 1). Blank rows are skipped."""
    if not data:
        raise SheetError("The file is empty.")
    ext = os.path.splitext(filename or "")[1].lower()
    if ext == ".xls":
        table = _read_xls(data)
    elif ext == ".xlsx":
        table = _read_xlsx(data)
    elif ext in (".csv", ".txt", ".tsv"):
        table = _read_text(data, encoding)
    else:
        raise SheetError(
            "Unsupported file type %r: use .xls, .xlsx, .csv or .txt." % (ext or filename))
    table = [[_text(value) for value in row] for row in table]
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        raise SheetError("The file has no header row.")
    headers = table[0]
    rows = [(index + 2, row + [""] * (len(headers) - len(row)))
            for index, row in enumerate(table[1:]) if any(row)]
    return headers, rows


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_xls(data):
    try:
        book = xlrd.open_workbook(file_contents=data)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError) as exc:
        raise SheetError("This is not a readable .xls file (%s)." % exc)
    sheet = book.sheet_by_index(0)
    rows = []
    for index in range(sheet.nrows):
        row = []
        for cell in sheet.row(index):
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            else:
                row.append(cell.value)
        rows.append(row)
    return rows


def _read_xlsx(data):
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SheetError("This is not a readable .xlsx file (%s)." % exc)
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _read_text(data, encoding=None):
    text = None
    for candidate in ([encoding] if encoding else TEXT_ENCODINGS):
        try:
            text = data.decode(candidate)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        raise SheetError(
            "The text file is neither UTF-8 nor GB18030; save it in one of those encodings.")
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line else ("," if "," in first_line else
                                                 (";" if ";" in first_line else "\t"))
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))
