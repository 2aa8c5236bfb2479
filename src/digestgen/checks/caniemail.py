"""What each family of email clients does with the email: caniemail's data, looked up offline.

The HTML elements, attributes, CSS properties, selectors and at-rules the rendered email uses
are found in it, then looked up in a snapshot of caniemail.com's data shipped with digestgen
(``data/caniemail.json``, refreshed by ``make caniemail``; never fetched at run time). Each
feature that a family does not fully support is reported with the fallback in the email that
covers it, if there is one, as react-email's compatibility panel does. Pure functions.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from typing import Any

from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

FAMILIES = ("Gmail", "Outlook Windows", "Outlook.com", "Apple Mail", "Yahoo", "Samsung")


_TAGS = {
    "blockquote": "html-blockquote", "body": "html-body", "div": "html-div",
    "h1": "html-h1-h6", "h2": "html-h1-h6", "h3": "html-h1-h6", "p": "html-p",
    "span": "html-span", "strong": "html-strong", "small": "html-small", "table": "html-table",
    "img": "html-img", "ul": "html-lists", "ol": "html-lists", "style": "html-style",
    "svg": "html-svg", "picture": "html-picture", "video": "html-video", "form": "html-form",
    "hr": "html-hr", "pre": "html-pre", "code": "html-code", "abbr": "html-abbr",
    "address": "html-address", "del": "html-del", "wbr": "html-wbr", "link": "html-link",
    "base": "html-base", "audio": "html-audio", "object": "html-object",
}  # fmt: skip
_ATTRIBUTES = {
    "role": "html-role", "lang": "html-lang", "dir": "html-dir", "align": "html-align",
    "valign": "html-valign", "width": "html-width", "height": "html-height",
    "cellpadding": "html-cellpadding", "cellspacing": "html-cellspacing",
    "loading": "html-loading-attribute", "srcset": "html-srcset", "target": "html-target",
    "background": "html-background", "hidden": "html-hidden", "aria-label": "html-aria-label",
    "aria-hidden": "html-aria-hidden", "aria-labelledby": "html-aria-labelledby",
    "aria-describedby": "html-aria-describedby", "aria-live": "html-aria-live",
}  # fmt: skip


@dataclass(frozen=True)
class Support:
    """One feature the email uses that some family does not fully support."""

    slug: str
    title: str
    url: str
    # family → "supported", "partial", "unsupported" or "unknown"
    families: dict[str, str]
    notes: dict[str, list[str]] = field(default_factory=dict)  # family → caniemail's notes
    fallback: str = ""

    @property
    def uncovered(self) -> list[str]:
        """Families that do not support it at all, where nothing in the email covers it."""
        if self.fallback:
            return []
        return [name for name, status in self.families.items() if status == "unsupported"]


@dataclass(frozen=True)
class ClientReport:
    """Every feature the email uses, and those some client family lacks."""

    used: tuple[str, ...]
    gaps: tuple[Support, ...]
    data_date: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "data": f"caniemail.com, {self.data_date}",
            "features_used": len(self.used),
            "gaps": [
                {
                    "feature": g.slug,
                    "title": g.title,
                    "url": g.url,
                    "families": g.families,
                    "fallback": g.fallback,
                    "notes": g.notes,
                }
                for g in self.gaps
            ],
        }


class _Features(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self.styles: list[str] = []
        self.inline: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _TAGS:
            self.found.add(_TAGS[tag])
        values = dict(attrs)
        for name in values:
            if name in _ATTRIBUTES:
                self.found.add(_ATTRIBUTES[name])
        if tag == "a" and (values.get("href") or "").startswith("mailto:"):
            self.found.add("html-mailto-links")
        if tag == "meta" and values.get("name") == "color-scheme":
            self.found.add("html-meta-color-scheme")
        if tag == "img":
            src = (values.get("src") or "").lower().split("?")[0]
            for ext, slug in ((".png", "image-png"), (".jpg", "image-jpg"), (".jpeg", "image-jpg"),
                              (".gif", "image-gif"), (".webp", "image-webp"),
                              (".svg", "image-svg"), (".avif", "image-avif")):  # fmt: skip
                if src.endswith(ext):
                    self.found.add(slug)
        if values.get("style"):
            self.inline.append(values["style"] or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_comment(self, data: str) -> None:
        self.found.add("html-comments")

    def handle_decl(self, decl: str) -> None:
        self.found.add("html-doctype")


_DECLARATION = re.compile(r"(?<![\w-])([a-z-]+)\s*:\s*([^;{}]+)")


def _css_features(css: str, known: set[str]) -> set[str]:
    found = set()
    for name, value in _DECLARATION.findall(css):
        if name.startswith("-") or name.startswith("mso-"):
            continue  # vendor properties are each aimed at one client
        slug = f"css-{name}"
        if slug in known:
            found.add(slug)
        display = value.strip().split()[0] if name == "display" and value.strip() else ""
        if display in ("none", "flex", "grid"):
            found.add(f"css-display-{display}")
        if "!important" in value:
            found.add("css-important")
        if re.search(r"\d%", value):
            found.add("css-unit-percent")
        if re.search(r"\d(px)\b", value):
            found.add("css-unit-px")
    return found


def _stylesheet_features(css: str) -> set[str]:
    found = set()
    if "@media" in css:
        found.add("css-at-media")
    if "prefers-color-scheme" in css:
        found.add("css-at-media-prefers-color-scheme")
    selectors = re.findall(r"(?:^|[{}])\s*([^{}@]+?)\s*\{", css)
    for selector in selectors:
        if "[" in selector:
            found.add("css-selector-attribute")
        if "," in selector:
            found.add("css-selector-grouping")
        if "." in selector:
            found.add("css-selector-class")
        if re.search(r"[\w\]]\s+[.\w\[]", selector):
            found.add("css-selector-descendant")
        if re.match(r"^[a-z]", selector.strip()):
            found.add("css-selector-type")
    return found


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("digestgen").joinpath("data/caniemail.json").read_text("utf-8")
    return dict(json.loads(text))


def _status(results: dict[str, str]) -> str:
    marks = {value.split()[0] for value in results.values()}
    if marks == {"y"}:
        return "supported"
    if marks == {"n"}:
        return "unsupported"
    if marks <= {"u"}:
        return "unknown"
    return "partial"


def features_used(html: str) -> set[str]:
    """caniemail's slugs of what ``html`` uses."""
    known = set(_data()["features"])
    parser = _Features()
    parser.feed(html)
    found = set(parser.found)
    for css in parser.styles:
        found |= _css_features(css, known) | _stylesheet_features(css)
    for css in parser.inline:
        found |= _css_features(css, known)
    return found & known


