"""The article's own follow-ups: every "À lire aussi", "Lire aussi", "Related coverage" or
"[Related: …]" block of its body, however many and wherever they stand (inline in a paragraph,
between paragraphs, after the text, in its footer), each taken out of the page before its text
is read so that an inline one never splits a paragraph; a side column's "Related" list only when
the article has none of its own; never menus, tag lists, "most read" lists, the site's header
and footer, or a link to a listing (a tag, a topic, an author, a section)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

from digestgen.draft.markup import clean, marks, text_holders, text_of

# Containers of lists that are never an article's follow-ups: tags, "most read", menus …
NEVER_RELATED = re.compile(
    r"most-?read|popular|plus-lus|trending|\btopics?\b|article-topics|\btags?\b|keywords?|"
    r"breadcrumb|\bmenu\b|\bnav",
    re.I,
)


# … and the page's side columns, whose "Related" list is read only when the article has none.
SIDE = re.compile(r"sidebar|right-?col|left-?col|side-?col|\brail\b|aside|widget", re.I)


_RELATED_WORDS = (
    r"(?:[àa] lire (?:aussi|[ée]galement)|lire aussi|voir aussi|pour aller plus loin|"
    r"sur le m[êe]me (?:sujet|th[èe]me)|sur le sujet|dans le m[êe]me dossier|"
    r"read next|read more|related(?: coverage| articles?| stories| reading| content| links?)?|"
    r"further reading|see also|more on this(?: story)?|you may also like|"
    r"la rédaction vous conseille|vous aimerez aussi|[àa] voir aussi|lire|read also|also read|"
    r"more on [\w.-]+|recommended(?: reading| stories| for you)?)"
)


# A follow-up block's label, alone ("À lire aussi", "Related coverage:") …
RELATED = re.compile(rf"^\s*[\[(+]?\s*{_RELATED_WORDS}\s*[:|]?\s*[\])]?\s*$", re.I)


# … or opening the block that holds its links ("[Related: Title]", "A lire aussi : Title").
RELATED_LEAD = re.compile(rf"^\s*[\[(+]?\s*{_RELATED_WORDS}\s*[:|]?\s*", re.I)


SHARE_HOSTS = ("twitter.com", "x.com", "facebook.com", "linkedin.com", "bsky.app", "whatsapp")


# Path segments of pages that list stories (a tag, a topic, an author), not of a story.
_LISTINGS = (
    "tag tags topic topics category categories categorie rubrique rubriques theme themes author "
    "authors auteur auteurs sujet sujets keyword keywords mot-cle mots-cles search recherche page"
)


LISTING_SEGMENTS = frozenset(_LISTINGS.split())


@dataclass(frozen=True)
class Link:
    """A link of the article's own "À lire aussi" / "Related" blocks."""

    title: str
    url: str


_LABEL_TAGS = ("h2", "h3", "h4", "h5", "h6", "p", "strong", "span", "div", "b", "em", "section")


def take_related(root: lxml.html.HtmlElement, base: str, canonical: str | None) -> list[Link]:
    """The links of every follow-up block of the article, in order, each block taken out of
    the page; never menus, tag lists or the site's sidebars."""
    found: dict[str, Link] = {}
    beside: dict[str, Link] = {}
    taken: list[lxml.html.HtmlElement] = []
    holders = text_holders(root)
    for label in list(root.iter(*_LABEL_TAGS)):
        if any(label is t or t in label.iterancestors() for t in taken):
            continue
        own = text_of(label)
        alone = RELATED.match(own) is not None
        lead = RELATED_LEAD.match(own)
        if not (alone and len(own) <= 40) and not (lead and _leads_its_links(label, lead.end())):
            continue
        where = _where(label, holders)
        if where == "never":
            continue
        block, links = _block_links(label, base, canonical, alone)
        if not links:
            continue
        for link in links:
            (beside if where == "side" else found).setdefault(link.url, link)
        taken.extend(block)
    for element in taken:
        if element.getparent() is not None:
            element.drop_tree()  # its tail, the paragraph's next words, stays
    return list((found or beside).values())


def _leads_its_links(label: lxml.html.HtmlElement, after: int) -> bool:
    """``[Related: <a>Title</a>]``: what follows the label's words is its links' titles."""
    rest = re.sub(r"[\W_]+", "", text_of(label)[after:])
    titles = re.sub(r"[\W_]+", "", "".join(text_of(a) for a in label.iter("a")))
    return bool(rest) and rest == titles


def _where(label: lxml.html.HtmlElement, holders: set[lxml.html.HtmlElement]) -> str:
    """``"text"`` for a block of the article, ``"side"`` in a side column, ``"never"`` in a
    menu, a tag list, a "most read" list or the site's header and footer."""
    where = "text"
    for node in [label, *label.iterancestors()]:
        if node.tag == "body" or node in holders:
            break
        if node.tag == "nav" or NEVER_RELATED.search(marks(node)):
            return "never"
        if node.tag in ("header", "footer") and not any(
            a.tag == "article" for a in node.iterancestors()
        ):
            return "never"
        if node.tag == "aside" or SIDE.search(marks(node)):
            where = "side"
    return where


def _block_links(
    label: lxml.html.HtmlElement, base: str, canonical: str | None, alone: bool
) -> tuple[list[lxml.html.HtmlElement], list[Link]]:
    """The elements of the block a label heads, and its links."""
    # The smallest element around the label that holds links: a capsule inside a paragraph,
    # a "Lire aussi" box, a "Related coverage" list with its heading.
    node = label
    for _ in range(4):
        if node.xpath(".//a[@href]"):
            break
        parent = node.getparent()
        if (
            parent is None
            or parent.tag in ("article", "main", "body")
            or len(text_of(parent)) > 1500
        ):
            break
        node = parent
    if node.xpath(".//a[@href]"):
        return [node], _links(node.xpath(".//a[@href]"), base, canonical)
    if not alone:
        return [], []
    # A label on its own line, and its list after it.
    block = [node]
    after = node.getnext()
    anchors: list[lxml.html.HtmlElement] = []
    while after is not None and not anchors:
        if after.tag in ("h2", "h3", "h4") and RELATED.match(text_of(after)) is None:
            break
        anchors = after.xpath(".//a[@href] | self::a[@href]")
        block.append(after)
        after = after.getnext()
    return (block, _links(anchors, base, canonical)) if anchors else ([], [])


def _links(anchors: list[lxml.html.HtmlElement], base: str, canonical: str | None) -> list[Link]:
    titles: dict[str, str] = {}
    for a in anchors:
        url = urljoin(base, clean(a.get("href")))
        title = text_of(a)
        host = urlsplit(url).hostname or ""
        if (
            urlsplit(url).scheme not in ("http", "https")
            or not title
            or url.split("#")[0] == (canonical or "")
            or any(host == s or host.endswith("." + s) for s in SHARE_HOSTS)
            or not is_story_url(url)
        ):
            continue
        if len(titles.get(url, "").split()) < 4 and len(title) > len(titles.get(url, "")):
            titles[url] = title  # a card's category label ("News Cloud"), then its title
    return [Link(title, url) for url, title in titles.items()]


def is_story_url(url: str) -> bool:
    """A story's address, not a section's, a tag's or an author's list."""
    segments = [s for s in urlsplit(url).path.lower().split("/") if s]
    if not segments or any(s in LISTING_SEGMENTS for s in segments):
        return False
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1])
    words = [w for w in re.split(r"[-_]+", last) if w]
    return len(segments) >= 3 or len(words) >= 3 or any(c.isdigit() for c in last)
