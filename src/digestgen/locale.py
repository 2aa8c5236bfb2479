"""Everything digestgen says in a language: the one module to edit to add a language or a word.

It holds the :data:`Language` type, the words written around the editors' text in the outputs
(:data:`STRINGS`), the preview page's own words (:data:`PREVIEW`), quotation marks per output,
long dates, number formatting, and what ``digestgen check`` and the preview page say about a
digest: each finding's message and fix (:data:`FINDINGS`), the notes under the social drafts
(:data:`NOTES`), the fallbacks of the email clients' table (:data:`CLIENT_FALLBACKS`), the
fixes of SpamAssassin's rules (:data:`SPAM_FIXES`) and the email services' reasons
(:data:`ESP_CONSEQUENCES`).

The words are already typeset (French no-break spaces and apostrophes included), so they are
not passed through the typography rules again. French texts in the tables below are written
with plain spaces and apostrophes for readability and typeset once, on import, by :func:`_fr`.

It imports nothing else from digestgen, so every module may import it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"


def _fr(text: str) -> str:
    """French punctuation for a hand-written French text: a no-break space before ``:``, a
    narrow one before ``; ! ?`` and inside « », and ’ for the apostrophe."""
    text = text.replace("'", "’")
    # Only punctuation that ends a word: "!important" or "?query" keep their characters.
    text = re.sub(r" :(?=\s|$)", NBSP + ":", text)
    text = re.sub(r" ([;!?])(?=\s|$)", NARROW_NBSP + r"\1", text)
    return text.replace("« ", "«" + NARROW_NBSP).replace(" »", NARROW_NBSP + "»")


# The words of the outputs (email, text, social posts, cards).
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
        "link": "Link",
        "on_x": "on X",
        "date_sep": " · ",
        "colon": ":",
        "with": "With",
        "link_in_comment": "link in the first comment",
        "view_online": "View in browser",
    },
}

Medium = Literal["email", "social"]

# Quotation marks around a speaker's quote. The email uses the narrow no-break space inside
# « » (the French press's choice); social posts and cards the plain no-break space, which
# every platform's font has.
QUOTES: dict[Medium, dict[Language, tuple[str, str]]] = {
    "email": {"fr": ("«" + NARROW_NBSP, NARROW_NBSP + "»"), "en": ("“", "”")},
    "social": {"fr": ("«" + NBSP, NBSP + "»"), "en": ("“", "”")},
}


# Templates of a workspace may use t.quote_open / t.quote_close: the email's marks.
for _language in LANGUAGES:
    STRINGS[_language]["quote_open"], STRINGS[_language]["quote_close"] = QUOTES["email"][_language]


def quote_marks(language: Language, medium: Medium) -> tuple[str, str]:
    """The opening and closing quotation marks of ``language`` in ``medium``."""
    return QUOTES[medium][language]


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
        "problems": (
            "Le contenu ne se valide plus\u00a0: l’aperçu montre la dernière version valide."
        ),
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


def whole_number(value: int, language: Language) -> str:
    """A whole number with its thousands grouped: ``2 935`` (narrow no-break space) in French,
    ``2,935`` in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", NARROW_NBSP) if language == "fr" else grouped


def decimal(value: float, language: Language, places: int = 1) -> str:
    """A decimal number: ``23,2`` in French, ``23.2`` in English."""
    shown = f"{value:.{places}f}"
    return shown.replace(".", ",") if language == "fr" else shown


def kilobytes(size: int, language: Language) -> str:
    """A size in kilobytes with its unit: ``23,2 Ko`` / ``23.2 KB``."""
    return f"{decimal(size / 1024, language)} {PREVIEW[language]['kb']}"


