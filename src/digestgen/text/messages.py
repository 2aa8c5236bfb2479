"""Everything digestgen knows of a language, in one place: its own words around the editors'
text (in the outputs and on the preview page), quotation marks, dates, numbers, and the
messages of its findings and notes, in French and English.

The French texts are written here with ordinary spaces and straight apostrophes and typeset
once, when this module loads (:func:`_french`): a no-break space before ``: ; ! ?``, inside
« » and between a number and its unit, a curly apostrophe. To add a language, add its column
to every table of this module. It imports nothing else of digestgen, so every module may.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, TypeVar

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
T = TypeVar("T", str, tuple[str, str])


def _french(text: str) -> str:
    """French typography for digestgen's own texts (never for an editor's: see typography)."""
    # Only a mark that ends its word: "!important" keeps its ordinary space.
    spaces = {":": NBSP, ";": NARROW_NBSP, "!": NARROW_NBSP, "?": NARROW_NBSP}
    text = re.sub(r" ([:;!?])(?=\s|$)", lambda m: spaces[m.group(1)] + m.group(1), text)
    text = text.replace("« ", "«" + NARROW_NBSP).replace(" »", NARROW_NBSP + "»")
    text = re.sub(r"(\d) (%|px|Ko)(?!\w)", "\\1" + NBSP + "\\2", text)  # a number keeps its unit
    return text.replace("'", "’")


def _bilingual(english: dict[str, T], french: dict[str, T]) -> dict[Language, dict[str, T]]:
    """A table in both languages, its French texts (or pairs of texts) typeset by
    :func:`_french`."""

    def typeset(value: T) -> T:
        if isinstance(value, tuple):
            return tuple(_french(part) for part in value)  # type: ignore[return-value]
        return _french(value)

    return {"en": english, "fr": {key: typeset(value) for key, value in french.items()}}


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

# The preview page's own words, in the digest's language (the French ones typeset below).
_PREVIEW: dict[Language, dict[str, str]] = {
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
        "decimal": ",",
        "gmail_clip": "102\u00a0Ko",
        "clauses": "\u202f; ",
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
        "decimal": ".",
        "gmail_clip": "102 KB",
        "clauses": "; ",
    },
}

PREVIEW: dict[Language, dict[str, str]] = _bilingual(_PREVIEW["en"], _PREVIEW["fr"])


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


_FALLBACKS_EN: dict[str, str] = {
    "css-max-width": "an Outlook-only table holds the email at 600 px",
    "css-width": "the width attributes on tables and images give the same sizes",
    "css-border-radius": "Outlook for Windows gets a VML button with round corners",
    "css-display": "Outlook for Windows gets the VML button instead",
    "css-display-none": "the preheader also carries mso-hide:all and zero sizes",
    "css-opacity": "the preheader is hidden by display:none first",
    "css-max-height": "the preheader is hidden by display:none first",
    "css-overflow": "the preheader is hidden by display:none first",
    "css-at-media": "the layout is fluid (100% up to 600 px) without its media rules",
    "css-at-media-prefers-color-scheme": "the light version shows, with AA contrast",
    "css-important": "only the media rules use !important; inlined styles do not",
    "css-selector-attribute": "only Outlook.com's dark-mode hook ([data-ogsc]) uses it",
    "css-margin": "the centred table also has align=center on its cell",
    "css-padding": "padding sits on table cells, where every client honours it",
    "css-line-height": "mso-line-height-rule:exactly pins Outlook's line heights",
    "css-border": "borders are decoration: the text reads the same without them",
    "css-letter-spacing": "letter-spacing is decoration: labels read the same without it",
    "css-text-transform": "the labels read the same in their written case",
    "css-text-decoration": "links keep their colour where underlines are dropped",
    "css-font-weight": "titles also differ by size",
    "css-height": "images keep their width; height:auto only keeps their ratio",
    "css-border-collapse": "cellspacing=0 on every table",
    "css-unit-percent": "pixel widths in the attributes",
    "html-style": "every style the layout needs is also inlined",
    "html-role": "screen readers that ignore it read a simple table of one column",
    "html-lang": "the text is still shown; only its spoken language is lost",
    "html-dir": "left to right is every client's default",
    "html-meta-color-scheme": "the light version shows, with AA contrast",
    "css-outline": "outline:none only removes a focus ring that Outlook never draws",
    "html-doctype": "the layout is made of tables, which read the same without it",
    "html-comments": "only Outlook reads its conditional comments; others skip them",
    "html-align": "margin:0 auto centres the same table",
    "html-width": "widths are also inlined as CSS",
    "html-height": "images keep their ratio from their width",
    "html-blockquote": "the quote's cell carries its border, background and padding",
    "html-div": "the one div is the hidden preheader",
    "html-h1-h6": "headings carry their size and weight inline",
    "html-lists": "each item is a line of its own",
    "html-body": "the canvas colour is also on the outer table",
    "image-png": "every image has an alt text",
    "image-jpg": "every image has an alt text",
    "css-selector-class": "class rules are inlined; only media rules need classes",
    "css-selector-descendant": "descendant rules are inlined",
    "css-selector-grouping": "grouped rules are inlined",
    "css-selector-type": "type rules are inlined",
    "css-font-size": "clients that drop it show their default size",
    "css-font": "clients that drop it show their default font",
}


_FALLBACKS_FR: dict[str, str] = {
    "css-max-width": "un tableau réservé à Outlook tient l'e-mail à 600 px",
    "css-width": "les attributs width des tableaux et des images donnent les mêmes tailles",
    "css-border-radius": "Outlook pour Windows reçoit un bouton VML aux coins arrondis",
    "css-display": "Outlook pour Windows reçoit le bouton VML à la place",
    "css-display-none": "le texte d'aperçu porte aussi mso-hide:all et des tailles nulles",
    "css-opacity": "le texte d'aperçu est d'abord masqué par display:none",
    "css-max-height": "le texte d'aperçu est d'abord masqué par display:none",
    "css-overflow": "le texte d'aperçu est d'abord masqué par display:none",
    "css-at-media": "la mise en page est fluide (100 % jusqu'à 600 px) sans ses règles media",
    "css-at-media-prefers-color-scheme": "la version claire s'affiche, avec un contraste AA",
    "css-important": "seules les règles media emploient !important ; les styles en ligne non",
    "css-selector-attribute": "seul le repère du mode sombre d'Outlook.com ([data-ogsc]) l'emploie",
    "css-margin": "la cellule du tableau centré porte aussi align=center",
    "css-padding": "les marges intérieures sont sur les cellules, que tous les clients respectent",
    "css-line-height": "mso-line-height-rule:exactly fixe les interlignes d'Outlook",
    "css-border": "les bordures sont décoratives : le texte se lit de même sans elles",
    "css-letter-spacing": "l'espacement des lettres est décoratif : les libellés se lisent de même",
    "css-text-transform": "les libellés se lisent de même dans leur casse d'origine",
    "css-text-decoration": "les liens gardent leur couleur là où le soulignement disparaît",
    "css-font-weight": "les titres se distinguent aussi par leur taille",
    "css-height": "les images gardent leur largeur ; height:auto ne garde que leurs proportions",
    "css-border-collapse": "cellspacing=0 sur chaque tableau",
    "css-unit-percent": "des largeurs en pixels dans les attributs",
    "html-style": "chaque style dont la mise en page a besoin est aussi en ligne",
    "html-role": "les lecteurs d'écran qui l'ignorent lisent un simple tableau d'une colonne",
    "html-lang": "le texte s'affiche quand même ; seule sa langue parlée se perd",
    "html-dir": "de gauche à droite est le sens par défaut de tous les clients",
    "html-meta-color-scheme": "la version claire s'affiche, avec un contraste AA",
    "css-outline": "outline:none ne retire qu'un contour de focus qu'Outlook ne dessine jamais",
    "html-doctype": "la mise en page est faite de tableaux, qui se lisent de même sans lui",
    "html-comments": "seul Outlook lit ses commentaires conditionnels ; les autres les ignorent",
    "html-align": "margin:0 auto centre le même tableau",
    "html-width": "les largeurs sont aussi en CSS en ligne",
    "html-height": "les images gardent leurs proportions d'après leur largeur",
    "html-blockquote": "la cellule de la citation porte sa bordure, son fond et ses marges",
    "html-div": "le seul div est le texte d'aperçu masqué",
    "html-h1-h6": "les intertitres portent leur taille et leur graisse en ligne",
    "html-lists": "chaque élément est une ligne à part",
    "html-body": "la couleur du fond est aussi sur le tableau extérieur",
    "image-png": "chaque image a un texte alternatif",
    "image-jpg": "chaque image a un texte alternatif",
    "css-selector-class": (
        "les règles de classe sont en ligne ; seules les règles media en ont besoin"
    ),
    "css-selector-descendant": "les règles de descendance sont en ligne",
    "css-selector-grouping": "les règles groupées sont en ligne",
    "css-selector-type": "les règles de type sont en ligne",
    "css-font-size": "les clients qui l'ignorent affichent leur taille par défaut",
    "css-font": "les clients qui l'ignorent affichent leur police par défaut",
}

_FIXES_EN: dict[str, str] = {
    "DATE_IN_PAST_96_XX": "send with the current Date: header (send-test does)",
    "DATE_IN_FUTURE_96_XX": "send with the current Date: header (send-test does)",
    "MISSING_HEADERS": "the .eml is a template without To:; the email service adds it",
    "REPLYTO_WITHOUT_TO_CC": "the .eml is a template without To:; the email service adds it",
    "HTML_FONT_LOW_CONTRAST": "give every text a colour that stands out from its background",
    "HTML_IMAGE_ONLY_04": "add text: an email made mostly of images looks like spam",
    "HTML_IMAGE_ONLY_08": "add text: an email made mostly of images looks like spam",
    "HTML_IMAGE_ONLY_12": "add text: an email made mostly of images looks like spam",
    "HTML_IMAGE_RATIO_02": "add text or use fewer, smaller images",
    "HTML_IMAGE_RATIO_04": "add text or use fewer, smaller images",
    "HTML_SHORT_LINK_IMG_1": "add text around linked images",
    "MIME_HTML_ONLY": "keep the plain-text alternative (a template override lost it)",
    "SUBJ_ALL_CAPS": "write the subject in sentence case",
    "MISSING_MID": "keep the Message-ID header",
    "MISSING_DATE": "keep the Date header",
    "MPART_ALT_DIFF": "keep the plain text and the HTML saying the same thing",
    "HTML_MIME_NO_HTML_TAG": "keep <html> in the template",
    "T_REMOTE_IMAGE": "host images on the outlet's own domain",
    "URI_NOVOWEL": "avoid link hosts without vowels",
    "TVD_SPACE_RATIO": "write the subject without spaced-out letters",
}


_FIXES_FR: dict[str, str] = {
    "DATE_IN_PAST_96_XX": "envoyer avec l'en-tête Date: du moment (send-test le fait)",
    "DATE_IN_FUTURE_96_XX": "envoyer avec l'en-tête Date: du moment (send-test le fait)",
    "MISSING_HEADERS": "le .eml est un modèle sans To: ; le service d'envoi l'ajoute",
    "REPLYTO_WITHOUT_TO_CC": "le .eml est un modèle sans To: ; le service d'envoi l'ajoute",
    "HTML_FONT_LOW_CONTRAST": "donner à chaque texte une couleur qui se détache de son fond",
    "HTML_IMAGE_ONLY_04": "ajouter du texte : un e-mail fait surtout d'images ressemble à du spam",
    "HTML_IMAGE_ONLY_08": "ajouter du texte : un e-mail fait surtout d'images ressemble à du spam",
    "HTML_IMAGE_ONLY_12": "ajouter du texte : un e-mail fait surtout d'images ressemble à du spam",
    "HTML_IMAGE_RATIO_02": "ajouter du texte ou employer moins d'images, plus petites",
    "HTML_IMAGE_RATIO_04": "ajouter du texte ou employer moins d'images, plus petites",
    "HTML_SHORT_LINK_IMG_1": "ajouter du texte autour des images cliquables",
    "MIME_HTML_ONLY": "garder la version texte (un modèle remplacé l'a perdue)",
    "SUBJ_ALL_CAPS": "écrire l'objet en minuscules, majuscule initiale",
    "MISSING_MID": "garder l'en-tête Message-ID",
    "MISSING_DATE": "garder l'en-tête Date",
    "MPART_ALT_DIFF": "garder la version texte et la version HTML identiques sur le fond",
    "HTML_MIME_NO_HTML_TAG": "garder <html> dans le modèle",
    "T_REMOTE_IMAGE": "héberger les images sur le domaine du média",
    "URI_NOVOWEL": "éviter les domaines de liens sans voyelles",
    "TVD_SPACE_RATIO": "écrire l'objet sans lettres espacées",
}

# Each finding: its message and its fix, by code, in English and in French ({names} are filled
# in by the check). The codes are the JSON report's contract and stay English.
_FINDINGS_EN: dict[str, tuple[str, str]] = {
    "email-size": (
        "the email weighs {size}; Gmail clips it from 102 KB (heaviest: {heaviest})",
        "shorten or cut the heaviest blocks: quotes, summaries, follow-up stories",
    ),
    "field-length": ("{message}", "rewrite it to the length inboxes show"),
    "subject-long": ("{n} characters; inboxes cut subjects after about 60", ""),
    "preheader-length": ("{n} characters; inboxes show 40 to 130", ""),
    "missing-alt": (
        "an image that carries content has no alt text; readers with images off or a screen "
        "reader get nothing",
        "describe what the image shows in `alt`",
    ),
    "insecure-link": (
        "{url} is not https; browsers and spam filters distrust it",
        "use the https:// address",
    ),
    "card-word-long": (
        "the quote holds a word of {n} characters ({word}); its quote cards cannot wrap it and "
        "show the quote cut before it",
        "move the link or long word out of the quote",
    ),
    "duplicate-article": (
        "follow-up story {number} links to the same page as story {first}",
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
        "{platform} post {number} is {length} long; the limit is {limit}",
        "shorten the URL or the text it comes from",
    ),
    "hook": (
        "the {platform} hook is {length} characters; {platform} shows {shown}",
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
        "l'e-mail pèse {size} ; Gmail le tronque à partir de 102\u00a0Ko (les plus lourds : "
        "{heaviest})",
        "raccourcir ou couper les blocs les plus lourds : citations, résumés, articles à lire",
    ),
    "field-length": ("{message}", "le réécrire à la longueur qu'affichent les messageries"),
    "subject-long": ("{n} caractères ; les messageries coupent l'objet vers 60", ""),
    "preheader-length": ("{n} caractères ; les messageries en affichent de 40 à 130", ""),
    "missing-alt": (
        "une image porteuse de contenu n'a pas de texte alternatif ; un lecteur aux images "
        "désactivées ou avec un lecteur d'écran n'en saura rien",
        "décrire ce que montre l'image dans `alt`",
    ),
    "insecure-link": (
        "{url} n'est pas en https ; navigateurs et filtres antispam s'en méfient",
        "employer l'adresse en https://",
    ),
    "card-word-long": (
        "la citation contient un mot de {n} caractères ({word}) ; ses cartes ne peuvent pas "
        "le couper et montrent la citation coupée avant lui",
        "sortir le lien ou le mot trop long de la citation",
    ),
    "duplicate-article": (
        "l'article à lire {number} mène à la même page que l'article {first}",
        "retirer l'un des deux ou lier un autre article",
    ),
    "no-unsubscribe": (
        "l'e-mail n'a pas de lien de désinscription ; la loi et les messageries l'exigent",
        "garder `unsubscribe_href` dans le pied de templates/email/newsletter.html.j2",
    ),
    "image-width": (
        "une image n'a pas d'attribut width ({src}) ; Outlook l'affiche alors en pleine taille",
        "donner une largeur à l'image (`width:` dans le YAML, ou dans le modèle)",
    ),
    "left-for-editor": (
        "l'article ne le dit pas ; `digestgen draft` a laissé un texte à compléter",
        "écrire la valeur dans le fichier du digest",
    ),
    "esp-tag-missing": (
        "il manque à l'e-mail {tag}, qu'exige {service} ; {consequence}",
        "garder {tag} dans le modèle (unsubscribe_href, postal_address), ou retirer "
        "`unsubscribe:` d'outlet.yaml pour employer celui du service",
    ),
    "client-support": (
        "{feature} n'est pas pris en charge par {families} (caniemail)",
        "employer ce que ces clients prennent en charge, ou prévoir une solution de repli : {url}",
    ),
    "spam-score": (
        "SpamAssassin donne à l'e-mail {score} (spam à partir de {required}) : {rules}",
        "{fixes}",
    ),
    "too-long": (
        "le message {number} pour {platform} compte {length} ; la limite est {limit}",
        "raccourcir l'URL ou le texte d'où il vient",
    ),
    "hook": (
        "l'accroche {platform} fait {length} caractères ; {platform} en affiche {shown}",
        "raccourcir issue.subject",
    ),
    "link-unreachable": (
        "{url} : {error}",
        "vérifier l'adresse, ou réessayer quand le site répond",
    ),
    "link-broken": ("{url} répond {status}", "corriger l'adresse ou lier une autre page"),
    "link-redirect": ("{url} redirige vers {final}", "lier directement l'adresse finale"),
}

# Notes beside a platform's drafts.
_NOTES_EN: dict[str, str] = {
    "tag-mentions": "Tag {names} in {platform}'s composer: type @ and pick each from the list.",
    "first-comment": (
        "Post {file} ({length} / {limit}) as the first comment, right after the post: it "
        "holds the links."
    ),
    "hashtags": "{count} hashtags in social.hashtags; {platform} advises {fewest} to {most}.",
}
_NOTES_FR: dict[str, str] = {
    "tag-mentions": (
        "Identifier {names} dans l'éditeur de {platform} : taper @ et choisir chacun dans la liste."
    ),
    "first-comment": (
        "Publier {file} ({length} / {limit}) en premier commentaire, juste après le message : "
        "il porte les liens."
    ),
    "hashtags": (
        "{count} hashtags dans social.hashtags ; {platform} en conseille {fewest} à {most}."
    ),
}


FALLBACKS: dict[Language, dict[str, str]] = _bilingual(_FALLBACKS_EN, _FALLBACKS_FR)
"""What in the email covers a client feature where a client family lacks it."""

SPAM_FIXES: dict[Language, dict[str, str]] = _bilingual(_FIXES_EN, _FIXES_FR)
"""How to fix what a SpamAssassin rule fires on."""

_CONSEQUENCES_EN: dict[str, str] = {
    "mailchimp": "without them Mailchimp adds a footer of its own to the email",
    "mailjet": "Mailjet requires its unsubscribe link in every marketing email",
    "brevo": "Brevo's unsubscribe link is the one that updates its contact list",
    "sendgrid": "SendGrid's Marketing Campaigns require the unsubscribe and sender tags",
}
_CONSEQUENCES_FR: dict[str, str] = {
    "mailchimp": "sans elles, Mailchimp ajoute son propre pied de page à l'e-mail",
    "mailjet": "Mailjet exige son lien de désinscription dans chaque e-mail marketing",
    "brevo": "seul le lien de désinscription de Brevo met à jour sa liste de contacts",
    "sendgrid": (
        "les Marketing Campaigns de SendGrid exigent les balises de désinscription et d'expéditeur"
    ),
}
ESP_CONSEQUENCES: dict[Language, dict[str, str]] = _bilingual(_CONSEQUENCES_EN, _CONSEQUENCES_FR)
"""Why an email service needs its tags (the end of ``esp-tag-missing``), by its ``esp:`` name."""

FINDINGS: dict[Language, dict[str, tuple[str, str]]] = _bilingual(_FINDINGS_EN, _FINDINGS_FR)
NOTES: dict[Language, dict[str, str]] = _bilingual(_NOTES_EN, _NOTES_FR)


_REPORT_EN: dict[str, str] = {
    "platform": "{platform} (limit {limit})",
    "note": "note: {note}",
    "title": "digestgen check: {digest}",
    "error": "error",
    "warning": "warning",
    "fix": "fix:",
    "clients": (
        "Email clients (caniemail, {date}): {used} features used, {missing} missing in some "
        "client, {partial} partly supported (--format json or the preview lists them)"
    ),
    "not_in": "{feature}: not in {families}",
    "covered": "covered: {fallback}",
    "no_fallback": "no fallback",
    "spam": "Spam score (SpamAssassin, local rules): {score} / {required}",
    "no_spam": "spam score skipped (--no-spam)",
    "errors": "{n} error",
    "errors_plural": "{n} errors",
    "warnings": "{n} warning",
    "warnings_plural": "{n} warnings",
}
_REPORT_FR: dict[str, str] = {
    "platform": "{platform} (limite {limit})",
    "note": "remarque : {note}",
    "title": "digestgen check : {digest}",
    "error": "erreur",
    "warning": "attention",
    "fix": "correction :",
    "clients": (
        "Clients de messagerie (caniemail, {date}) : {used} fonctionnalités utilisées, "
        "{missing} absentes d'au moins un client, {partial} prises en charge en partie "
        "(--format json ou l'aperçu les listent)"
    ),
    "not_in": "{feature} : pas pris en charge par {families}",
    "covered": "solution de repli : {fallback}",
    "no_fallback": "aucune solution de repli",
    "spam": "Score de spam (SpamAssassin, règles locales) : {score} / {required}",
    "no_spam": "score de spam non calculé (--no-spam)",
    "errors": "{n} erreur",
    "errors_plural": "{n} erreurs",
    "warnings": "{n} avertissement",
    "warnings_plural": "{n} avertissements",
}
REPORT: dict[Language, dict[str, str]] = _bilingual(_REPORT_EN, _REPORT_FR)
"""The lines ``digestgen check`` and ``digestgen social`` print around the findings and posts."""


def report_line(language: Language, key: str, count: int | None = None, **values: object) -> str:
    """One line (or part) of ``check``'s report; with ``count``, its singular or plural."""
    if count is not None:
        key = key if count == 1 or (language == "fr" and count == 0) else f"{key}_plural"
        values["n"] = count
    return REPORT[language][key].format(**values)


