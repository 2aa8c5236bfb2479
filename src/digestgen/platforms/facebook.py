"""Facebook: one post on the outlet's Page, its first line the hook a phone shows before
"See more", the recap's link next so that Facebook previews it, and the X share images for
an editor who posts a picture instead."""

from __future__ import annotations

from digestgen.content.fields import Line
from digestgen.platforms.base import LinkCardRules, Platform, as_written, utf16_length

# Facebook: images as close to 1.91:1 as possible, 600 × 315 at least for the large image,
# smaller ones shown as a small square (developers.facebook.com/docs/sharing/webmasters/images
# and its FAQ). It documents no cut: the common practice is the domain in capitals above a
# two-line title (about 88 characters) and a one-line description (about 100).
LINK_CARD = LinkCardRules(1.91, (600, 315), 88, 2, 100, 1, domain="above")

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
    link_card=LINK_CARD,
)
