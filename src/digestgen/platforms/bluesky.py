"""Bluesky: a thread counted in graphemes after the app has shortened its links, and its
record's cap of 3,000 UTF-8 bytes.

The Bluesky app rewrites a link before it counts or posts a text, so its count is taken on
:func:`bluesky_shortened`.
"""

from __future__ import annotations

import re
import unicodedata

from digestgen.content.fields import Handle
from digestgen.platforms.base import LinkCardRules, Platform, graphemes

MAX_BYTES = 3000

# The Bluesky app finds links as @atproto/api's RichText.detectFacets does (its regex, then one
# trailing .,;!? and an unmatched ")" left out), and before it counts or posts a text it writes
# each link as toShortUrl() gives it (social-app, src/lib/strings/url-helpers.ts): the host and
# at most 15 characters of path, query and fragment, else their first 13 and "...". The post
# keeps the whole URL behind that text, so the draft holds it whole, for the app to shorten.
_BLUESKY_LINK = re.compile(
    r"(^|\s|\()((https?://\S+)|((?P<domain>[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+)\S*))",
    re.MULTILINE,
)


def bluesky_links(text: str) -> list[tuple[int, int]]:
    """Where the Bluesky app sees a link written out with its scheme: (start, end) spans.

    Links written without a scheme (``alliancy.fr/…``) are links there too, but the app
    leaves their text as it is, so they are not listed.
    """
    spans = []
    for match in _BLUESKY_LINK.finditer(text):
        if not match.group(3):
            continue
        start, uri = match.start(2), match.group(2)
        if uri[-1] in ".,;!?":
            uri = uri[:-1]
        if uri.endswith(")") and "(" not in uri:
            uri = uri[:-1]
        spans.append((start, start + len(uri)))
    return spans


def bluesky_short_url(url: str) -> str:
    """The text the Bluesky app writes for a link: ``host`` + path, query and fragment, with
    those cut to their first 13 characters and ``...`` when they are longer than 15."""
    parts = _web_url(url)
    if parts is None:
        return url
    host, path = parts
    if len(path) > 15:
        return host + path[:13] + "..."
    return host + path


def _web_url(url: str) -> tuple[str, str] | None:
    """``url``'s host (port included) and the rest, as a browser's URL parser writes them:
    host lower-cased and in IDNA, non-ASCII percent-encoded, a bare "/" path and empty "?"
    or "#" dropped. None when it is not an http(s) URL."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    default = {"http": 80, "https": 443}[parts.scheme.lower()]
    if port is not None and port != default:
        host = f"{host}:{port}"
    path = _percent(parts.path.replace("\\", "/"), ' "#<>?`{}')
    path = "" if path in ("", "/") else path
    query = "?" + _percent(parts.query, " \"#<>'") if parts.query else ""
    fragment = "#" + _percent(parts.fragment, ' "<>`') if parts.fragment else ""
    return host, path + query + fragment


def _percent(text: str, encoded: str) -> str:
    # What the URL standard's percent-encode sets escape: controls, non-ASCII and ``encoded``.
    return "".join(
        c if " " < c < "\x7f" and c not in encoded else "".join(f"%{b:02X}" for b in c.encode())
        for c in text
    )


def bluesky_shortened(text: str) -> str:
    """``text`` as the Bluesky app counts and posts it: each link written as its short form."""
    pieces, last = [], 0
    for start, end in bluesky_links(text):
        pieces += [text[last:start], bluesky_short_url(text[start:end])]
        last = end
    return "".join(pieces) + text[last:]


def bluesky_length(text: str) -> int:
    """Bluesky's count: grapheme clusters of the post text, links written out in full."""
    return graphemes(unicodedata.normalize("NFC", text))


def bluesky_bytes(text: str) -> int:
    """The UTF-8 size of a Bluesky post's text, which its record also caps (3,000 bytes)."""
    return len(unicodedata.normalize("NFC", text).encode("utf-8"))


def bluesky_app_length(text: str) -> int:
    """Bluesky's count of a draft as its app counts it: after it shortens the links."""
    return bluesky_length(bluesky_shortened(text))


def bluesky_accepts(text: str) -> bool:
    """Bluesky's record also caps its text (links shortened by the app) at 3,000 UTF-8 bytes."""
    return bluesky_bytes(bluesky_shortened(text)) <= MAX_BYTES


# Bluesky documents no size: its app (social-app, ExternalLinkEmbed) shows the thumb at 1.91:1,
# the title on three lines and the description on two, the domain under them; the minimum is
# the common 600 × 315 (Facebook's, the one most sites meet).
LINK_CARD = LinkCardRules(1.91, (600, 315), 120, 3, 160, 2, domain="below")

PLATFORM = Platform(
    "bluesky",
    "Bluesky",
    300,
    bluesky_app_length,
    bluesky_accepts,
    handle=Handle,
    signs=True,
    find_links=bluesky_links,
    shown_url=bluesky_short_url,
    link_card=LINK_CARD,
)
