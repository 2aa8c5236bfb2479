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

from digestgen.text.messages import FALLBACKS, Language

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
        fallback = FALLBACKS[language].get(slug, "")
        gaps.append(Support(slug, feature["title"], feature["url"], families, notes, fallback))
    return ClientReport(tuple(used), tuple(gaps), data["last_update_date"][:10])
