"""Write a table to .xlsx or tab-separated text.

Cell text may come from anyone (customer names typed by agents, ticket
subjects from the public web form and the email alias), so nothing written
here may become a formula or a link when the file is opened (formula
injection): the workbook is told not to convert strings, and text cells that
a spreadsheet would read as a formula get a leading apostrophe."""
import io

import xlsxwriter

# what Excel/LibreOffice treat as the start of a formula in a text file
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` as text that no spreadsheet reads as a formula (numbers
    stay as they are)."""
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_xlsx(headers, rows, sheet_name="Sheet1"):
    """Bytes of an .xlsx file with a bold header row; phone numbers and codes
    stay text so Excel does not turn them into numbers, and strings are never
    written as formulas or links."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_numbers": False,
        "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, [str(value) for value in headers], bold)
    for index, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            if value in (None, False):
                value = ""
            if isinstance(value, str):
                sheet.write_string(index, col, value)
            else:
                sheet.write(index, col, value)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def write_text(headers, rows, encoding="utf-8-sig"):
    """Bytes of a tab-separated text file (UTF-8 with BOM by default, which
    Excel opens correctly; pass 'gb18030' for older tools). Cells that would
    start a formula are prefixed with an apostrophe."""
    def clean(value):
        if value in (None, False):
            return ""
        text = neutralise(value)
        return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    lines = ["\t".join(clean(v) for v in headers)]
    lines += ["\t".join(clean(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)
