"""twitter-text v3, as X counts a post: pure functions from text to a number and a verdict.

X counts with twitter-text v3: the same rules as twitter-text-parser (URL extraction with its
lists of top-level domains, its emoji list, its weight table), read from that library's data
files without importing it. Importing it costs a third of a second (its emoji module goes
through ``pkg_resources`` and compiles a regular expression holding every top-level domain
twice); here the domain lists are looked up in a dictionary instead, with the same
backtracking order as the library's regular expression, and the emoji expression is built
only for a text that holds a character that can begin an emoji. The test suite runs
twitter-text's own conformance cases on it and checks it against the library on generated
texts.
"""

from __future__ import annotations

import _sre
import ast
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - an interpreter without it: plain lower case
    _EXTRA_CASES = {}

# --- twitter-text's data, read once from twitter-text-parser's files ----------------------


@functools.cache
def _library_folder() -> Path:
    """twitter-text-parser's ``regexp`` folder, found without running the package's code."""
    import importlib.util

    spec = importlib.util.find_spec("twitter_text")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("twitter-text-parser is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "regexp"


_TLD_HEAD, _TLD_TAIL = "(?:(?:", ")(?=[^0-9a-zA-Z@+-]|$))"


def _top_level_domains(module: str) -> tuple[str, ...]:
    """The alternatives of the library's ``valid_gtld`` or ``valid_cctld``, in their order."""
    tree = ast.parse((_library_folder() / f"{module}.py").read_text(encoding="utf-8"))

    def joined(node: ast.expr) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.BinOp):
            return joined(node.left) + joined(node.right)
        raise RuntimeError(f"unexpected {ast.dump(node)[:60]} in twitter_text {module}")

    assign = tree.body[-1]
    if not (isinstance(assign, ast.Assign) and isinstance(assign.value, ast.Call)):
        raise RuntimeError(f"unexpected layout of twitter_text {module}")
    pattern = joined(assign.value.args[0])
    if not (pattern.startswith(_TLD_HEAD) and pattern.endswith(_TLD_TAIL)):
        raise RuntimeError(f"unexpected pattern in twitter_text {module}")
    return tuple(pattern[len(_TLD_HEAD) : -len(_TLD_TAIL)].split("|"))


@functools.cache
def _fold(char: str) -> str:
    """One representative of the characters ``re.IGNORECASE`` takes as equal to ``char``:
    its lower case by ``re``'s own table, and the smallest of the extra equivalents ``re``
    knows (s and ſ, k and the Kelvin sign, i and ı)."""
    lower = _sre.unicode_tolower(ord(char))
    return chr(min((lower, *_EXTRA_CASES.get(lower, ()))))


@functools.cache
def _tld_table() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Generic and country top-level domains, folded, by folded first character, in order."""
    tables: list[dict[str, list[str]]] = []
    for module in ("valid_gtld", "valid_cctld"):
        table: dict[str, list[str]] = {}
        for tld in _top_level_domains(module):
            folded = "".join(_fold(c) for c in tld)
            table.setdefault(folded[0], []).append(folded)
        tables.append(table)
    return tables[0], tables[1]


@functools.cache
def _emoji() -> re.Pattern[str]:
    """The library's emoji expression: multi-code-point emoji longest first, then single ones
    (Unicode's emoji-test.txt that it ships, components left out)."""
    text = (_library_folder() / "emoji-test.txt").read_text(encoding="utf-8")
    group = ""
    singles: list[int] = []
    multis: list[str] = []
    for line in text.splitlines()[32:]:
        if line == "# Status Counts":
            break
        if line.startswith("# group:"):
            group = line.split(":")[-1].strip()
        if group == "Component" or not re.match("[0-9A-F]{3,}", line):
            continue
        points = line.split(";")[0].split()
        if len(points) == 1:
            singles.append(int(points[0], 16))
        else:
            multis.append("".join(f"\\U{p.zfill(8)}" for p in points))
    multis.sort(key=len, reverse=True)
    ranges = ""
    for low, high in _ranges(sorted(set(singles))):
        ranges += f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}"
    return re.compile("|".join(multis) + "|[" + ranges + "]")


def _ranges(points: list[int]) -> Iterator[tuple[int, int]]:
    start = previous = points[0]
    for point in points[1:]:
        if point != previous + 1:
            yield start, previous
            start = point
        previous = point
    yield start, previous


# --- twitter-text's URL extraction --------------------------------------------------------

