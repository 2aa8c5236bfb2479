"""Facebook: one post on the outlet's Page, its first line the hook a phone shows before
"See more", the recap's link next so that Facebook previews it, and the X share images for
an editor who posts a picture instead."""

from __future__ import annotations

from digestgen.content.fields import Line
from digestgen.platforms.base import Platform, as_written, utf16_length

PLATFORM = Platform(
    "facebook",
    "Facebook",
    63_206,  # the composer's limit, counted as its JavaScript counts: UTF-16 code units
    utf16_length,
    shape="post",
    mention=Line,  # a Page as the composer finds it after "@", tagged by hand
    cards_from="x",  # 1200 × 675 shows whole in the feed, as on X
    max_hashtags=3,  # hashtags do little on Facebook; a few keep the post findable
    hook_limit=125,  # a phone's feed folds the post there; a computer's near 480
    shown_url=as_written,  # a link stays as written in the text
)
