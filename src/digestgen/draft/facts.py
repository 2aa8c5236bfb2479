"""Facts read from the article's sentences: the event's audience, its venue, the sentences worth
a highlight. Pure functions of text."""

from __future__ import annotations

import re

from digestgen.draft.quotes import OPENERS, UPPER

ATTENDANCE = re.compile(
    r"\b(plus de|près de|quelque|environ|pas moins de|more than|over|nearly|some|about|around|"
    r"almost)\s+(\d[\d\s ,.]*\d|\d+)\s+([^\W\d_]+)",
    re.I,
)
VENUE = re.compile(
    rf"\b(?:(?:[Dd]ans )?[Ll]es (?:salons|locaux|murs) (?:de|du|de la)|à la|au|held at|"
    rf"hosted at|at the|in the)\s+([{UPPER}][\w’'-]+"
    rf"(?:\s+(?:de la|des|du|de|d’|of the|of)?\s*[{UPPER}][\w’'-]+){{0,4}})"
)
CITY = re.compile(
    r"\b(?:à|in)\s+((?:Paris|Lyon|Marseille|Lille|Bordeaux|Nantes|Toulouse|"
    r"Strasbourg|Rennes|Montpellier|Nice|London|Manchester|Berlin|Brussels|"
    r"Bruxelles|Amsterdam|Madrid|Geneva|Genève|Montréal|New York|Boston))\b"
)


def attendance(texts: list[str]) -> tuple[int, str] | None:
    """The audience the text gives ("plus de 120 représentants"), and those words."""
    people = re.compile(
        r"représentant|participant|personne|invité|décideur|visiteur|professionnel|dirigeant|"
        r"élu|people|attendee|delegate|leader|guest|visitor|executive|professional|member|"
        r"expert|responsable|membre|acteur|spectat|auditeur",
        re.I,
    )
    for text in texts:
        for m in ATTENDANCE.finditer(text):
            if people.match(m.group(3)):
                digits = re.sub(r"\D", "", m.group(2))
                if digits and int(digits) < 1_000_000:
                    return int(digits), m.group(0)
    return None


def venue(texts: list[str]) -> tuple[str | None, str | None]:
    """The venue's name and city when a sentence says them plainly."""
    name = city = None
    for text in texts:
        if name is None and (m := VENUE.search(text)):
            name = m.group(1).strip()
        if city is None and (m := CITY.search(text)):
            city = m.group(1)
    return name, city


def highlights(paragraphs: list[str], lede: str | None, limit: int = 4) -> list[str]:
    """Up to four sentences that carry facts (figures, decisions), none of them a quotation."""
    decisions = re.compile(
        r"\b(?:annoncé|lancé|décidé|signé|créé|ouvert|investi|announced|launched|decided|signed|"
        r"invested|will)\b",
        re.I,
    )
    picked: list[str] = []
    for paragraph in paragraphs:
        if lede and paragraph == lede:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ö])", paragraph):
            sentence = sentence.strip()
            quoted = any(mark in sentence for mark in [*OPENERS, "»", "”"])
            if quoted or not 40 <= len(sentence) <= 220 or not sentence.endswith("."):
                continue
            if re.search(r"\d", sentence) or decisions.search(sentence):
                picked.append(sentence)
            if len(picked) == limit:
                return picked
    return picked
