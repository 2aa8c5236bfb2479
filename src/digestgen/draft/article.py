"""A published article page → its parts: metadata, the main text as blocks, the related links.

trafilatura tells the article's own text from the page around it (menus, sidebars, "most read",
comments, cookie banners, share bars); htmldate finds the publication date; the page is then
walked in document order with lxml so that headings, paragraphs and blockquotes (with their
``<cite>`` or ``<figcaption>``, which trafilatura drops) keep their order and their kind.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from digestgen.enrich import parse_metadata

# Containers that are never the article's own text, by id or class.
OUTSIDE = re.compile(
    r"comment|sidebar|widget|most|popular|plus-lus|share|social|newsletter|cookie|consent|"
    r"banner|menu|breadcrumb|footer|header|nav|related|lire-aussi|read-next|tags",
    re.I,
)
RELATED = re.compile(
    r"^\s*(?:[àa] lire aussi|lire aussi|[àa] lire [ée]galement|pour aller plus loin|"
    r"sur le m[êe]me (?:sujet|th[èe]me)|read next|related(?: articles| stories| reading)?|"
    r"further reading|see also|read more|you may also like)\s*:?\s*$",
    re.I,
)
STANDFIRST = re.compile(r"chapo|chapeau|standfirst|lede|lead|intro|excerpt|deck|summary", re.I)
SHARE_HOSTS = ("twitter.com", "x.com", "facebook.com", "linkedin.com", "bsky.app", "whatsapp")
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
    cite: str | None = None  # a blockquote's <cite> / <figcaption>


@dataclass(frozen=True)
class Link:
    """A link of the article's own "À lire aussi" block."""

    title: str
    url: str


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

    @property
    def text(self) -> str:
        """The main text, one block a line."""
        return "\n".join(b.text for b in self.blocks)


def clean(text: str | None) -> str:
    """One line of NFC plain text."""
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def _text(element: lxml.html.HtmlElement) -> str:
    return clean(element.text_content())


def _outside(element: lxml.html.HtmlElement, within: lxml.html.HtmlElement | None = None) -> bool:
    """Inside a part of the page that is not the article's own text (looking no higher than
    ``within``: a page's body classes such as ``has-sidebar`` say nothing of its text)."""
    for node in element.iterancestors():
        if node is within:
            return False
        if node.tag in ("nav", "aside", "footer", "header", "form"):
            # An <article>'s own header holds the title and standfirst.
            own = node.tag in ("footer", "header") and any(
                a.tag == "article" for a in node.iterancestors()
            )
            if not own:
                return True
        marks = f"{node.get('id', '')} {node.get('class', '')}"
        if OUTSIDE.search(marks) and node.tag not in ("article", "main", "body"):
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
    main = _main_texts(html, base)
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
        related=list(_related(root, base, canonical)),
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
    return _text(heads[0]) or None if heads else None


def _published(html: str) -> dt.date | None:
    # original_date: the day it was first published, not last updated.
    found = htmldate.find_date(html, original_date=True, extensive_search=False)
    try:
        return dt.date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _main_texts(html: str, base: str) -> set[str]:
    """The article's own text as trafilatura sees it, one normalised string per element."""
    xml = trafilatura.extract(
        html, url=base or None, output_format="xml", include_comments=False, include_tables=False
    )
    if not xml:
        return set()
    tree = lxml.etree.fromstring(xml.encode("utf-8"))
    return {clean("".join(e.itertext())) for e in tree.iter("p", "head", "item", "quote")}


def _blocks(root: lxml.html.HtmlElement, main: set[str]) -> Iterator[Block]:
    kept = [
        e
        for e in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li")
        if _text(e) in main
        and not any(a.tag in ("blockquote", "figure") for a in e.iterancestors())
    ]
    if not kept:
        return
    container = _common_ancestor(kept)
    for element in container.iter("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"):
        if any(a.tag == "blockquote" for a in element.iterancestors()):
            continue
        if element.tag == "p" and RELATED.match(_text(element)):
            return  # the "À lire aussi" list closes the article's text
        if element.tag == "blockquote":
            if not _outside(element, container):
                yield _blockquote(element)
            continue
        if element in kept or (
            element.tag in ("h2", "h3", "h4") and not _outside(element, container)
        ):
            text = _text(element)
            if text and not (
                element.tag == "p" and any(a.tag == "figure" for a in element.iterancestors())
            ):
                kind = "p" if element.tag == "p" else "item" if element.tag == "li" else "head"
                yield Block(kind, text)


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
    cites = element.xpath(".//cite | .//footer")
    figure = next((a for a in element.iterancestors() if a.tag == "figure"), None)
    if not cites and figure is not None:
        cites = figure.xpath(".//figcaption")
    cite = " ".join(_text(c) for c in cites) or None
    for c in element.xpath(".//cite | .//footer"):
        c.drop_tree()
    return Block("quote", _text(element), cite.lstrip("—–- ") if cite else None)


def _standfirst(root: lxml.html.HtmlElement, blocks: list[Block]) -> str | None:
    for element in root.iter("p", "div"):
        if STANDFIRST.search(element.get("class", "")) and not _outside(element):
            text = _text(element)
            if len(text.split()) >= 8:
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


def _related(root: lxml.html.HtmlElement, base: str, canonical: str | None) -> Iterator[Link]:
    """The links of the first "À lire aussi" / "Related" block, in order; never menus."""
    for label in root.iter("h2", "h3", "h4", "h5", "h6", "p", "strong", "span", "div", "b"):
        own = clean(label.text_content())
        if not RELATED.match(own) or len(own) > 40:
            continue
        if any(a.tag in ("nav", "footer", "header") for a in label.iterancestors()):
            continue
        links = list(_links_after(label, base, canonical))
        if links:
            yield from links
            return


def _links_after(label: lxml.html.HtmlElement, base: str, canonical: str | None) -> Iterator[Link]:
    # The label is the heading of a list that follows it, or sits inside a paragraph before one.
    node = label
    while node.getnext() is None and node.getparent() is not None and node.tag != "body":
        node = node.getparent()
    after = node.getnext()
    seen: set[str] = set()
    while after is not None:
        anchors = after.xpath(".//a[@href] | self::a[@href]")
        for a in anchors:
            url = urljoin(base, clean(a.get("href")))
            title = clean(a.text_content())
            host = urlsplit(url).hostname or ""
            if (
                urlsplit(url).scheme not in ("http", "https")
                or not title
                or url.split("#")[0] == (canonical or "")
                or any(host.endswith(s) for s in SHARE_HOSTS)
                or url in seen
            ):
                continue
            seen.add(url)
            yield Link(title, url)
        if seen or (after.tag in ("h2", "h3", "h4") and RELATED.match(_text(after)) is None):
            return
        after = after.getnext()


def detect_language(text: str) -> str | None:
    """The language whose common words are the most frequent in ``text``, if any stands out."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 20:
        return None
    counts = {lang: sum(w in common for w in words) for lang, common in STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= 0.08 * len(words) else None