_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
_SPACES = "\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCT = r"\!'#%&'\(\)*\+,\\\-\.\/:;<=>\?@\[\]\^_{|}~\$/"
_LATIN = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"
# A domain character: anything but punctuation, spaces and invalid or directional marks.
# Each piece is compiled case-insensitive, as the library's whole expression is.
_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_SUBDOMAIN = re.compile(
    f"(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.", re.IGNORECASE
)
_DOMAIN_NAME = re.compile(
    f"(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.", re.IGNORECASE
)
# Where a URL can begin: at the start or after a preceding character, a domain label (a
# subdomain's, the laxest), after a protocol or not.
_URL_BEGIN = re.compile(
    f"(?:^|(?<=[^A-Za-z0-9@＠$#＃{_INVALID}]))"
    f"(?=(?:https?://)?(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)",
    re.IGNORECASE,
)
_PRECEDING = re.compile(f"[^A-Za-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]", re.IGNORECASE)
_PROTOCOL = re.compile(r"https?://", re.IGNORECASE)
_AFTER_TLD = re.compile(r"[^0-9a-zA-Z@+-]", re.IGNORECASE)
_PUNYCODE = re.compile(r"xn--[\-0-9a-z]+", re.IGNORECASE)
_ASCII_LABEL = re.compile(f"[\\-a-z0-9{_LATIN}]+\\.", re.IGNORECASE)
_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!\\*';:=\\+,\\.\\$\\/%#\\[\\]\\-\\u2013_~@\\|&{_LATIN}]"
_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"[\\+\\-a-z{_CYRILLIC}0-9=_#\\/{_LATIN}]|(?:{_PARENS})"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"
# What may follow the domain: port, path and query, each optional.
_REST = re.compile(f"(?::[0-9]+)?(\\/{_PATH}*)?(?:\\?{_QUERY}*{_QUERY_END})?", re.IGNORECASE)
_TCO = re.compile(f"^https?:\\/\\/t\\.co\\/([a-z0-9]+)(?:\\?{_QUERY}*{_QUERY_END})?", re.IGNORECASE)
MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40


def _tld_end(text: str, at: int) -> int | None:
    """Where the library's ``(gTLD|ccTLD|punycode)`` ends when it starts at ``at``: the first
    top-level domain of its lists (in their order) followed by a non-alphanumeric character."""
    if at >= len(text):
        return None
    first = _fold(text[at])
    for table in _tld_table():
        for tld in table.get(first, ()):
            end = at + len(tld)
            if end > len(text) or (end < len(text) and not _AFTER_TLD.match(text, end)):
                continue
            if all(_fold(text[at + i]) == c for i, c in enumerate(tld[1:], 1)):
                return end
    match = _PUNYCODE.match(text, at)
    return match.end() if match else None


def _domain_end(text: str, at: int) -> int | None:
    """``valid_subdomain* valid_domain_name (TLD)`` from ``at``: subdomains taken greedily,
    then given back one by one, as the library's regular expression backtracks. A label runs
    to the next dot (no dot is a domain character), so each one either matches whole or not."""
    starts = [at]
    while match := _SUBDOMAIN.match(text, starts[-1]):
        starts.append(match.end())
    for start in reversed(starts):
        name = _DOMAIN_NAME.match(text, start)
        if name and (end := _tld_end(text, name.end())) is not None:
            return end
    return None


def _ascii_domains(domain: str) -> Iterator[tuple[int, int]]:
    """The spans ``valid_ascii_domain`` finds in a domain: ASCII and Latin labels ending in a
    top-level domain."""
    at = 0
    while at < len(domain):
        starts = [at]
        while match := _ASCII_LABEL.match(domain, starts[-1]):
            starts.append(match.end())
        end = next(
            (e for s in reversed(starts[1:]) if (e := _tld_end(domain, s)) is not None), None
        )
        if end is None:
            at += 1
        else:
            yield at, end
            at = end


@dataclass(frozen=True)
class _Match:
    before: str
    start: int
    end: int
    protocol: str
    domain: str
    path: str


def _url_at(text: str, at: int, before: str) -> _Match | None:
    protocol = _PROTOCOL.match(text, at)
    for domain_start in ([protocol.end()] if protocol else []) + [at]:
        end = _domain_end(text, domain_start)
        if end is not None:
            rest = _REST.match(text, end)
            assert rest is not None  # every part of it is optional
            return _Match(
                before,
                at,
                rest.end(),
                text[at:domain_start],
                text[domain_start:end],
                rest.group(1) or "",
            )
    return None


def _url_matches(text: str) -> Iterator[_Match]:
    """What the library's ``extract_url`` expression finds, as ``finditer`` finds it: at each
    start, first after a preceding character, then (at the very start) at ``^``. Only the
    places where a domain label (or a protocol and one) begins can hold a URL, so only the
    starts just before them are tried."""
    begins = {match.start() for match in _URL_BEGIN.finditer(text)}
    starts = sorted({b - 1 for b in begins if b} | ({0} if 0 in begins else set()))
    position = 0
    for start in starts:
        if start < position:
            continue
        found = None
        if start + 1 in begins and _PRECEDING.match(text, start):
            found = _url_at(text, start + 1, text[start])
        if found is None and start == 0 and 0 in begins:
            found = _url_at(text, 0, "")
        if found is not None:
            yield found
            position = found.end


