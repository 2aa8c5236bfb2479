"""A published article page → its parts: metadata, the main text as blocks, the related links.

trafilatura tells the article's own text from the page around it (menus, sidebars, "most read",
comments, cookie banners, share bars); htmldate finds the publication date; the page is then
walked in document order with lxml so that headings, paragraphs and blockquotes (with their
``<cite>``, ``<figcaption>`` or an embedded post's "— Name (@handle)" line, which trafilatura
drops) keep their order and their kind. The article's own follow-up blocks ("À lire aussi",
"Related coverage", "[Related: …]"), wherever and however often the page puts them, are read
as links and taken out of the text first, so that an inline one never splits a paragraph.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from digestgen.draft.markup import clean, marks, text_holders, text_of
from digestgen.draft.related import RELATED_LEAD, Link, take_related
from digestgen.net.pages import parse_metadata

# Containers that are never the article's own text, by id or class.
OUTSIDE = re.compile(
    r"comment|sidebar|widget|most|popular|plus-lus|share|social|newsletter|cookie|consent|"
    r"banner|menu|breadcrumb|footer|header|nav|related|lire-aussi|read-next|tags",
    re.I,
)
STANDFIRST = re.compile(r"chapo|chapeau|standfirst|lede|lead|intro|excerpt|deck|summary", re.I)
# "— Jane Doe (@jane) 7 January 2020": the author line of an embedded social post.
EMBED_AUTHOR = re.compile(r"^\s*[—–-]\s*(.+?)\s*\(@[\w.]+\)")
# A block that only dates the page: "17:41 JST, October 13, 2024", "Publié le 5 mai 2024".
_DATELINE = re.compile(
    r"^(?:(?:publié|mis à jour|updated|published|posted)\b[^,]{0,12}\s*)?[\d\s:hH.,/-]*"
    r"(?:[A-Z]{2,4}\s*)?[,\s]*(?:\w+\.?\s+)?\d{1,2}(?:er)?[\s,]*\w+\.?[\s,]+\d{4}[\s,]*"
    r"(?:[àa]?\s*\d{1,2}[:h]\d{2}\s*[A-Z]{0,4})?$",
    re.I,
)
_COMMON_WORDS = {
    "fr": "le la les des est une pour dans qui que sur avec du au aux pas ont été sont nous",
    "en": "the and of to is was for with that on are by this have has from were their",
    "de": "der die das und ist nicht mit von den dem sich auch eine für wir auf zu",
    "es": "el los las del que una por con para como más pero sus está son",
    "it": "il gli della che una per con sono nel alla anche più dei delle questo",
    "nl": "de het een van en niet met zijn voor dat ook naar wij bij",
    "pt": "os das uma para com não são pelo mais como mas dos também",
}
STOPWORDS = {language: frozenset(words.split()) for language, words in _COMMON_WORDS.items()}


@dataclass(frozen=True)
class Block:
    """One piece of the main text: a heading, a paragraph, a list item, or a blockquote."""

    kind: str  # "head", "p", "item" or "quote"
    text: str
    cite: str | None = None  # a blockquote's <cite> / <figcaption> / embedded post's author


@dataclass(frozen=True)
class Article:
    """What the page says, before anything is inferred from it."""

    url: str | None
    html_lang: str | None
    title: str | None
    site_name: str | None
    published: dt.date | None
    image: str | None
    image_alt: str | None
    standfirst: str | None
    is_article: bool
    blocks: list[Block] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    link_card: dict[str, Any] | None = None  # what its Open Graph / Twitter Card tags say

    @property
    def text(self) -> str:
        """The main text, one block a line."""
        return "\n".join(b.text for b in self.blocks)


def _outside(
    element: lxml.html.HtmlElement,
    within: lxml.html.HtmlElement | None = None,
    holders: set[lxml.html.HtmlElement] | frozenset[lxml.html.HtmlElement] = frozenset(),
) -> bool:
    """Inside a part of the page that is not the article's own text (looking no higher than
    ``within``, or than an element holding the text: a page's body classes such as
    ``has-sidebar`` say nothing of its text)."""
    for node in element.iterancestors():
        if node is within or node in holders:
            return False
        if node.tag in ("nav", "aside", "footer", "header", "form"):
            # An <article>'s own header holds the title and standfirst.
            own = node.tag in ("footer", "header") and any(
                a.tag == "article" for a in node.iterancestors()
            )
            if not own:
                return True
        if OUTSIDE.search(marks(node)) and node.tag not in ("article", "main", "body"):
            return True
    return False


def read_article(html: str, base_url: str | None = None) -> Article:
    """Split an HTML page into what :func:`digestgen.draft.digest.draft_digest` needs."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return Article(None, None, None, None, None, None, None, None, is_article=False)
    canonical = _canonical(root, base_url)
    base = canonical or base_url or ""
    meta = parse_metadata(html, base)
    related = take_related(root, base, canonical)  # out of the text, before it is read
    main = _main_texts(root, base)
    blocks = list(_blocks(root, main))
    standfirst = _standfirst(root, blocks)
    return Article(
        url=canonical,
        html_lang=(root.get("lang") or "").split("-")[0].lower() or None,
        title=meta.title or _h1(root),
        site_name=meta.site_name,
        published=_published(html),
        image=meta.image,
        image_alt=meta.image_alt,
        standfirst=standfirst,
        is_article=_looks_like_article(root, blocks),
        blocks=blocks,
        related=related,
        link_card=meta.card,
    )


