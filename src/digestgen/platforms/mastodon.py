"""Mastodon: a thread counted as the outlet's server counts it (its own limit and link
weight, from ``outlet.handles.mastodon_limits``)."""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from digestgen.content.fields import Handle, Strict
from digestgen.platforms.base import LinkCardRules, Platform, display_cut, graphemes

if TYPE_CHECKING:
    from digestgen.content.models import Outlet

_MENTION = re.compile(r"(?<![\w/])@(\w+)@[\w.-]+\w", re.UNICODE)


def mastodon_length(text: str, url_weight: int = 23) -> int:
    """Mastodon's count: graphemes, every URL twitter-text's extractor finds (with its
    protocol) as 23, a remote mention as its user part.

    ``url_weight`` is the server's ``characters_reserved_per_url`` when it is not 23.
    """
    from digestgen.platforms.twitter_text import extract_urls_with_indices  # see x.py

    pieces, start = [], 0
    for url in extract_urls_with_indices(text, without_protocol=False):
        begin, end = url["indices"]
        pieces += [text[start:begin], "x" * url_weight]
        start = end
    pieces.append(text[start:])
    return graphemes(_MENTION.sub(r"@\1", "".join(pieces)))


class MastodonLimits(Strict):
    """What the outlet's Mastodon server allows, as its ``/api/v2/instance`` reports it
    (``configuration.statuses``)."""

    max_characters: Annotated[int, Field(gt=0, le=100_000)] = 500
    characters_reserved_per_url: Annotated[int, Field(ge=0, le=1000)] = 23


def server_limits(platform: Platform, outlet: Outlet) -> Platform:
    """Mastodon as the outlet's server runs it: its own limit and URL weight."""
    limits: MastodonLimits = outlet.handles.mastodon_limits
    count = functools.partial(mastodon_length, url_weight=limits.characters_reserved_per_url)
    return dataclasses.replace(platform, limit=limits.max_characters, count=count, adapt=None)


# Mastodon documents the card's fields (docs.joinmastodon.org/entities/PreviewCard), not its
# layout: its web app shows a landscape image large at about 1.91:1, the host above the
# title (two lines) and the description (one line); the minimum is the common 600 × 315.
LINK_CARD = LinkCardRules(1.91, (600, 315), 80, 2, 100, 1, domain="above")

PLATFORM = Platform(
    "mastodon",
    "Mastodon",
    500,
    mastodon_length,
    handle=Handle,
    signs=True,
    settings={"mastodon_limits": (MastodonLimits, MastodonLimits())},
    shown_url=display_cut,
    adapt=server_limits,
    link_card=LINK_CARD,
)