# What `digestgen check` and the preview page say: per finding, a message and a fix, each a
# str.format template whose fields the check fills in. The codes themselves stay English: they
# are the JSON contract.
_FINDINGS_EN: dict[str, tuple[str, str]] = {
    "email-size": (
        "the email weighs {size}; Gmail clips it from 102 KB (heaviest: {heaviest})",
        "shorten or cut the heaviest blocks: quotes, summaries, follow-up stories",
    ),
    "issue-subject-length": (
        "{n} characters; inboxes cut subjects after about 60",
        "rewrite it to the length inboxes show",
    ),
    "issue-preheader-length": (
        "{n} characters; inboxes show 40 to 130",
        "rewrite it to the length inboxes show",
    ),
    "missing-alt": (
        "an image that carries content has no alt text; readers with images off "
        "or a screen reader get nothing",
        "describe what the image shows in `alt`",
    ),
    "insecure-link": (
        "{url} is not https; browsers and spam filters distrust it",
        "use the https:// address",
    ),
    "duplicate-article": (
        "follow-up story {n} links to the same page as story {first}",
        "remove one of them or link another story",
    ),
    "no-unsubscribe": (
        "the email has no unsubscribe link; the law and the inbox providers require one",
        "keep `unsubscribe_href` in the footer of templates/email/newsletter.html.j2",
    ),
    "image-width": (
        "an image has no width attribute ({src}); Outlook then shows it at its full size",
        "give the image a width (`width:` in the YAML, or in the template)",
    ),
    "left-for-editor": (
        "the article did not say it; `digestgen draft` left a placeholder",
        "write the value in the digest file",
    ),
    "esp-tag-missing": (
        "the email lacks {tag}, which {service} requires; {consequence}",
        "keep {tag} in the template (unsubscribe_href, postal_address), or remove "
        "`unsubscribe:` from outlet.yaml to use the service's own",
    ),
    "client-support": (
        "{feature} is not supported in {families} (caniemail)",
        "use something these clients support, or add a fallback: {url}",
    ),
    "spam-score": (
        "SpamAssassin scores the email {score} (spam from {required}): {rules}",
        "{fixes}",
    ),
    "too-long": (
        "{platform} post {n} is {length} long; the limit is {limit}",
        "shorten the URL or the text it comes from",
    ),
    "linkedin-hook": (
        "the LinkedIn hook is {length} characters; LinkedIn shows {limit}",
        "shorten issue.subject",
    ),
    "link-unreachable": (
        "{url}: {error}",
        "check the address, or try again when the site answers",
    ),
    "link-broken": ("{url} answers {status}", "fix the address or link another page"),
    "link-redirect": ("{url} redirects to {final}", "link the final address directly"),
}
_FINDINGS_FR: dict[str, tuple[str, str]] = {
    "email-size": (
        "l'e-mail pèse {size} ; Gmail le coupe à partir de 102 Ko (les plus lourds : {heaviest})",
        "raccourcir ou supprimer les blocs les plus lourds : citations, résumés, articles à lire",
    ),
    "issue-subject-length": (
        "{n} caractères ; les messageries coupent l'objet après 60 environ",
        "le réécrire à la longueur que les messageries affichent",
    ),
    "issue-preheader-length": (
        "{n} caractères ; les messageries en affichent de 40 à 130",
        "le réécrire à la longueur que les messageries affichent",
    ),
    "missing-alt": (
        "une image porteuse de contenu n'a pas de texte alternatif ; les lecteurs sans images "
        "ou avec un lecteur d'écran n'en ont rien",
        "décrire ce que montre l'image dans `alt`",
    ),
    "insecure-link": (
        "{url} n'est pas en https ; navigateurs et filtres antispam s'en méfient",
        "utiliser l'adresse en https://",
    ),
    "duplicate-article": (
        "l'article à lire {n} renvoie à la même page que l'article {first}",
        "retirer l'un des deux ou renvoyer à un autre article",
    ),
    "no-unsubscribe": (
        "l'e-mail n'a pas de lien de désinscription ; la loi et les messageries l'exigent",
        "garder `unsubscribe_href` dans le pied de templates/email/newsletter.html.j2",
    ),
    "image-width": (
        "une image n'a pas d'attribut width ({src}) ; Outlook l'affiche alors en taille réelle",
        "donner une largeur à l'image (`width:` dans le YAML, ou dans le gabarit)",
    ),
    "left-for-editor": (
        "l'article ne le disait pas ; `digestgen draft` a laissé un texte à remplacer",
        "écrire la valeur dans le fichier du digest",
    ),
    "esp-tag-missing": (
        "il manque {tag} à l'e-mail, que {service} exige ; {consequence}",
        "garder {tag} dans le gabarit (unsubscribe_href, postal_address), ou retirer "
        "`unsubscribe:` de outlet.yaml pour utiliser celui du service",
    ),
    "client-support": (
        "{feature} n'est pas pris en charge par {families} (caniemail)",
        "utiliser ce que ces messageries prennent en charge, ou prévoir une solution de "
        "repli : {url}",
    ),
    "spam-score": (
        "SpamAssassin donne à l'e-mail un score de {score} (spam à partir de {required}) : {rules}",
        "{fixes}",
    ),
    "too-long": (
        "le message {n} pour {platform} compte {length} caractères ; la limite est de {limit}",
        "raccourcir l'URL ou le texte dont il vient",
    ),
    "linkedin-hook": (
        "l'accroche LinkedIn compte {length} caractères ; LinkedIn en affiche {limit}",
        "raccourcir issue.subject",
    ),
    "link-unreachable": (
        "{url} : {error}",
        "vérifier l'adresse, ou réessayer quand le site répondra",
    ),
    "link-broken": ("{url} répond {status}", "corriger l'adresse ou renvoyer à une autre page"),
    "link-redirect": (
        "{url} redirige vers {final}",
        "mettre directement l'adresse finale",
    ),
}
FINDINGS: dict[str, dict[Language, tuple[str, str]]] = {
    code: {
        "fr": (_fr(_FINDINGS_FR[code][0]), _fr(_FINDINGS_FR[code][1])),
        "en": _FINDINGS_EN[code],
    }
    for code in _FINDINGS_EN
}