@functools.lru_cache(maxsize=4)
def client_support(html: str, language: Language = "en") -> ClientReport:
    """What each client family lacks of what ``html`` uses, with the fallbacks that cover it
    (said in ``language``)."""
    data = _data()
    used = sorted(features_used(html))
    gaps = []
    for slug in used:
        feature = data["features"][slug]
        families: dict[str, str] = {}
        notes: dict[str, list[str]] = {}
        for family in FAMILIES:
            results = feature["stats"].get(family)
            if not results:
                families[family] = "unknown"
                continue
            families[family] = _status(results)
            numbers = sorted({n for v in results.values() for n in re.findall(r"#(\d+)", v)})
            if numbers and families[family] != "supported":
                notes[family] = [feature["notes"].get(n, "") for n in numbers]
        if all(status in ("supported", "unknown") for status in families.values()):
            continue
        fallback = FALLBACKS[slug](language) if slug in FALLBACKS else ""
        gaps.append(Support(slug, feature["title"], feature["url"], families, notes, fallback))
    return ClientReport(tuple(used), tuple(gaps), data["last_update_date"][:10])


FALLBACKS: dict[str, Message] = {
    "css-max-width": T_(
        "fallback:css-max-width", "an Outlook-only table holds the email at 600 px"
    ),
    "css-width": T_(
        "fallback:css-width",
        "the width attributes on tables and images give the same sizes",
    ),
    "css-border-radius": T_(
        "fallback:css-border-radius",
        "Outlook for Windows gets a VML button with round corners",
    ),
    "css-display": T_("fallback:css-display", "Outlook for Windows gets the VML button instead"),
    "css-display-none": T_(
        "fallback:css-display-none",
        "the preheader also carries mso-hide:all and zero sizes",
    ),
    "css-opacity": T_("fallback:css-opacity", "the preheader is hidden by display:none first"),
    "css-max-height": T_(
        "fallback:css-max-height", "the preheader is hidden by display:none first"
    ),
    "css-overflow": T_("fallback:css-overflow", "the preheader is hidden by display:none first"),
    "css-at-media": T_(
        "fallback:css-at-media",
        "the layout is fluid (100% up to 600 px) without its media rules",
    ),
    "css-at-media-prefers-color-scheme": T_(
        "fallback:css-at-media-prefers-color-scheme",
        "the light version shows, with AA contrast",
    ),
    "css-important": T_(
        "fallback:css-important",
        "only the media rules use !important; inlined styles do not",
    ),
    "css-selector-attribute": T_(
        "fallback:css-selector-attribute",
        "only Outlook.com's dark-mode hook ([data-ogsc]) uses it",
    ),
    "css-margin": T_("fallback:css-margin", "the centred table also has align=center on its cell"),
    "css-padding": T_(
        "fallback:css-padding",
        "padding sits on table cells, where every client honours it",
    ),
    "css-line-height": T_(
        "fallback:css-line-height",
        "mso-line-height-rule:exactly pins Outlook's line heights",
    ),
    "css-border": T_(
        "fallback:css-border",
        "borders are decoration: the text reads the same without them",
    ),
    "css-letter-spacing": T_(
        "fallback:css-letter-spacing",
        "letter-spacing is decoration: labels read the same without it",
    ),
    "css-text-transform": T_(
        "fallback:css-text-transform", "the labels read the same in their written case"
    ),
    "css-text-decoration": T_(
        "fallback:css-text-decoration",
        "links keep their colour where underlines are dropped",
    ),
    "css-font-weight": T_("fallback:css-font-weight", "titles also differ by size"),
    "css-height": T_(
        "fallback:css-height",
        "images keep their width; height:auto only keeps their ratio",
    ),
    "css-border-collapse": T_("fallback:css-border-collapse", "cellspacing=0 on every table"),
    "css-unit-percent": T_("fallback:css-unit-percent", "pixel widths in the attributes"),
    "html-style": T_("fallback:html-style", "every style the layout needs is also inlined"),
    "html-role": T_(
        "fallback:html-role",
        "screen readers that ignore it read a simple table of one column",
    ),
    "html-lang": T_(
        "fallback:html-lang",
        "the text is still shown; only its spoken language is lost",
    ),
    "html-dir": T_("fallback:html-dir", "left to right is every client's default"),
    "html-meta-color-scheme": T_(
        "fallback:html-meta-color-scheme", "the light version shows, with AA contrast"
    ),
    "css-outline": T_(
        "fallback:css-outline",
        "outline:none only removes a focus ring that Outlook never draws",
    ),
    "html-doctype": T_(
        "fallback:html-doctype",
        "the layout is made of tables, which read the same without it",
    ),
    "html-comments": T_(
        "fallback:html-comments",
        "only Outlook reads its conditional comments; others skip them",
    ),
    "html-align": T_("fallback:html-align", "margin:0 auto centres the same table"),
    "html-width": T_("fallback:html-width", "widths are also inlined as CSS"),
    "html-height": T_("fallback:html-height", "images keep their ratio from their width"),
    "html-blockquote": T_(
        "fallback:html-blockquote",
        "the quote's cell carries its border, background and padding",
    ),
    "html-div": T_("fallback:html-div", "the one div is the hidden preheader"),
    "html-h1-h6": T_("fallback:html-h1-h6", "headings carry their size and weight inline"),
    "html-lists": T_("fallback:html-lists", "each item is a line of its own"),
    "html-body": T_("fallback:html-body", "the canvas colour is also on the outer table"),
    "image-png": T_("fallback:image-png", "every image has an alt text"),
    "image-jpg": T_("fallback:image-jpg", "every image has an alt text"),
    "css-selector-class": T_(
        "fallback:css-selector-class",
        "class rules are inlined; only media rules need classes",
    ),
    "css-selector-descendant": T_(
        "fallback:css-selector-descendant", "descendant rules are inlined"
    ),
    "css-selector-grouping": T_("fallback:css-selector-grouping", "grouped rules are inlined"),
    "css-selector-type": T_("fallback:css-selector-type", "type rules are inlined"),
    "css-font-size": T_("fallback:css-font-size", "clients that drop it show their default size"),
    "css-font": T_("fallback:css-font", "clients that drop it show their default font"),
}
"""What in the email covers a client feature where a client family lacks it, by caniemail's slug."""
