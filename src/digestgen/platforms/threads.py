"""Threads: a thread whose count weighs an emoji as its UTF-8 bytes, one topic tag a post,
and the X share images (the same 16:9 picture)."""

from __future__ import annotations

import functools
from typing import Any

from digestgen.content.fields import Handle
from digestgen.platforms.base import LinkCardRules, Platform


def threads_length(text: str) -> int:
    """Meta's rule for Threads: characters, but an emoji counts as its UTF-8 bytes.

    A character is a code point; an emoji is a grapheme cluster drawn as one (emoji
    presentation, or made one by U+FE0F or the keycap U+20E3), a family of four being 25 bytes.
    Links count as written: Threads gives them no fixed weight.
    """
    import regex

    if not _emoji().search(text):
        return len(text)  # no emoji: every grapheme counts its code points
    total = 0
    for grapheme in regex.findall(r"\X", text):
        if _emoji().search(grapheme):
            total += len(grapheme.encode("utf-8"))
        else:
            total += len(grapheme)
    return total


@functools.cache
def _emoji() -> Any:
    import regex

    return regex.compile(r"[\p{Emoji_Presentation}\uFE0F\u20E3]")


# Threads reads the tags with Meta's crawler, as Facebook does (opengraphplus.com/consumers/
# threads): 1.91:1, 600 × 315 at least; Meta documents no cut for Threads, whose card shows the
# domain and a two-line title under the image (about 80 characters), no description.
LINK_CARD = LinkCardRules(1.91, (600, 315), 80, 2, domain="below")

PLATFORM = Platform(
    "threads",
    "Threads",
    500,
    threads_length,
    handle=Handle,
    signs=True,
    cards_from="x",  # the same 16:9 picture
    max_hashtags=1,  # Threads keeps one topic tag a post
    max_links=5,  # and refuses a post with more links
    link_card=LINK_CARD,
)
