"""Shortening as an editor shortens: to fewer whole words with an ellipsis, never inside a
word, a URL or a hashtag (a no-break space binds ``mot :`` into one word). The social posts
give way field by field with :func:`fit`; the quote cards cut a quote with :func:`cut`."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

_BREAK = re.compile(r"[ \t\n]+")  # no-break spaces are not places to cut
# What a cut must not end on: an opening quote, a comma, a dash, an elision already there.
_TRAILING = re.compile(r"(?:[\s,;:.!?–—\-«»“”‘’'\"(\[…]|\[…\])+$")


def cut(text: str, words: int, *, ellipsis: bool = True) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when some were left out."""
    parts = [p for p in _BREAK.split(text.strip()) if p]
    if words >= len(parts):
        return text
    if words <= 0:
        return ""
    if not ellipsis:
        return " ".join(parts[:words])
    kept = _TRAILING.sub("", " ".join(parts[:words]))
    return kept + "…" if kept else ""


WORDS, TAGS, WHOLE = "words", "tags", "whole"
"""How a field gives way: cut to fewer words with an ellipsis, fewer hashtags, or all at once."""


def fit(
    render: Callable[[dict[str, Any]], str],
    fields: dict[str, Any],
    order: Sequence[tuple[str, str]],
    limit: int,
    count: Callable[[str], int],
) -> str:
    """``render(fields)``, its fields of ``order`` given up one after the other until it fits.

    Each ``(name, how)`` field is cut to the most words that fit (a binary search), down to
    nothing, before the next one is touched. What cannot be made to fit comes back over the
    limit, for the caller to report.
    """
    fields = dict(fields)
    text = render(fields)
    for name, how in order:
        if count(text) <= limit:
            break
        original = str(fields[name])
        if how == WHOLE:
            fields[name] = ""
            text = render(fields)
            continue
        low, high = 0, len(_BREAK.split(original.strip()))
        while low < high:  # the largest word count that fits
            middle = (low + high + 1) // 2
            trial = cut(original, middle, ellipsis=how == WORDS)
            if count(render({**fields, name: trial})) <= limit:
                low = middle
            else:
                high = middle - 1
        fields[name] = cut(original, low, ellipsis=how == WORDS)
        text = render(fields)
    return text
