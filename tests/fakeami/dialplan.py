"""Just enough of an Asterisk ``extensions.conf`` to tell whether a
context reaches an extension: ``[context]`` sections, ``exten =>``
patterns (``_`` with ``X Z N [..] . !``) and ``include =>``. The fake PBX
refuses a transfer or an Originate into an extension its dialplan cannot
reach, where a real Asterisk would drop the customer (issue 16)."""
import re


def parse(text):
    """``{context: {"extens": [pattern, ...], "includes": [context, ...]}}``."""
    contexts, current = {}, None
    for raw in text.splitlines():
        line = raw.split(";", 1)[0].strip()
        if not line:
            continue
        section = re.match(r"^\[([^\]]+)\]", line)
        if section:
            current = contexts.setdefault(section.group(1), {"extens": [], "includes": []})
            continue
        key, sep, value = line.partition("=>")
        if not sep or current is None:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "exten":
            pattern = value.split(",", 1)[0].strip()
            if pattern not in current["extens"]:
                current["extens"].append(pattern)
        elif key == "include":
            current["includes"].append(value.split(",", 1)[0].strip())
    return contexts


def _regex(pattern):
    if not pattern.startswith("_"):
        return re.compile(re.escape(pattern) + r"\Z")
    out, chars, index = [], pattern[1:], 0
    while index < len(chars):
        char = chars[index]
        if char == "X":
            out.append("[0-9]")
        elif char == "Z":
            out.append("[1-9]")
        elif char == "N":
            out.append("[2-9]")
        elif char == "[":
            end = chars.index("]", index)
            out.append("[%s]" % chars[index + 1:end])
            index = end
        elif char == ".":
            out.append(".+")
        elif char == "!":
            out.append(".*")
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def reaches(contexts, context, exten, _seen=None):
    """Whether ``exten`` matches in ``context`` or a context it includes."""
    seen = _seen if _seen is not None else set()
    if context in seen or context not in contexts:
        return False
    seen.add(context)
    if any(_regex(pattern).match(exten) for pattern in contexts[context]["extens"]):
        return True
    return any(reaches(contexts, inner, exten, seen)
               for inner in contexts[context]["includes"])