def finding_text(key: str, language: Language, **params: object) -> tuple[str, str]:
    """The message and the fix of finding ``key`` in ``language``, with ``params`` filled in."""
    message, fix = FINDINGS[key][language]
    return message.format(**params), fix.format(**params)


# Lines digestgen itself says (messages about a fetch, a score), in each language.
MESSAGES: dict[str, dict[Language, str]] = {
    "no-answer": {"en": "no answer", "fr": "pas de réponse"},
    "no-answer-within": {
        "en": "no answer within {seconds} s",
        "fr": "pas de réponse en {seconds}" + NBSP + "s",
    },
    "no-src": {"en": "no src", "fr": "sans src"},
}

# The notes under a platform's drafts: what to do by hand in its composer.
_NOTES_EN = {
    "linkedin-tag": "Tag {names} in LinkedIn's composer: type @ and pick each from the list.",
    "linkedin-comment": (
        "Post social/linkedin-comment.txt ({length} / {limit}) as the first comment, right "
        "after the post: it holds the links."
    ),
    "linkedin-hashtags": "{n} hashtags in social.hashtags; LinkedIn advises 3 to 5.",
}
_NOTES_FR = {
    "linkedin-tag": (
        "Identifier {names} dans l'éditeur de LinkedIn : taper @ et choisir chacun dans la liste."
    ),
    "linkedin-comment": (
        "Publier social/linkedin-comment.txt ({length} / {limit}) en premier commentaire, "
        "juste après le message : il contient les liens."
    ),
    "linkedin-hashtags": "{n} hashtags dans social.hashtags ; LinkedIn en conseille 3 à 5.",
}
NOTES: dict[str, dict[Language, str]] = {
    key: {"fr": _fr(_NOTES_FR[key]), "en": _NOTES_EN[key]} for key in _NOTES_EN
}


def note_text(key: str, language: Language, **params: object) -> str:
    """The note ``key`` in ``language``, with ``params`` filled in."""
    return NOTES[key][language].format(**params)


