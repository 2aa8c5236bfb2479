"""The words templates write around the editors' text (``t.read_recap`` in a template), and
the language's quotation marks; French ones from the catalog (:mod:`digestgen.text.catalog`).
"""

from __future__ import annotations

import functools

from digestgen.text.catalog import T_, Message, table
from digestgen.text.language import NARROW_NBSP, Language

WORDS: dict[str, Message] = {
    "read_recap": T_("word:read_recap", "Read the recap"),
    "highlights": T_("word:highlights", "Key takeaways"),
    "speakers": T_("word:speakers", "Who spoke"),
    "further_reading": T_("word:further_reading", "Further reading"),
    "read_more": T_("word:read_more", "Read the article"),
    "venue": T_("word:venue", "Venue"),
    "organizer": T_("word:organizer", "Organiser:"),
    "partners": T_("word:partners", "Partners"),
    "attendance": T_("word:attendance", "{n} attendees"),
    "why": T_(
        "word:why",
        "You are receiving this email because you subscribed to the {outlet} newsletter.",
    ),
    "unsubscribe": T_("word:unsubscribe", "Unsubscribe"),
    "follow": T_("word:follow", "Follow us"),
    "quote_open": T_("word:quote_open", "“"),
    "quote_close": T_("word:quote_close", "”"),
    "link": T_("word:link", "Link"),
    "on_x": T_("word:on_x", "on X"),
    "date_sep": T_("word:date_sep", " · "),
    "colon": T_("word:colon", ":"),
    "with": T_("word:with", "With"),
    "link_in_comment": T_("word:link_in_comment", "link in the first comment"),
    "view_online": T_("word:view_online", "View in browser"),
}
"""The words of the templates, by the name a template reads (``t.<name>``)."""


@functools.cache
def words(language: Language) -> dict[str, str]:
    """:data:`WORDS` in ``language``."""
    return table(language, WORDS)


def quote_marks(language: Language, nbsp: str = NARROW_NBSP) -> tuple[str, str]:
    """The language's quotation marks (``quote_open`` and ``quote_close``), French ones with
    ``nbsp`` inside instead of the email's narrow one."""
    said = words(language)
    opening, closing = said["quote_open"], said["quote_close"]
    return opening.replace(NARROW_NBSP, nbsp), closing.replace(NARROW_NBSP, nbsp)
