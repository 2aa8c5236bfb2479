"""X: a thread signed by the outlet's @handle, counted by twitter-text v3
(:mod:`digestgen.platforms.twitter_text`)."""

from __future__ import annotations

from digestgen.content.fields import XHandle
from digestgen.platforms.base import Platform, display_cut
from digestgen.platforms.twitter_text import X_LIMIT, x_parse, x_weighted_length


def x_accepts(text: str) -> bool:
    """X's ``valid`` apart from the length: no forbidden character (U+FFFE, U+FEFF, U+FFFF)."""
    parsed = x_parse(text)
    return parsed.valid or not 0 < parsed.weighted_length <= X_LIMIT


PLATFORM = Platform(
    "x",
    "X",
    X_LIMIT,
    x_weighted_length,
    x_accepts,
    handle=XHandle,
    signs=True,
    speaker_handle=XHandle,
    names_speakers=True,
    mention=XHandle,
    card_size=(1200, 675),
    shown_url=display_cut,
)
