"""Facts read from the article's sentences: the event's day, its audience, its venue, a
speaker's role and organisation, the sentences worth a highlight. Pure functions of text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digestgen.draft.quotes import NAME, OPENERS, UPPER

_MONTH_NAMES = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "january february march april may june july august september october november december",
)
MONTHS = {m: i for names in _MONTH_NAMES for i, m in enumerate(names.split(), 1)}
_MONTH = "|".join(MONTHS)
_DAY_NAMES = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)"
)
DATES = [
    re.compile(
        rf"\b(?:{_DAY_NAMES},?\s+)?(1er|\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})"
        rf"(?:,?\s+(\d{{4}}))?\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:{_DAY_NAMES},?\s+)?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(\d{{4}}))?\b",
        re.I,
    ),
]
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
ORG_AFTER = re.compile(
    rf"(?:\s(?:de la|du|des|de|chez|à la|au)\s+|\s(?:at|of|for|with)\s+(?:the\s+)?|"
    rf"\s(?:de l|d)[’'])(?=[{UPPER}])"
)
APPOSITIVE_END = re.compile(
    r"\s*[:;«“]|[.!?](?:\s|$)|,\s*(?:a|avait|qui|ont|est|était|has|had|who|is|was)\s|"
    r"\s+(?:a|avait)\s+(?:\w+\s+)?\w+é\b|,?\s+(?:said|says|explained|added|told|noted)\b|"
    r"\s+(?:a|avait)\s+(?:lui|elle)\b"
)


@dataclass(frozen=True)
class EventDay:
    """The event's day, and how much of it the text gave."""

    date: dt.date
    year_inferred: bool
    words: str


def event_day(texts: list[str], published: dt.date | None) -> EventDay | None:
    """The first day named in the text; a missing year is the publication's, or the one before
    when that day would fall after the publication (a December event published in January)."""
    for text in texts:
        found = []
        for number, pattern in enumerate(DATES):
            for m in pattern.finditer(text):
                day, month = (m.group(1), m.group(2)) if number == 0 else (m.group(2), m.group(1))
                found.append((m.start(), day, month, m.group(3), m.group(0)))
        for _, day, month, year, words in sorted(found):
            d = 1 if day.lower() == "1er" else int(day)
            inferred = year is None
            y = int(year) if year else (published or dt.date.today()).year
            try:
                when = dt.date(y, MONTHS[month.lower()], d)
            except ValueError:
                continue
            if inferred and published and when > published + dt.timedelta(days=7):
                when = when.replace(year=y - 1)
            return EventDay(when, inferred, words.strip())
    return None


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


def role_and_organization(name: str, texts: list[str]) -> tuple[str | None, str | None, str]:
    """What the article says a person is, at the first place it says so, and those words."""
    for text in texts:
        for m in re.finditer(re.escape(name), text):
            rest = text[m.end() :]
            paren = re.match(r"\s*\(([^)]{2,80})\)", rest)
            if paren and not re.match(r"\s*\([a-z]", rest):
                return None, paren.group(1).strip(), paren.group(0).strip()
            if not rest.startswith(","):
                continue
            end = APPOSITIVE_END.search(rest, 1)
            words = rest[1 : end.start() if end else len(rest)].strip(" ,")
            if not words or (words[0].isupper() and re.match(NAME, words)):
                continue
            role, organization = split_role(words)
            return role, organization, words
    return None, None, ""


def split_role(words: str) -> tuple[str | None, str | None]:
    """``directeur … de SRCI (Groupe …)`` → (``directeur …``, ``SRCI (Groupe …)``)."""
    segments = [s.strip() for s in re.split(r",\s+", words) if s.strip()]
    if len(segments) >= 2 and segments[-1][0].isupper():
        return ", ".join(segments[:-1]), segments[-1]  # a caption: "Name, role, Org"
    for i, segment in enumerate(segments):
        for m in ORG_AFTER.finditer(segment):
            org = segment[m.end() :]
            if re.search(r"\s(?:et|and)\s+[a-zà-ÿ]", org):
                continue  # "du Club et directeur …": the role goes on
            role = ", ".join([*segments[:i], segment[: m.start()]]).strip(" ,")
            return role or None, org.strip()
    return words, None


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