def finding_text(language: Language, key: str, **values: object) -> tuple[str, str]:
    """A finding's message and fix in ``language``, its values filled in."""
    message, fix = FINDINGS[language][key]
    return message.format(**values), fix.format(**values)


def note(language: Language, key: str, **values: object) -> str:
    """A note beside a platform's drafts, in ``language``."""
    return NOTES[language][key].format(**values)


def clauses(items: list[str], language: Language) -> str:
    """Clauses joined by semicolons, French ones with their no-break space."""
    return (NARROW_NBSP + "; " if language == "fr" else "; ").join(items)


def quote_marks(language: Language, nbsp: str = NARROW_NBSP) -> tuple[str, str]:
    """The language's quotation marks (``STRINGS``' ``quote_open`` and ``quote_close``),
    French ones with ``nbsp`` inside instead of the email's narrow one."""
    words = STRINGS[language]
    opening, closing = words["quote_open"], words["quote_close"]
    return opening.replace(NARROW_NBSP, nbsp), closing.replace(NARROW_NBSP, nbsp)


def number(value: int, language: Language) -> str:
    """``2 935`` (a narrow no-break space) in French, ``2,935`` in English."""
    written = f"{value:,}"
    return written.replace(",", NARROW_NBSP) if language == "fr" else written


def kilobytes(size: int, language: Language) -> str:
    """A size in kilobytes with one decimal: ``23,2 Ko`` / ``23.2 KB``."""
    amount = f"{size / 1024:.1f}"
    return f"{amount.replace('.', ',')}{NBSP}Ko" if language == "fr" else f"{amount} KB"


def decimal(value: float, language: Language) -> str:
    """A score with one decimal: ``0,0`` / ``0.0``."""
    written = f"{value:.1f}"
    return written.replace(".", ",") if language == "fr" else written
