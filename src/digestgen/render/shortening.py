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


# Words a cut does not end on ("pour l'avenir du…", "the future of…"): articles,
# prepositions, conjunctions and possessives, which announce a word the cut left out. A
# French "a" (has) is a verb, and an English "a" an article: each language has its own list.
SMALL_WORDS = {
    "fr": frozenset(
        " ".join(
            (
                "le la les l un une des du de d à au aux pour par sur sous avec sans dans en",
                "et ou mais que qu qui dont ni notre nos votre vos leur leurs ce cet cette ces",
                "son sa ses mon ma mes ton ta tes chez vers entre afin comme",
            )
        ).split(" ")
    ),
    "en": frozenset(
        " ".join(
            (
                "the a an of to for and or but nor in on at by with from into onto our their",
                "its his her my your this that these those as than",
            )
        ).split(" ")
    ),
}


def cut(text: str, words: int, *, ellipsis: bool = True, language: str | None = None) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when some were left out; with
    ``language``, the cut backs off the small words it would otherwise end on."""
    parts = [p for p in _BREAK.split(text.strip()) if p]
    if words >= len(parts):
        return text
    if words <= 0:
        return ""
    if not ellipsis:
        return " ".join(parts[:words])
    kept_parts = parts[:words]
    small = SMALL_WORDS.get(language or "", frozenset())
    while len(kept_parts) > 1 and _bare(kept_parts[-1]) in small:
        kept_parts.pop()
    kept = _TRAILING.sub("", " ".join(kept_parts))
    return kept + "…" if kept else ""


def _bare(word: str) -> str:
    """A word as the small-word lists hold it: lower case, without punctuation around it
    ("l’" and "d’" as "l" and "d")."""
    return word.strip(",;:.!?–—-«»“”‘’'\"()[]…\u00a0\u202f").lower()


WORDS, TAGS, WHOLE = "words", "tags", "whole"
"""How a field gives way: cut to fewer words with an ellipsis, fewer hashtags, or all at once."""


def fit(
    render: Callable[[dict[str, Any]], str],
    fields: dict[str, Any],
    order: Sequence[tuple[str, str]],
    limit: int,
    count: Callable[[str], int],
    language: str | None = None,
) -> str:
    """``render(fields)``, its fields of ``order`` given up one after the other until it fits
    (a cut backs off the ``language``'s small words, as :func:`cut` does).

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
            trial = cut(original, middle, ellipsis=how == WORDS, language=language)
            if count(render({**fields, name: trial})) <= limit:
                low = middle
            else:
                high = middle - 1
        fields[name] = cut(original, low, ellipsis=how == WORDS, language=language)
        text = render(fields)
    return text
