"""Chinese + English tokens for PostgreSQL full-text search.

Index side (:func:`weighted_tsvector`): every field becomes
- for English and codes: the lower-cased word, its light stem, and for a code
  such as ``ERR-512`` the whole code and its parts;
- for Chinese: single characters, character pairs and the words jieba finds
  (``cut_for_search``), so a query matches whole words and partial words.
The result is a ``tsvector`` literal with positions and weights (A title and
code, B keywords, C body, D attachments) cast in SQL (``%s::tsvector``): no
text-search configuration and no locale are involved.

Query side (:func:`tsquery`): the same analysis; each query word must match
(English words also by prefix, a Chinese word through its character pairs).
"""
import re
import threading
import unicodedata

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(r"([%s]+)|([a-z0-9]+(?:[-_./][a-z0-9]+)*)" % _CJK)
_WORD = re.compile(r"[a-z0-9]+")
WEIGHTS = ("A", "B", "C", "D")
MAX_POSITION = 16383
MAX_POSITIONS_PER_TOKEN = 8

# a few English stop words; Chinese particles are handled by length (unigrams
# still index them but single characters never drive a multi-character query)
STOP = frozenset("a an and are as at be by for from how i in is it of on or the to "
                 "what when where which why with my me do does can".split())
ZH_STOP = frozenset("怎么办 怎么 如何 什么 为什么 请问 是否 可以 能否 能不能 是不是 哪里 "
                    "哪些 多少 有没有 一下 我的 我们 你们 他们 这个 那个 还是 或者 以及 "
                    "的 了 吗 呢 啊 吧 和 与 及 在 是 有 我 你 他 她 要 会 能 就 都 也 "
                    "请 把 被 给 让 对 从 到 怎样".split())

_jieba = None
_jieba_lock = threading.Lock()


def _segmenter():
    """jieba, loaded once per process on first use (its dictionary takes ~1 s)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import logging

                import jieba
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def normalize(text):
    return unicodedata.normalize("NFKC", text or "").lower()


def stem(word):
    """A light English stemmer (plural, -ing, -ed, -ly), enough for wording
    variants such as refunds/refund, charging/charge, installed/install."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""),
                         ("ly", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + keep
            if (suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]
                    and base[-1] not in "lsz"):
                base = base[:-1]
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                base = word[:-1]
            return base
    return word


def _ascii_tokens(run):
    tokens = [run]
    words = _WORD.findall(run)
    if len(words) > 1:
        tokens.extend(words)
    for word in words:
        stemmed = stem(word)
        if stemmed != word:
            tokens.append(stemmed)
    return tokens


def _cjk_tokens(run, words=True):
    tokens = list(run)
    tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    if words and len(run) > 2:
        tokens.extend(w for w in _segmenter().cut_for_search(run) if len(w) > 2)
    return tokens


def text_tokens(text, words=True):
    """All index tokens of ``text`` in reading order."""
    tokens = []
    for match in _RUN.finditer(normalize(text)):
        cjk, ascii_run = match.groups()
        if cjk:
            tokens.extend(_cjk_tokens(cjk, words))
        else:
            tokens.extend(_ascii_tokens(ascii_run))
    return tokens


def _quote(token):
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def weighted_tsvector(fields):
    """tsvector literal of ``fields``: a sequence of (text, weight letter)."""
    positions = {}
    position = 0
    for text, weight in fields:
        for token in text_tokens(text):
            position = min(position + 1, MAX_POSITION)
            entries = positions.setdefault(token, [])
            if len(entries) < MAX_POSITIONS_PER_TOKEN:
                entries.append("%d%s" % (position, weight))
        position = min(position + 16, MAX_POSITION)
    return " ".join("%s:%s" % (_quote(token), ",".join(entries))
                    for token, entries in positions.items())


# a search box query longer than this is cut, and only its first terms are
# used: each term is a prefix match or a chain of character pairs
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12


def query_terms(text):
    """The words of a query: [(kind, word)] with kind 'en' or 'zh' (the
    first :data:`MAX_QUERY_TERMS` of its first :data:`MAX_QUERY_CHARS`
    characters)."""
    terms = []
    for match in _RUN.finditer(normalize((text or "")[:MAX_QUERY_CHARS])):
        cjk, ascii_run = match.groups()
        if cjk:
            if len(cjk) <= 2:
                if cjk not in ZH_STOP:
                    terms.append(("zh", cjk))
                continue
            words = [w for w in _segmenter().cut(cjk) if w.strip()]
            # keep single characters only when jieba leaves nothing longer
            words = [w for w in words if w not in ZH_STOP] or words
            longer = [w for w in words if len(w) > 1]
            terms.extend(("zh", w) for w in (longer or words))
        elif ascii_run not in STOP:
            terms.append(("en", ascii_run))
    seen, unique = set(), []
    for term in terms:
        if term not in seen:
            seen.add(term)
            unique.append(term)
    return unique[:MAX_QUERY_TERMS]


def _term_query(kind, word):
    if kind == "zh":
        if len(word) <= 2:
            return _quote(word)
        pairs = [_quote(word[i:i + 2]) for i in range(len(word) - 1)]
        return "(" + " & ".join(pairs) + ")"
    words = _WORD.findall(word)
    if len(words) > 1:  # a code: the whole code, or all its parts
        return "(%s | (%s))" % (_quote(word), " & ".join(_quote(w) + ":*" for w in words))
    stemmed = stem(word)
    if stemmed != word:
        return "(%s:* | %s:*)" % (_quote(word), _quote(stemmed))
    return _quote(word) + ":*"


def tsquery(text, operator="&"):
    """tsquery literal requiring every query word (``&``) or any (``|``);
    None when the text has no searchable word."""
    parts = [_term_query(kind, word) for kind, word in query_terms(text)]
    if not parts:
        return None
    return (" %s " % operator).join(parts)


def highlight_words(text):
    """Words to mark in snippets for the query ``text``."""
    return [word for _kind, word in query_terms(text)]


def suggest_terms(text, limit=8):
    """The most telling words of free text (a ticket's description): jieba's
    TF-IDF keywords for Chinese, the longer non-stop words for English."""
    text = normalize(text)[:5000]
    terms = []
    if re.search("[%s]" % _CJK, text):
        _segmenter()
        from jieba import analyse
        terms.extend(("zh", word) for word in analyse.extract_tags(text, topK=limit)
                     if re.fullmatch("[%s]{2,}" % _CJK, word) and word not in ZH_STOP)
    for match in _RUN.finditer(text):
        ascii_run = match.group(2)
        if ascii_run and ascii_run not in STOP and (len(ascii_run) > 3 or "-" in ascii_run):
            terms.append(("en", ascii_run))
    seen, unique = set(), []
    for term in terms:
        if term not in seen:
            seen.add(term)
            unique.append(term)
    return unique[:MAX_QUERY_TERMS][:limit]


def any_tsquery(terms):
    """tsquery matching any of ``terms`` (as returned by :func:`suggest_terms`)."""
    parts = [_term_query(kind, word) for kind, word in terms]
    return " | ".join(parts) if parts else None
