"""The social platforms digestgen drafts for, one record each: how it counts a post, what it
refuses, how its app shows a link, which handle signs the posts, the size of its share images
and its template. Adding a platform is a record here and a template ``social/<name>.txt.j2``
(plus the outlet's handle field in ``models`` when the posts are signed with one).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from digestgen.platforms.counting import (
    BLUESKY_MAX_BYTES,
    bluesky_bytes,
    bluesky_length,
    linkedin_length,
    mastodon_length,
    x_parse,
    x_weighted_length,
)
from digestgen.platforms.links import (
    LINKEDIN_SHORTENS,
    bluesky_links,
    bluesky_short_url,
    bluesky_shortened,
    web_links,
)

if TYPE_CHECKING:
    from digestgen.content.models import Outlet

# --- how each platform counts and what it refuses (digestgen.platforms.counting) ------


def _accepted(text: str) -> bool:
    return True


def bluesky_app_length(text: str) -> int:
    """Bluesky's count of a draft as its app counts it: after it shortens the links."""
    return bluesky_length(bluesky_shortened(text))


def _bluesky_accepts(text: str) -> bool:
    """Bluesky's record also caps its text (links shortened by the app) at 3,000 UTF-8 bytes."""
    return bluesky_bytes(bluesky_shortened(text)) <= BLUESKY_MAX_BYTES


def _x_accepts(text: str) -> bool:
    """X's ``valid`` apart from the length: no forbidden character (U+FFFE, U+FEFF, U+FFFF)."""
    parsed = x_parse(text)
    return parsed.valid or not 0 < parsed.weighted_length <= 280


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


# --- how each platform shows a link once posted -----------------------------------------


def _as_written(url: str) -> str:
    return url


def _display_cut(url: str) -> str:
    """Mastodon's TextFormatter and X's ``display_url``: no ``https://`` nor ``www.``, the
    first 30 characters and an ellipsis (``dev.twitter.com/terms/display-…``)."""
    rest = re.sub(r"^https?://(www\.)?", "", url, flags=re.IGNORECASE)
    return rest[:30] + "…" if len(rest) > 30 else rest


def _lnkd_in(url: str) -> str:
    """LinkedIn writes a link longer than 26 characters as an ``https://lnkd.in/`` one once
    posted (its help pages say so; the code it gets is not known before)."""
    return "https://lnkd.in/…" if len(url) > LINKEDIN_SHORTENS else url


# --- the records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Platform:
    """One platform, as digestgen drafts for it."""

    name: str  # file names (social/<name>.txt), social.json's key, the template's name
    label: str  # as the editor reads it
    limit: int
    count: Callable[[str], int]
    accepts: Callable[[str], bool] = _accepted
    """What the platform checks beyond the length (Bluesky's bytes, X's forbidden characters)."""
    shape: Literal["thread", "post"] = "thread"
    """``thread``: a hook, a post per speaker, the further reading (``social/_thread.txt.j2``);
    ``post``: one post with everything, and optionally a first comment (LinkedIn)."""
    handle: str | None = None  # the field of ``outlet.handles`` that signs the posts
    speaker_handle: str | None = None  # the speaker's field named in their post
    mentions: str | None = None  # the field of ``social.mentions`` tagged in the posts
    card_size: tuple[int, int] | None = None  # its own share images, in pixels
    cards_from: str | None = None  # or the platform whose share images it posts
    max_hashtags: int = 5
    max_links: int | None = None  # follow-up stories a post may link, at most
    hook_limit: int | None = None  # characters shown before "…see more"
    comment_limit: int | None = None  # the longest first comment
    find_links: Callable[[str], list[tuple[int, int]]] = web_links
    """Where its app finds links in a text: (start, end) spans."""
    shown_url: Callable[[str], str] = _as_written
    """A link as its app shows it in a published post."""
    adapt: Callable[[Platform, Outlet], Platform] | None = None
    """The record for one outlet (a Mastodon server's own limits)."""

    @property
    def template(self) -> str:
        return f"social/{self.name}.txt.j2"

    def measure(self, text: str) -> int:
        """The count a post is fitted by: its length, or one over the limit when the platform
        would refuse it for another reason."""
        length = self.count(text)
        return length if self.accepts(text) else max(length, self.limit + 1)


def _server_limits(platform: Platform, outlet: Outlet) -> Platform:
    """Mastodon as the outlet's server runs it: its own limit and URL weight."""
    limits = outlet.handles.mastodon_limits
    count = functools.partial(mastodon_length, url_weight=limits.characters_reserved_per_url)
    return dataclasses.replace(platform, limit=limits.max_characters, count=count, adapt=None)


PLATFORMS: dict[str, Platform] = {
    platform.name: platform
    for platform in (
        Platform(
            "linkedin",
            "LinkedIn",
            3000,
            linkedin_length,
            shape="post",
            mentions="linkedin",
            card_size=(1200, 627),
            hook_limit=140,
            comment_limit=1250,
            shown_url=_lnkd_in,
        ),
        Platform(
            "x",
            "X",
            280,
            x_weighted_length,
            _x_accepts,
            handle="x",
            speaker_handle="x",
            mentions="x",
            card_size=(1200, 675),
            shown_url=_display_cut,
        ),
        Platform(
            "bluesky",
            "Bluesky",
            300,
            bluesky_app_length,
            _bluesky_accepts,
            handle="bluesky",
            find_links=bluesky_links,
            shown_url=bluesky_short_url,
        ),
        Platform(
            "mastodon",
            "Mastodon",
            500,
            mastodon_length,
            handle="mastodon",
            shown_url=_display_cut,
            adapt=_server_limits,
        ),
        Platform(
            "threads",
            "Threads",
            500,
            threads_length,
            handle="threads",
            cards_from="x",  # the same 16:9 picture
            max_hashtags=1,  # Threads keeps one topic tag a post
            max_links=5,  # and refuses a post with more links
        ),
    )
}
"""Every platform, in the order of ``social.json`` and of the preview."""


def platforms_for(outlet: Outlet) -> dict[str, Platform]:
    """:data:`PLATFORMS` as they apply to ``outlet`` (its Mastodon server's limits)."""
    return {
        name: platform.adapt(platform, outlet) if platform.adapt else platform
        for name, platform in PLATFORMS.items()
    }


def card_sizes() -> dict[str, tuple[int, int]]:
    """The platforms that have their own share images, and their size."""
    return {p.name: p.card_size for p in PLATFORMS.values() if p.card_size}
