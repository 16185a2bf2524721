"""Files and URLs the PBX tells us about, served or read only from where the
Administrator configured them.

A recording, a voicemail or the CDR file is named by a path (or a URL) that
comes from configuration patterns and from the PBX's own events, so it is
never trusted as it is: a path is resolved with ``os.path.realpath`` (which
follows ``..`` and symbolic links) and must then lie inside one of the
configured root folders; a URL must start with the configured base URL.
No Odoo here, so the rules are tested on their own."""
import os
from urllib.parse import urlsplit

__all__ = ["OutsideRoot", "resolve_under", "url_under", "read_capped"]


class OutsideRoot(ValueError):
    """The path or URL is not inside a configured root (or no root is set)."""


def _roots(roots):
    if isinstance(roots, str):
        roots = [roots]
    result = []
    for root in roots or ():
        root = (root or "").strip()
        if root and os.path.isabs(root):
            result.append(os.path.realpath(root))
    return result


def resolve_under(path, roots):
    """The real path of ``path`` if it lies strictly inside one of ``roots``
    (a string or a list of absolute folders), else :class:`OutsideRoot`.
    Relative paths, NUL bytes and empty roots are refused; the file itself
    need not exist (the caller checks that)."""
    if not path or not isinstance(path, str) or "\0" in path or not os.path.isabs(path):
        raise OutsideRoot("not an absolute path")
    real = os.path.realpath(path)
    for root in _roots(roots):
        if real != root and real.startswith(root.rstrip(os.sep) + os.sep):
            return real
    raise OutsideRoot("outside the configured folders")


def url_under(url, base):
    """``url`` if it is an http(s) URL under ``base`` (same scheme, host and
    port, and a path under the base's path, without ``..`` segments), else
    :class:`OutsideRoot`."""
    if not url or not base or not isinstance(url, str):
        raise OutsideRoot("no base URL configured")
    if any(char in url for char in "\r\n\0\\") or any(ord(char) < 32 for char in url):
        raise OutsideRoot("control characters in the URL")
    target, allowed = urlsplit(url), urlsplit(base.strip())
    if target.scheme not in ("http", "https") or allowed.scheme not in ("http", "https"):
        raise OutsideRoot("not an http(s) URL")
    if (target.scheme, target.netloc.lower()) != (allowed.scheme, allowed.netloc.lower()) \
            or "@" in target.netloc:
        raise OutsideRoot("another server")
    if not (target.path + "/").startswith(allowed.path.rstrip("/") + "/"):
        raise OutsideRoot("outside the base URL")
    if ".." in target.path.split("/"):
        raise OutsideRoot("'..' in the URL")
    return url


def read_capped(path, offset=0, cap=16 * 1024 * 1024):
    """Up to ``cap`` bytes of the file from ``offset`` (0 when the file got
    shorter: it was rotated); returns (data, offset used)."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        offset = offset if 0 <= offset <= size else 0
        handle.seek(offset)
        return handle.read(cap), offset
