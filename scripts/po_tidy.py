#!/usr/bin/env python3
"""Tidy translation catalogues after union merges (.gitattributes merges
*.po by union, so two branches' new entries can end up glued together or
twice): one blank line between entries, duplicate msgids merged (their
references joined, the first non-empty translation kept).

    po_tidy.py FILE.po [...]     rewrite in place; exit 1 if a file changed
"""
import sys


def entries(text):
    """Split a catalogue into entries: lists of lines, each entry starting
    with its comments and ending with its msgstr (and continuation lines)."""
    result, current, seen_msgstr = [], [], False
    for line in text.splitlines():
        if not line.strip():
            if current:
                result.append(current)
            current, seen_msgstr = [], False
            continue
        starts_new = line.startswith("#") or line.startswith("msgctxt") or (
            line.startswith("msgid ") and seen_msgstr)
        if starts_new and seen_msgstr and current:
            result.append(current)
            current, seen_msgstr = [], False
        current.append(line)
        if line.startswith("msgstr"):
            seen_msgstr = True
    if current:
        result.append(current)
    return result


def _field(entry, keyword):
    """The full (joined) string of msgid / msgstr / msgctxt in an entry."""
    value, inside = [], False
    for line in entry:
        if line.startswith(keyword + " "):
            inside = True
            value.append(line[len(keyword) + 1:])
        elif inside and line.startswith('"'):
            value.append(line)
        elif inside:
            break
    return "".join(part.strip()[1:-1] for part in value) if value else None


def tidy(text):
    kept, index = [], {}
    for entry in entries(text):
        msgid = _field(entry, "msgid")
        key = (_field(entry, "msgctxt"), msgid)
        key = key + (_field(entry, "msgstr"),)
        if msgid is None or msgid == "" or key not in index:
            if msgid:
                index[key] = len(kept)
            kept.append(entry)
            continue
        first = kept[index[key]]
        # references, extracted comments (e.g. "openerp-web", which sends a
        # term to the web client) and flags of both entries
        comments = [line for line in entry if line.startswith(("#:", "#.", "#,"))
                    and line not in first]
        body_at = next(i for i, line in enumerate(first) if not line.startswith("#"))
        merged = first[:body_at] + comments + first[body_at:]
        kept[index[key]] = merged
    return "\n\n".join("\n".join(entry) for entry in kept) + "\n"


def main(paths):
    changed = False
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        new = tidy(text)
        if new != text:
            changed = True
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(new)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
