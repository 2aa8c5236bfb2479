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
        "link_in_comment": "lien en commentaire",
        "view_online": "Voir la version en ligne",
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
        "link_in_comment": "link in the first comment",
        "view_online": "View in browser",
    },
}

# The preview page's own words, in the digest's language.
PREVIEW: dict[Language, dict[str, str]] = {
    "fr": {
        "title": "Aperçu",
        "inbox": "Dans la boîte de réception",
        "email": "L’e-mail",
        "desktop": "Ordinateur (600 px)",
        "phone": "Mobile (375 px)",
        "dark": "Mode sombre",
        "images_off": "Images désactivées",
        "plain_text": "Texte brut",
        "views": "Affichage de l’e-mail",
        "findings": "Vérifications",
        "no_findings": "Rien à signaler.",
        "error": "Erreur",
        "warning": "Attention",
        "social": "Réseaux sociaux",
        "post": "Message",
        "copy_button": "Copier",
        "copied": "Copié",
        "copied_status": "Message {n} ({platform}) copié dans le presse-papiers.",
        "copied_comment_status": "Premier commentaire ({platform}) copié dans le presse-papiers.",
        "over": "trop long",
        "limit": "limite",
        "size": "Poids de l’e-mail",
        "kb": "Ko",
        "download": "Télécharger l’image",
        "problems": "Le contenu ne se valide plus : l’aperçu montre la dernière version valide.",
        "files": "Fichiers",
        "digests": "Digests",
        "first_comment": "Premier commentaire",
        "first_comment_hint": "À publier en commentaire, juste après le message.",
        "no_style": "Mobile sans styles",
        "inbox_checks": "Dans les messageries",
        "clients": "Clients de messagerie",
        "clients_summary": (
            "{used} fonctionnalités utilisées, {gaps} pas prises en charge partout "
            "(caniemail, {date})."
        ),
        "feature": "Fonctionnalité",
        "lacking": "Prise en charge incomplète",
        "fallback": "Solution de repli dans l’e-mail",
        "no_fallback": "aucune",
        "unsupported": "non",
        "partial": "en partie",
        "spam_static": (
            "Score de spam\u00a0: lancez digestgen check ou digestgen preview (SpamAssassin)."
        ),
        "spam_running": "Score de spam\u00a0: calcul en cours (SpamAssassin)…",
        "spam_result": (
            "Score de spam (SpamAssassin, règles locales)\u00a0: {score} sur {required}."
        ),
    },
    "en": {
        "title": "Preview",
        "inbox": "In the inbox",
        "email": "The email",
        "desktop": "Desktop (600 px)",
        "phone": "Phone (375 px)",
        "dark": "Dark mode",
        "images_off": "Images off",
        "plain_text": "Plain text",
        "views": "Email view",
        "findings": "Checks",
        "no_findings": "Nothing to report.",
        "error": "Error",
        "warning": "Warning",
        "social": "Social posts",
        "post": "Post",
        "copy_button": "Copy",
        "copied": "Copied",
        "copied_status": "Post {n} ({platform}) copied to the clipboard.",
        "copied_comment_status": "First comment ({platform}) copied to the clipboard.",
        "over": "too long",
        "limit": "limit",
        "size": "Email size",
        "kb": "KB",
        "download": "Download the image",
        "problems": "The content no longer validates: the preview shows the last good build.",
        "files": "Files",
        "digests": "Digests",
        "first_comment": "First comment",
        "first_comment_hint": "Post it as a comment, right after the post.",
        "no_style": "Phone without styles",
        "inbox_checks": "In mail clients",
        "clients": "Email clients",
        "clients_summary": (
            "{used} features used, {gaps} not supported everywhere (caniemail, {date})."
        ),
        "feature": "Feature",
        "lacking": "Not fully supported in",
        "fallback": "Fallback in the email",
        "no_fallback": "none",
        "unsupported": "no",
        "partial": "partly",
        "spam_static": "Spam score: run digestgen check or digestgen preview (SpamAssassin).",
        "spam_running": "Spam score: running SpamAssassin…",
        "spam_result": "Spam score (SpamAssassin, local rules): {score} of {required}.",
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
