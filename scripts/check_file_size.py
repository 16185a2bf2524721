#!/usr/bin/env python3
"""A product file over 400 lines says why at its top.

usage: check_file_size.py [DIR...]   (default: addons)

Every text file under the add-ons (code, views, data, styles, readme) except
tests/, i18n/ (translations) and static/lib/ (third-party code) with more than
MAX_LINES lines must carry, in its first HEAD_LINES lines, a comment
"size: <reason>" in its own syntax:

    # size: ...          Python
    <!-- size: ... -->   XML, HTML
    // size: ...         JavaScript, CSS/LESS (or /* size: ... */)
    .. size: ...         reStructuredText

A CSV file cannot carry a comment (Odoo would load the line): split it.
The lists of moved records under migrations/ are not read by people but
made by scripts/xmlid_moves.py (and checked by tests/test_migration.py):
they are skipped.
Prints each offender and exits 1 if there is one.
"""
import os
import re
import sys

MAX_LINES = 400
HEAD_LINES = 5
SKIP_DIRS = {"tests", "i18n", "__pycache__"}
# translations (generated) and binaries are not read
SKIP_SUFFIXES = (".po", ".pot", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".pdf",
                 ".docx", ".xlsx", ".odt", ".woff", ".woff2", ".ttf", ".eot", ".pyc", ".mo")
REASON = re.compile(r"^\s*(#|//|/\*|<!--|\.\.)\s*size:\s*\S.{8,}")


def product_files(top):
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                         and not (d == "lib" and os.path.basename(folder) == "static"))
        for name in sorted(files):
            if name.lower().endswith(SKIP_SUFFIXES):
                continue
            if name.endswith(".csv") and "migrations" in folder.split(os.sep):
                continue    # generated lists of a migration
            yield os.path.join(folder, name)


def offence(path):
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (UnicodeDecodeError, ValueError):
        return None  # not text
    if len(lines) <= MAX_LINES:
        return None
    if any(REASON.match(line) for line in lines[:HEAD_LINES]):
        return None
    return "%s: %d lines (over %d) and no 'size: <reason>' comment in its first %d lines" % (
        path, len(lines), MAX_LINES, HEAD_LINES)


def main(argv):
    found = [o for top in (argv[1:] or ["addons"]) for o in map(offence, product_files(top)) if o]
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
