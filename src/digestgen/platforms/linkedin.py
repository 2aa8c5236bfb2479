"""LinkedIn: one post from the outlet's page, its first lines the hook shown before
"…see more", and optionally its links left to a first comment."""

from __future__ import annotations

from digestgen.content.fields import HttpsUrl, Line
from digestgen.platforms.base import LinkCardRules, Option, Platform, utf16_length

SHORTENS = 26  # LinkedIn rewrites a longer link as an lnkd.in one


def linkedin_length(text: str) -> int:
    """LinkedIn's composer counts UTF-16 code units, as JavaScript does (an emoji is 2)."""
    return utf16_length(text)


def lnkd_in(url: str) -> str:
    """LinkedIn writes a link longer than 26 characters as an ``https://lnkd.in/`` one once
    posted (its help pages say so; the code it gets is not known before)."""
    return "https://lnkd.in/…" if len(url) > SHORTENS else url


# LinkedIn documents 1200 × 627 (1.91:1) for a link's image and no cut: a narrower image than
# 401 px shows as a small thumbnail, the feed shows the title on two lines (cut near 70
# characters) and the domain under it, no description (peek.dt.tools/linkedin-preview,
# og-image-2fo.pages.dev/docs/platforms/linkedin; LinkedIn's Post Inspector shows the same).
LINK_CARD = LinkCardRules(1.91, (401, 210), 70, 2, domain="below")

PLATFORM = Platform(
    "linkedin",
    "LinkedIn",
    3000,
    linkedin_length,
    shape="post",
    handle=HttpsUrl,  # the outlet's page, linked from the newsletter's footer
    speaker_handle=HttpsUrl,  # a speaker's profile, linked beside their name in the email
    mention=Line,  # a person or page as LinkedIn's composer finds it, tagged by hand
    options=(
        Option(
            "link_in_comment",
            bool,
            False,
            "The post holds no link (it says where the link is); the recap and the follow-up "
            "stories go to a first comment.",
        ),
    ),
    card_size=(1200, 627),
    hashtag_advice=(3, 5),
    hook_limit=140,
    comment_limit=1250,
    shown_url=lnkd_in,
    link_card=LINK_CARD,
)
