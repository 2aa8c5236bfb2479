"""What a platform is to digestgen: the :class:`Platform` record each module of
:mod:`digestgen.platforms` declares, and the text functions several platforms share (how a
composer counts, how an app finds and shows a link).

A platform's record says everything about it: how it counts a post and what it refuses, its
shape (a thread or one post), the fields editors fill for it (the outlet's handle, a speaker's,
the digest's mentions, its own settings), the share images it posts, how its app shows a link,
and its template ``social/<name>.txt.j2``. The content models take their per-platform fields
from these records (:mod:`digestgen.content.models`), so a new platform is a new module here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from digestgen.content.models import Digest, LinkCard, Outlet


# --- counting -------------------------------------------------------------------------------


def graphemes(text: str) -> int:
    """User-perceived characters: Unicode's extended grapheme clusters."""
    import regex

    return len(regex.findall(r"\X", text))


def utf16_length(text: str) -> int:
    """What a composer written in JavaScript counts: UTF-16 code units (an emoji is 2)."""
    return len(text.encode("utf-16-le")) // 2


def accepted(text: str) -> bool:
    """A platform that refuses nothing but a post over its limit."""
    return True


# --- links ------------------------------------------------------------------------------------

_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)»”’'\""


def web_links(text: str) -> list[tuple[int, int]]:
    """Where an app that finds links written with their scheme sees them: (start, end) spans,
    closing punctuation left out."""
    spans = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING_PUNCTUATION)
        spans.append((match.start(), match.start() + len(url)))
    return spans


def as_written(url: str) -> str:
    """A link shown as it was written."""
    return url


def display_cut(url: str) -> str:
    """Mastodon's TextFormatter and X's ``display_url``: no ``https://`` nor ``www.``, the
    first 30 characters and an ellipsis (``dev.twitter.com/terms/display-…``)."""
    rest = re.sub(r"^https?://(www\.)?", "", url, flags=re.IGNORECASE)
    return rest[:30] + "…" if len(rest) > 30 else rest


# --- the record -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A choice an outlet makes for a platform (``social.<platform>.<name>`` in outlet.yaml),
    which a digest may make again for itself (the same key in the digest; unset there, the
    outlet's holds)."""

    name: str
    annotation: Any
    default: Any
    description: str


@dataclass(frozen=True)
class LinkCardRules:
    """How a network lays out the card it unfurls a post's link into, from the page's Open
    Graph tags (each module cites where its numbers come from)."""

    ratio: float  # the image's width / height; the network crops to it, centred
    min_size: tuple[int, int]  # the smallest image shown large (pixels); smaller spoils it
    title_chars: int  # where the title is cut, in characters (an ellipsis after)
    title_lines: int  # and the lines it may take
    description_chars: int = 0  # where the description is cut; 0: not shown
    description_lines: int = 0
    domain: Literal["above", "below", "image"] = "below"  # the domain line: where it stands
    twitter_card: bool = False  # reads twitter:card (X): without one, a small card
    small_ratio: float = 1.0  # the small card's thumbnail (X's summary), width / height
    small_min_size: tuple[int, int] = (144, 144)

    def title(self, card: LinkCard) -> str | None:
        """The title the card shows, from ``event.link_card`` (X: twitter:title first)."""
        return (card.twitter_title if self.twitter_card else None) or card.title

    def image(self, card: LinkCard) -> tuple[str, int | None, int | None] | None:
        """The image the card shows: its address, and its size when the tags give it (X
        reads twitter:image first, whose size no tag gives)."""
        og = card.image
        if self.twitter_card and card.twitter_image:
            if og is not None and og.src == card.twitter_image:
                return og.src, og.width, og.height
            return card.twitter_image, None, None
        return (og.src, og.width, og.height) if og is not None else None

    def small(self, card: LinkCard) -> bool:
        """Whether the network falls back to its small card: X without
        ``summary_large_image``."""
        return self.twitter_card and card.twitter_card != "summary_large_image"

    @staticmethod
    def cut(text: str, chars: int) -> str:
        """``text`` as a card cuts it: its first ``chars`` characters, the last an ellipsis."""
        return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


@dataclass(frozen=True)
class Platform:
    """One platform, as digestgen drafts for it."""

    name: str  # file names (social/<name>.txt), social.json's key, the template's name
    label: str  # as the editor reads it
    limit: int
    count: Callable[[str], int]
    accepts: Callable[[str], bool] = accepted
    """What the platform checks beyond the length (Bluesky's bytes, X's forbidden characters)."""
    shape: Literal["thread", "post"] = "thread"
    """``thread``: a hook, a post per speaker, the further reading (``social/_thread.txt.j2``);
    ``post``: one post with everything, and optionally a first comment (LinkedIn)."""

    # The fields editors fill for it, each a type of digestgen.content.fields (None: no field).
    handle: Any = None
    """``outlet.handles.<name>``: the outlet's account."""
    signs: bool = False
    """Whether the outlet's handle signs the posts (else its name does)."""
    speaker_handle: Any = None
    """``event.speakers[].<name>``: a speaker's account."""
    names_speakers: bool = False
    """Whether a speaker's post names them by that handle."""
    mention: Any = None
    """One of ``social.mentions.<name>``: an account the posts tag."""
    settings: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Further fields of ``outlet.handles``: name → (type, default)."""
    options: tuple[Option, ...] = ()
    """``social.<name>`` of the outlet and of a digest."""

    card_size: tuple[int, int] | None = None  # its own share images, in pixels
    cards_from: str | None = None  # or the platform whose share images it posts
    max_hashtags: int = 5
    hashtag_advice: tuple[int, int] | None = None  # the fewest and most hashtags it rewards
    max_links: int | None = None  # follow-up stories a post may link, at most
    hook_limit: int | None = None  # characters shown before "…see more"
    comment_limit: int | None = None  # the longest first comment
    find_links: Callable[[str], list[tuple[int, int]]] = web_links
    """Where its app finds links in a text: (start, end) spans."""
    shown_url: Callable[[str], str] = as_written
    """A link as its app shows it in a published post."""
    adapt: Callable[[Platform, Outlet], Platform] | None = None
    """The record for one outlet (a Mastodon server's own limits)."""
    link_card: LinkCardRules | None = None
    """How its app shows the card of a linked page (image ratio, cuts, domain line)."""

    @property
    def template(self) -> str:
        return f"social/{self.name}.txt.j2"

    def measure(self, text: str) -> int:
        """The count a post is fitted by: its length, or one over the limit when the platform
        would refuse it for another reason."""
        length = self.count(text)
        return length if self.accepts(text) else max(length, self.limit + 1)

    def option(self, name: str, digest: Digest, outlet: Outlet) -> Any:
        """The digest's ``social.<platform>.<name>``, else the outlet's."""
        chosen = getattr(getattr(digest.social, self.name), name)
        return getattr(getattr(outlet.social, self.name), name) if chosen is None else chosen

    def has_option(self, name: str) -> bool:
        return any(o.name == name for o in self.options)