def _canonical(root: lxml.html.HtmlElement, base_url: str | None) -> str | None:
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        for value in root.xpath(xpath):
            url = urljoin(base_url or "", clean(value))
            if urlsplit(url).scheme in ("http", "https"):
                return url
    if base_url and urlsplit(base_url).scheme in ("http", "https"):
        return base_url
    return None


def _h1(root: lxml.html.HtmlElement) -> str | None:
    heads = root.xpath("//h1")
    return text_of(heads[0]) or None if heads else None


def _published(html: str) -> dt.date | None:
    # original_date: the day it was first published, not last updated.
    found = htmldate.find_date(html, original_date=True, extensive_search=False)
    try:
        return dt.date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _main_texts(root: lxml.html.HtmlElement, base: str) -> set[str]:
    """The article's own text as trafilatura sees it, one normalised string per element."""
    # trafilatura prunes the tree it is given: it reads a copy.
    xml = trafilatura.extract(
        copy.deepcopy(root),
        url=base or None,
        output_format="xml",
        include_comments=False,
        include_tables=False,
    )
    if not xml:
        return set()
    tree = lxml.etree.fromstring(xml.encode("utf-8"))
    return {clean("".join(e.itertext())) for e in tree.iter("p", "head", "item", "quote")}


_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")


def _blocks(root: lxml.html.HtmlElement, main: set[str]) -> Iterator[Block]:
    kept = [
        e
        for e in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li")
        if text_of(e) in main
        and not any(a.tag in ("blockquote", "figure") for a in e.iterancestors())
    ]
    if not kept:
        return
    container = _common_ancestor(kept)
    holders = text_holders(container)
    covered = {text_of(e) for e in kept}
    # Text the page left outside any paragraph (a <div> opened inside a <p> closes it), which
    # trafilatura reads as a paragraph of its own.
    loose = sorted((t for t in main - covered if len(t) >= 40), key=len, reverse=True)
    for element in container.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCK_TAGS and not any(
            a.tag == "blockquote" for a in element.iterancestors()
        ):
            block = _block(element, kept, container, holders)
            if block:
                yield block
        tail = clean(element.tail)
        if len(tail) >= 20 and loose and element is not container:
            found = next((t for t in loose if t.startswith(tail)), None)
            if found and not _outside(element, container, holders):
                loose.remove(found)
                yield Block("p", found)


def _block(
    element: lxml.html.HtmlElement,
    kept: list[lxml.html.HtmlElement],
    container: lxml.html.HtmlElement,
    holders: set[lxml.html.HtmlElement],
) -> Block | None:
    if element.tag == "blockquote":
        return None if _outside(element, container, holders) else _blockquote(element)
    heading = element.tag in ("h2", "h3", "h4")
    if element in kept or (heading and not _outside(element, container, holders)):
        text = text_of(element)
        if text and not (
            element.tag == "p" and any(a.tag == "figure" for a in element.iterancestors())
        ):
            if _DATELINE.match(text):
                return None  # the page's own timestamp, not its text
            kind = "p" if element.tag == "p" else "item" if element.tag == "li" else "head"
            return Block(kind, text)
    return None


def _common_ancestor(elements: list[lxml.html.HtmlElement]) -> lxml.html.HtmlElement:
    paths = [[*reversed(list(e.iterancestors()))] for e in elements]
    common = paths[0][0]
    for level in zip(*paths, strict=False):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common


def _blockquote(element: lxml.html.HtmlElement) -> Block:
    figure = next((a for a in element.iterancestors() if a.tag == "figure"), None)
    element = copy.deepcopy(element)  # its cite is taken out of the text read
    cites = element.xpath(".//cite | .//footer")
    if not cites and figure is not None:
        cites = figure.xpath(".//figcaption")
    cite = " ".join(text_of(c) for c in cites) or None
    for c in element.xpath(".//cite | .//footer"):
        c.drop_tree()
    if cite is None:
        # An embedded post (X, Bluesky, Threads) signs its last line "— Name (@handle) date".
        for p in reversed(element.xpath(".//p") or [element]):
            author = EMBED_AUTHOR.match(text_of(p))
            if author:
                cite = author.group(1)
                p.drop_tree()
                break
    text = re.sub(r"\s*(?:https?://|pic\.twitter\.com/)\S+", "", text_of(element))
    return Block("quote", text, cite.lstrip("—–- ") if cite else None)


def _standfirst(root: lxml.html.HtmlElement, blocks: list[Block]) -> str | None:
    for element in root.iter("p", "div"):
        if STANDFIRST.search(element.get("class", "")) and not _outside(element):
            text = text_of(element)
            if len(text.split()) >= 8 and not RELATED_LEAD.match(text):
                return text
    return next((b.text for b in blocks if b.kind == "p" and len(b.text.split()) >= 15), None)


def _looks_like_article(root: lxml.html.HtmlElement, blocks: list[Block]) -> bool:
    """A page of one story: enough running text, and nothing saying it is a home page."""
    words = sum(len(b.text.split()) for b in blocks if b.kind in ("p", "quote"))
    long_paragraphs = sum(1 for b in blocks if b.kind == "p" and len(b.text.split()) >= 25)
    kinds = set(root.xpath("//meta[@property='og:type']/@content"))
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                kinds.add(str(item.get("@type", "")).lower())
    if "website" in kinds and not kinds & {"article", "newsarticle", "blogposting"}:
        return False
    return words >= 120 and long_paragraphs >= 2


def detect_language(text: str) -> str | None:
    """The language whose common words are the most frequent in ``text``, if any stands out."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 20:
        return None
    counts = {lang: sum(w in common for w in words) for lang, common in STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= 0.08 * len(words) else None
