"""The page as lxml reads it: an element's text as one clean line, its id and classes, and the
elements that hold the running text (whatever their classes say)."""

from __future__ import annotations

import unicodedata

import lxml.html


def clean(text: str | None) -> str:
    """One line of NFC plain text, without control characters (a page is the publisher's)."""
    text = "".join(c for c in text or "" if unicodedata.category(c) != "Cc" or c.isspace())
    return unicodedata.normalize("NFC", " ".join(text.split()))


def text_of(element: lxml.html.HtmlElement) -> str:
    return clean(element.text_content())


def marks(node: lxml.html.HtmlElement) -> str:
    return f"{node.get('id', '')} {node.get('class', '')}"


def text_holders(root: lxml.html.HtmlElement) -> set[lxml.html.HtmlElement]:
    """The elements that hold the running text (three long paragraphs or more): whatever
    their classes say (``sticky-sidebar-parent``), they are not a sidebar."""
    counts: dict[lxml.html.HtmlElement, int] = {}
    for p in root.iter("p"):
        if len(p.text_content().split()) >= 25:
            for node in p.iterancestors():
                counts[node] = counts.get(node, 0) + 1
    return {node for node, count in counts.items() if count >= 3}