def extract_urls_with_indices(text: str, without_protocol: bool = True) -> list[dict[str, Any]]:
    """twitter-text's ``extractUrlsWithIndices``: each URL with its code-point indices."""
    if not text or ("." not in text if without_protocol else ":" not in text):
        return []
    urls: list[dict[str, Any]] = []
    for match in _url_matches(text):
        url = text[match.start : match.end]
        try:
            puny = match.domain.encode("idna").decode("ascii")
        except (UnicodeError, ValueError):
            continue
        if (
            not puny
            or len(match.protocol or "https://") + len(url) + len(puny) - len(match.domain)
            > MAX_URL_LENGTH
        ):
            continue
        if not match.protocol:
            if not without_protocol or re.match(r"[-_./]$", match.before):
                continue
            domain_start = match.start
            last: dict[str, Any] | None = None
            for begin, end in _ascii_domains(match.domain):
                last = {
                    "url": match.domain[begin:end],
                    "indices": [domain_start + begin, domain_start + end],
                }
                urls.append(last)
            if last is not None and match.path:
                last["url"] = url.replace(match.domain, last["url"])
                last["indices"][1] = match.end
            continue
        tco = _TCO.search(url)
        end = match.end
        if tco:
            if tco.group(1) and len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                continue
            url = tco.group(0)
            end = match.start + len(url)
        urls.append({"url": url, "indices": [match.start, end]})
    return urls


# --- X ------------------------------------------------------------------------------------

X_LIMIT = 280
_SCALE, _DEFAULT_WEIGHT, _URL_WEIGHT = 100, 200, 23
# twitter-text v3: these code points weigh 1, every other 2 (an emoji or a URL counts whole).
_LIGHT = re.compile("[\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
# Digits, # and * have the Emoji property, but only make one with U+FE0F or U+20E3 after them.
_ASCII_EMOJI = re.compile(r"[0-9#*](?![\ufe0f\u20e3])")


@dataclass(frozen=True)
class XCount:
    """twitter-text's ``parseTweet``: the weighted length and whether X accepts the post."""

    weighted_length: int
    valid: bool


@functools.lru_cache(maxsize=512)  # a post is measured, then checked, then written
def x_parse(text: str) -> XCount:
    """X's twitter-text v3 count: URLs 23, emoji 2, most of Latin 1, the rest 2; and its
    verdict: not empty, within 280, no forbidden character (U+FFFE, U+FEFF, U+FFFF)."""
    normalized = re.sub(r"\r\n|\r|\n", "\n", unicodedata.normalize("NFC", text))
    # An entity is skipped by the length of its text, as the library does.
    entities = {
        u["indices"][0]: (u["indices"][0] + len(u["url"]), _URL_WEIGHT * _SCALE)
        for u in extract_urls_with_indices(normalized)
    }
    if _may_hold_emoji(normalized):
        for match in _emoji().finditer(normalized):
            entities.setdefault(match.start(), (match.end(), _DEFAULT_WEIGHT))
    weight, index, valid = 0, 0, True
    for start in sorted(entities):
        if start < index:
            continue  # inside the URL or emoji before it, as the library skips it
        end, entity_weight = entities[start]
        weight += _plain_weight(normalized[index:start]) + entity_weight
        # The library checks the last character of each step (a URL, an emoji or a character).
        valid = valid and not _FORBIDDEN.search(normalized, index, start)
        valid = valid and normalized[end - 1] not in _INVALID
        index = end
    weight += _plain_weight(normalized[index:])
    valid = valid and not _FORBIDDEN.search(normalized, index)
    length = weight // _SCALE
    return XCount(length, valid and 0 < length <= X_LIMIT)


_FORBIDDEN = re.compile(f"[{_INVALID}]")


def _plain_weight(text: str) -> int:
    """The weight of text with no URL or emoji in it, character by character."""
    light = len(_LIGHT.findall(text))
    return light * _SCALE + (len(text) - light) * _DEFAULT_WEIGHT


def _may_hold_emoji(text: str) -> bool:
    """Whether any character could begin an emoji (most posts have none: no search then)."""
    import regex

    return bool(regex.search(r"[\p{Emoji}\uFE0F\u20E3]", _ASCII_EMOJI.sub("", text)))


def x_weighted_length(text: str) -> int:
    """X's twitter-text v3 weighted length (see :func:`x_parse`)."""
    return x_parse(text).weighted_length
