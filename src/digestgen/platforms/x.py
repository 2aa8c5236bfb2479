"""X: a thread signed by the outlet's @handle, counted by twitter-text v3
(:mod:`digestgen.platforms.twitter_text`)."""

from __future__ import annotations

from digestgen.content.fields import XHandle
from digestgen.platforms.base import LinkCardRules, Platform, display_cut

# twitter-text v3's maxWeightedTweetLength. The port's patterns are imported when a post is
# first counted, not with the registry: a newsletter or a check of the content counts none.
X_LIMIT = 280


def x_length(text: str) -> int:
    """twitter-text v3's weighted length (URLs 23, emoji 2, CJK 2)."""
    from digestgen.platforms.twitter_text import x_weighted_length

    return x_weighted_length(text)


def x_accepts(text: str) -> bool:
    """X's ``valid`` apart from the length: no forbidden character (U+FFFE, U+FEFF, U+FFFF)."""
    from digestgen.platforms.twitter_text import x_parse

    parsed = x_parse(text)
    return parsed.valid or not 0 < parsed.weighted_length <= X_LIMIT


# X's summary_large_image: a 2:1 image, at least 300 × 157 (developer.x.com, "Summary Card
# with Large Image"); twitter:title is cut at 70 characters and the description (200) is not
# shown on the large card, whose domain sits under the image ("From …"). Without twitter:card
# X falls back to the small summary card: a square thumbnail of at least 144 × 144.
LINK_CARD = LinkCardRules(2.0, (300, 157), 70, 1, domain="below", twitter_card=True)

PLATFORM = Platform(
    "x",
    "X",
    X_LIMIT,
    x_length,
    x_accepts,
    handle=XHandle,
    signs=True,
    speaker_handle=XHandle,
    names_speakers=True,
    mention=XHandle,
    card_size=(1200, 675),
    shown_url=display_cut,
    link_card=LINK_CARD,
)