# What in the email covers a caniemail feature where a client lacks it (the email clients'
# table of the preview page and `digestgen check --format json`).
_FALLBACKS: dict[str, tuple[str, str]] = {
    "css-max-width": (
        "an Outlook-only table holds the email at 600 px",
        "un tableau réservé à Outlook tient l'e-mail à 600 px",
    ),
    "css-width": (
        "the width attributes on tables and images give the same sizes",
        "les attributs width des tableaux et des images donnent les mêmes tailles",
    ),
    "css-border-radius": (
        "Outlook for Windows gets a VML button with round corners",
        "Outlook pour Windows reçoit un bouton VML aux coins arrondis",
    ),
    "css-display": (
        "Outlook for Windows gets the VML button instead",
        "Outlook pour Windows reçoit le bouton VML à la place",
    ),
    "css-display-none": (
        "the preheader also carries mso-hide:all and zero sizes",
        "le texte d'aperçu porte aussi mso-hide:all et des tailles nulles",
    ),
    "css-opacity": (
        "the preheader is hidden by display:none first",
        "le texte d'aperçu est d'abord caché par display:none",
    ),
    "css-max-height": (
        "the preheader is hidden by display:none first",
        "le texte d'aperçu est d'abord caché par display:none",
    ),
    "css-overflow": (
        "the preheader is hidden by display:none first",
        "le texte d'aperçu est d'abord caché par display:none",
    ),
    "css-at-media": (
        "the layout is fluid (100% up to 600 px) without its media rules",
        "la mise en page reste fluide (100 % jusqu'à 600 px) sans ses règles media",
    ),
    "css-at-media-prefers-color-scheme": (
        "the light version shows, with AA contrast",
        "la version claire s'affiche, avec un contraste AA",
    ),
    "css-important": (
        "only the media rules use !important; inlined styles do not",
        "seules les règles media utilisent !important, pas les styles en ligne",
    ),
    "css-selector-attribute": (
        "only Outlook.com's dark-mode hook ([data-ogsc]) uses it",
        "seul le crochet du mode sombre d'Outlook.com ([data-ogsc]) l'utilise",
    ),
    "css-margin": (
        "the centred table also has align=center on its cell",
        "le tableau centré a aussi align=center sur sa cellule",
    ),
    "css-padding": (
        "padding sits on table cells, where every client honours it",
        "les marges internes sont sur les cellules, que toutes les messageries respectent",
    ),
    "css-line-height": (
        "mso-line-height-rule:exactly pins Outlook's line heights",
        "mso-line-height-rule:exactly fixe les interlignes d'Outlook",
    ),
    "css-border": (
        "borders are decoration: the text reads the same without them",
        "les bordures sont décoratives : le texte se lit de même sans elles",
    ),
    "css-letter-spacing": (
        "letter-spacing is decoration: labels read the same without it",
        "l'espacement des lettres est décoratif : les libellés se lisent de même sans lui",
    ),
    "css-text-transform": (
        "the labels read the same in their written case",
        "les libellés se lisent de même dans leur casse d'origine",
    ),
    "css-text-decoration": (
        "links keep their colour where underlines are dropped",
        "les liens gardent leur couleur là où le soulignement disparaît",
    ),
    "css-font-weight": (
        "titles also differ by size",
        "les titres se distinguent aussi par la taille",
    ),
    "css-height": (
        "images keep their width; height:auto only keeps their ratio",
        "les images gardent leur largeur ; height:auto ne fait que garder leurs proportions",
    ),
    "css-border-collapse": ("cellspacing=0 on every table", "cellspacing=0 sur chaque tableau"),
    "css-unit-percent": (
        "pixel widths in the attributes",
        "des largeurs en pixels dans les attributs",
    ),
    "html-style": (
        "every style the layout needs is also inlined",
        "chaque style utile à la mise en page est aussi en ligne",
    ),
    "html-role": (
        "screen readers that ignore it read a simple table of one column",
        "les lecteurs d'écran qui l'ignorent lisent un simple tableau d'une colonne",
    ),
    "html-lang": (
        "the text is still shown; only its spoken language is lost",
        "le texte s'affiche toujours ; seule sa langue de lecture à voix haute se perd",
    ),
    "html-dir": (
        "left to right is every client's default",
        "la gauche vers la droite est le sens par défaut de toutes les messageries",
    ),
    "html-meta-color-scheme": (
        "the light version shows, with AA contrast",
        "la version claire s'affiche, avec un contraste AA",
    ),
    "css-outline": (
        "outline:none only removes a focus ring that Outlook never draws",
        "outline:none ne retire qu'un contour de focus qu'Outlook ne dessine jamais",
    ),
    "html-doctype": (
        "the layout is made of tables, which read the same without it",
        "la mise en page est faite de tableaux, qui se lisent de même sans lui",
    ),
    "html-comments": (
        "only Outlook reads its conditional comments; others skip them",
        "seul Outlook lit ses commentaires conditionnels ; les autres les sautent",
    ),
    "html-align": ("margin:0 auto centres the same table", "margin:0 auto centre le même tableau"),
    "html-width": ("widths are also inlined as CSS", "les largeurs sont aussi en CSS en ligne"),
    "html-height": (
        "images keep their ratio from their width",
        "les images gardent leurs proportions d'après leur largeur",
    ),
    "html-blockquote": (
        "the quote's cell carries its border, background and padding",
        "la cellule de la citation porte sa bordure, son fond et ses marges",
    ),
    "html-div": ("the one div is the hidden preheader", "le seul div est le texte d'aperçu caché"),
    "html-h1-h6": (
        "headings carry their size and weight inline",
        "les titres portent leur taille et leur graisse en ligne",
    ),
    "html-lists": ("each item is a line of its own", "chaque élément est une ligne à part"),
    "html-body": (
        "the canvas colour is also on the outer table",
        "la couleur de fond est aussi sur le tableau extérieur",
    ),
    "image-png": ("every image has an alt text", "chaque image a un texte alternatif"),
    "image-jpg": ("every image has an alt text", "chaque image a un texte alternatif"),
    "css-selector-class": (
        "class rules are inlined; only media rules need classes",
        "les règles de classe sont en ligne ; seules les règles media en ont besoin",
    ),
    "css-selector-descendant": (
        "descendant rules are inlined",
        "les règles de descendance sont en ligne",
    ),
    "css-selector-grouping": ("grouped rules are inlined", "les règles groupées sont en ligne"),
    "css-selector-type": ("type rules are inlined", "les règles de type sont en ligne"),
    "css-font-size": (
        "clients that drop it show their default size",
        "les messageries qui l'ignorent affichent leur taille par défaut",
    ),
    "css-font": (
        "clients that drop it show their default font",
        "les messageries qui l'ignorent affichent leur police par défaut",
    ),
}  # fmt: skip
CLIENT_FALLBACKS: dict[str, dict[Language, str]] = {
    slug: {"en": en, "fr": _fr(fr)} for slug, (en, fr) in _FALLBACKS.items()
}

