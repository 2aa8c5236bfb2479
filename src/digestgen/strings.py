"""The words digestgen itself writes around the editors' text, in French and English.

Already typeset by hand (French no-break spaces and apostrophes included), so they are
not passed through the typography rules again.
"""

from __future__ import annotations

from datetime import date

from digestgen.models import Language

STRINGS: dict[Language, dict[str, str]] = {
    "fr": {
        "read_recap": "Lire le compte rendu",
        "highlights": "L’essentiel",
        "speakers": "Ils ont pris la parole",
        "further_reading": "À lire aussi",
        "read_more": "Lire l’article",
        "venue": "Lieu",
        "organizer": "Organisation\u00a0:",
        "partners": "Partenaires",
        "attendance": "{n} participants",
        "why": "Vous recevez cet e-mail car vous êtes abonné(e) à la newsletter {outlet}.",
        "unsubscribe": "Se désinscrire",
        "follow": "Nous suivre",
        "quote_open": "«\u202f",
        "quote_close": "\u202f»",
        "link": "Lien",
        "on_x": "sur X",
        "date_sep": " · ",
        "colon": "\u00a0:",
        "with": "Avec",
    },
    "en": {
        "read_recap": "Read the recap",
        "highlights": "Key takeaways",
        "speakers": "Who spoke",
        "further_reading": "Further reading",
        "read_more": "Read the article",
        "venue": "Venue",
        "organizer": "Organiser:",
        "partners": "Partners",
        "attendance": "{n} attendees",
        "why": "You are receiving this email because you subscribed to the {outlet} newsletter.",
        "unsubscribe": "Unsubscribe",
        "follow": "Follow us",
        "quote_open": "“",
        "quote_close": "”",
        "link": "Link",
        "on_x": "on X",
        "date_sep": " · ",
        "colon": ":",
        "with": "With",
    },
}

_DAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def long_date(day: date, language: Language) -> str:
    """``mercredi 5 décembre 2018`` / ``Wednesday 5 December 2018``, without the system locale."""
    weekday, month = _DAYS[language][day.weekday()], _MONTHS[language][day.month - 1]
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{weekday} {number}\u00a0{month} {day.year}"
