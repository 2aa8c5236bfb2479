"""A web page as digestgen reads it: fetched through the guarded fetcher, decoded by its
declared charset, and what its head says of it (Open Graph, Twitter card, title). Used by
``enrich`` (the follow-ups' pages) and ``draft`` (the recap article)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from digestgen.net.fetch import HTML_PAGE, MAX_BYTES, fetch

SEPARATORS = (" - ", " | ", " — ", " – ", " · ")


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about itself; ``title`` has its site-name suffix stripped."""

    title: str | None = None
    description: str | None = None
    image: str | None = None
    image_alt: str | None = None
    image_tag: str | None = None
    site_name: str | None = None
    card: dict[str, Any] | None = None
    """The page's link card as its tags say it (``event.link_card``'s fields), or None when
    it has no Open Graph nor Twitter Card tag."""


def _clean(text: str | None) -> str | None:
    # Metadata is often multi-line with tabs; YAML wants one tidy line of plain text.
    if not text:
        return None
    text = "".join(c for c in " ".join(text.split()) if unicodedata.category(c) != "Cc")
    return unicodedata.normalize("NFC", text) or None


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self._in_title = self._seen_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): v or "" for k, v in attrs}
        key = (found.get("property") or found.get("name") or "").strip().lower()
        if tag == "meta" and key and "content" in found:
            self.meta.setdefault(key, found["content"])  # the first og:image is the main one
        elif tag == "title" and not self._seen_title:
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title, self._seen_title = False, True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)


def parse_metadata(html: str, base_url: str) -> PageMetadata:
    """Open Graph, then Twitter card, then ``<title>`` / meta description; image made absolute."""
    parser = _HeadParser()
    parser.feed(html)
    parser.close()

    def first(*keys: str) -> tuple[str | None, str | None]:
        for key in keys:
            value = _clean(parser.meta.get(key))
            if value:
                return value, key
        return None, None

    site_name = first("og:site_name")[0]
    title = first("og:title", "twitter:title")[0] or _clean("".join(parser.title))
    image, tag = first("og:image:secure_url", "og:image", "og:image:url")
    image, tag = (image, tag) if image else first("twitter:image", "twitter:image:src")
    return PageMetadata(
        title=strip_site_name(title, site_name) if title else None,
        description=first("og:description", "twitter:description", "description")[0],
        image=urljoin(base_url, image) if image else None,
        image_alt=first("og:image:alt", "twitter:image:alt")[0],
        image_tag=tag,
        site_name=site_name,
        card=link_card(parser.meta, base_url),
    )


def _size(text: str | None) -> int | None:
    # og:image:width="1200" (some pages write "1200px"); anything else is not a size.
    match = re.fullmatch(r"\s*(\d{1,6})\s*(px)?\s*", text or "")
    return int(match.group(1)) or None if match else None


def link_card(meta: dict[str, str], base_url: str) -> dict[str, Any] | None:
    """What a page's Open Graph and Twitter Card tags give a link card, as
    ``event.link_card`` keeps it: the tags' own words (no site name stripped), images made
    absolute, sizes as numbers; None when the page has none of those tags."""
    if not any(key.startswith(("og:", "twitter:")) for key in meta):
        return None

    def tag(*keys: str) -> str | None:
        return next((v for v in (_clean(meta.get(k)) for k in keys) if v), None)

    src = tag("og:image:secure_url", "og:image", "og:image:url")
    fields: dict[str, Any] = {
        "title": tag("og:title"),
        "description": tag("og:description"),
        "image": None,
        "url": tag("og:url"),
        "site_name": tag("og:site_name"),
        "twitter_card": tag("twitter:card"),
        "twitter_title": tag("twitter:title"),
        "twitter_image": tag("twitter:image", "twitter:image:src"),
    }
    if src:
        image: dict[str, Any] = {"src": urljoin(base_url, src)}
        for side in ("width", "height"):
            if _size(meta.get(f"og:image:{side}")):
                image[side] = _size(meta.get(f"og:image:{side}"))
        fields["image"] = image
    for key in ("url", "twitter_image"):
        if fields[key]:
            fields[key] = urljoin(base_url, fields[key])
    card = {k: v for k, v in fields.items() if v}
    return card or None


def strip_site_name(title: str, site_name: str | None) -> str:
    """Drop a trailing " - Site" (also ``|``, ``—``, ``–``, ``·``): the site's name, or short."""
    at, sep = max((title.rfind(sep), sep) for sep in SEPARATORS)
    if at <= 0:
        return title
    head, suffix = title[:at].strip(), title[at + len(sep) :].strip()
    if not head or not suffix:
        return title
    named = site_name is not None and suffix.casefold() == site_name.strip().casefold()
    short = len(suffix) <= 30 and len(suffix.split()) <= 4
    return head if named or short else title


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode_page(body: bytes, declared: str | None) -> str:
    """The page's text: BOM, HTTP charset, ``<meta>`` charset, else UTF-8 with replacement."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace")
    sniffed = _META_CHARSET.search(body[:8192])
    for name in (declared, sniffed.group(1).decode("ascii") if sniffed else None):
        try:
            codec = codecs.lookup(name or "").name
        except LookupError:
            continue
        # Browsers read "ISO-8859-1" as windows-1252, and so do pages that declare it.
        return body.decode("cp1252" if codec in ("iso8859-1", "ascii") else codec, "replace")
    return body.decode("utf-8", "replace")


@dataclass(frozen=True)
class Fetched:
    """A page as read: the URL it ended at, its text, and whether it was cut at ``max_bytes``."""

    url: str
    html: str
    truncated: bool


def fetch_page(
    url: str, *, timeout: float, stop_at: float, allow_private: bool, max_bytes: int = MAX_BYTES
) -> Fetched:
    """GET an HTML page through digestgen's guarded fetcher (:mod:`digestgen.net.fetch`) and
    decode it; raise :class:`FetchError` with a one-line reason when it cannot be read.

    A page trickling in past the timeout is read as far as it came: the metadata is in the
    ``<head>``, at the start.
    """
    response = fetch(
        url,
        kind=HTML_PAGE,
        timeout=timeout,
        stop_at=stop_at,
        allow_private=allow_private,
        max_bytes=max_bytes,
    )
    html = decode_page(response.body, response.charset)
    return Fetched(response.url, html, response.truncated)