# What to do about the SpamAssassin rules an editor's email can fire; any other rule shows
# its own (English) description.
_SPAM_FIXES: dict[str, tuple[str, str]] = {
    "DATE_IN_PAST_96_XX": (
        "send with the current Date: header (send-test does)",
        "envoyer avec un en-tête Date à la date du moment (send-test le fait)",
    ),
    "DATE_IN_FUTURE_96_XX": (
        "send with the current Date: header (send-test does)",
        "envoyer avec un en-tête Date à la date du moment (send-test le fait)",
    ),
    "MISSING_HEADERS": (
        "the .eml is a template without To:; the email service adds it",
        "le .eml est un modèle sans en-tête To ; le service d'envoi l'ajoute",
    ),
    "REPLYTO_WITHOUT_TO_CC": (
        "the .eml is a template without To:; the email service adds it",
        "le .eml est un modèle sans en-tête To ; le service d'envoi l'ajoute",
    ),
    "HTML_FONT_LOW_CONTRAST": (
        "give every text a colour that stands out from its background",
        "donner à chaque texte une couleur qui se détache de son fond",
    ),
    "HTML_IMAGE_ONLY_04": (
        "add text: an email made mostly of images looks like spam",
        "ajouter du texte : un e-mail fait surtout d'images ressemble à un spam",
    ),
    "HTML_IMAGE_ONLY_08": (
        "add text: an email made mostly of images looks like spam",
        "ajouter du texte : un e-mail fait surtout d'images ressemble à un spam",
    ),
    "HTML_IMAGE_ONLY_12": (
        "add text: an email made mostly of images looks like spam",
        "ajouter du texte : un e-mail fait surtout d'images ressemble à un spam",
    ),
    "HTML_IMAGE_RATIO_02": (
        "add text or use fewer, smaller images",
        "ajouter du texte ou utiliser moins d'images, plus petites",
    ),
    "HTML_IMAGE_RATIO_04": (
        "add text or use fewer, smaller images",
        "ajouter du texte ou utiliser moins d'images, plus petites",
    ),
    "HTML_SHORT_LINK_IMG_1": (
        "add text around linked images",
        "ajouter du texte autour des images cliquables",
    ),
    "MIME_HTML_ONLY": (
        "keep the plain-text alternative (a template override lost it)",
        "garder la version texte (un gabarit personnalisé l'a perdue)",
    ),
    "SUBJ_ALL_CAPS": (
        "write the subject in sentence case",
        "écrire l'objet en minuscules, majuscule initiale seulement",
    ),
    "MISSING_MID": ("keep the Message-ID header", "garder l'en-tête Message-ID"),
    "MISSING_DATE": ("keep the Date header", "garder l'en-tête Date"),
    "MPART_ALT_DIFF": (
        "keep the plain text and the HTML saying the same thing",
        "garder le même contenu dans la version texte et dans le HTML",
    ),
    "HTML_MIME_NO_HTML_TAG": ("keep <html> in the template", "garder <html> dans le gabarit"),
    "T_REMOTE_IMAGE": (
        "host images on the outlet's own domain",
        "héberger les images sur le domaine du média",
    ),
    "URI_NOVOWEL": (
        "avoid link hosts without vowels",
        "éviter les liens vers des domaines sans voyelles",
    ),
    "TVD_SPACE_RATIO": (
        "write the subject without spaced-out letters",
        "écrire l'objet sans lettres espacées",
    ),
}
SPAM_FIXES: dict[str, dict[Language, str]] = {
    rule: {"en": en, "fr": _fr(fr)} for rule, (en, fr) in _SPAM_FIXES.items()
}

# Why an email service needs its tags, by the service's label.
_ESP_CONSEQUENCES: dict[str, tuple[str, str]] = {
    "Mailchimp": (
        "without them Mailchimp adds a footer of its own to the email",
        "sans elles, Mailchimp ajoute son propre pied de page à l'e-mail",
    ),
    "Mailjet": (
        "Mailjet requires its unsubscribe link in every marketing email",
        "Mailjet exige son lien de désinscription dans chaque e-mail marketing",
    ),
    "Brevo": (
        "Brevo's unsubscribe link is the one that updates its contact list",
        "seul le lien de désinscription de Brevo met à jour sa liste de contacts",
    ),
    "SendGrid": (
        "SendGrid's Marketing Campaigns require the unsubscribe and sender tags",
        "les Marketing Campaigns de SendGrid exigent les balises de désinscription et d'expéditeur",
    ),
}
ESP_CONSEQUENCES: dict[str, dict[Language, str]] = {
    label: {"en": en, "fr": _fr(fr)} for label, (en, fr) in _ESP_CONSEQUENCES.items()
}
