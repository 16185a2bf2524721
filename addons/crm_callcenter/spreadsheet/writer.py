"""Write a table to .xlsx or tab-separated text."""
import io

import xlsxwriter


def write_xlsx(headers, rows, sheet_name="Sheet1"):
    """Bytes of an .xlsx file with a bold header row; phone numbers and codes
    stay text so Excel does not turn them into numbers."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, headers, bold)
    for index, row in enumerate(rows, 1):
        sheet.write_row(index, 0, ["" if value in (None, False) else value for value in row])
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def write_text(headers, rows, encoding="utf-8-sig"):
    """Bytes of a tab-separated text file (UTF-8 with BOM by default, which
    Excel opens correctly; pass 'gb18030' for older tools)."""
    def clean(value):
        return "" if value in (None, False) else str(value).replace("\t", " ").replace("\n", " ")
    lines = ["\t".join(clean(v) for v in headers)]
    lines += ["\t".join(clean(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)
