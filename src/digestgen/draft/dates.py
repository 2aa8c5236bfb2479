"""The event's day, read from the article's sentences and resolved against the day the article
was published. Pure functions of text.

Every day the narration names is a candidate: a date ("Mercredi 5 décembre", "June 4, 2026",
"Oct. 27"), a weekday ("on Tuesday", "Wednesday night", "ce jeudi", "lundi soir": the last such
day on or before the publication), "yesterday" / "hier". Days inside quotation marks are the
speakers' ("'Thursday Night Football'", "depuis l’attaque du 7 octobre"), never the event's;
days after the publication are another event's (the next meeting, an election to come). The
event is the latest day left: a recap is published after its event, and the other days it
names are earlier history. A missing year is the publication's, or the one before when that
day would fall after it (a December event published in January).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digestgen.draft.quotes import spans
from digestgen.text.formats import day_names, month_names
from digestgen.text.language import LANGUAGES

# The names a page may write, in every language digestgen reads (Babel's, from the CLDR).
MONTHS = {name: month for lang in LANGUAGES for name, month in month_names(lang).items()}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAYS = {name: day for lang in LANGUAGES for name, day in day_names(lang).items()}
_DAY = "|".join(WEEKDAYS)
DATES = [
    re.compile(
        rf"\b(?:(?:{_DAY}),?\s+)?(1er|\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?"
        rf"(?:,?\s+(\d{{4}}))?\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:(?:{_DAY}),?\s+)?({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:h|:|%))"
        rf"(?:,?\s+(\d{{4}}))?",
        re.I,
    ),
]
# "on Tuesday", "Wednesday night", "ce jeudi", "lundi soir"; never "every Tuesday", "mardi
# prochain", "les lundis", nor a weekday with its date (read above).
WEEKDAY = re.compile(
    rf"(?<!every )(?<!each )(?<!chaque )(?<!tous les )(?<!next )\b({_DAY})(?:['’]s)?\b"
    rf"(?!\s+(?:\d|1er|prochain|next))",
    re.I,
)
YESTERDAY = re.compile(r"\b(?:yesterday|last night|hier(?: soir| matin)?|la veille)\b", re.I)


@dataclass(frozen=True)
class EventDay:
    """The event's day, how much of it the text gave, and whether other days could be it."""

    date: dt.date
    year_inferred: bool
    words: str
    weekday_only: bool = False  # "on Tuesday": the day is the publication's week's
    others: int = 0  # other days the narration names before the publication


@dataclass(frozen=True)
class _Candidate:
    date: dt.date
    year_inferred: bool
    words: str
    weekday_only: bool
    order: int


def event_day(texts: list[str], published: dt.date | None) -> EventDay | None:
    """The event's day as the text names it (see the module's docstring)."""
    candidates = [c for c in _candidates(texts, published)]
    if not candidates:
        return None
    if published is None:
        chosen = min(candidates, key=lambda c: c.order)  # nothing to resolve against: the first
    else:
        before = [c for c in candidates if c.date <= published]
        if not before:
            return None
        chosen = max(before, key=lambda c: (c.date, -c.order))
        candidates = before
    others = len({c.date for c in candidates} - {chosen.date})
    return EventDay(chosen.date, chosen.year_inferred, chosen.words, chosen.weekday_only, others)


def _candidates(texts: list[str], published: dt.date | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    order = 0
    for text in texts:
        text = _unquoted(text)
        matches = []
        for number, pattern in enumerate(DATES):
            for m in pattern.finditer(text):
                day, month = (m.group(1), m.group(2)) if number == 0 else (m.group(2), m.group(1))
                matches.append((m.start(), m.end(), day, month, m.group(3), m.group(0)))
        taken = [(start, end) for start, end, *_ in matches]
        for start, _, day, month, year, words in sorted(matches):
            when = _date(day, month, year, published)
            if when is not None:
                found.append(_Candidate(when, year is None, words.strip(), False, order + start))
        if published is not None:
            for m in WEEKDAY.finditer(text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                back = (published.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
                when = published - dt.timedelta(days=back)
                found.append(_Candidate(when, False, m.group(0), True, order + m.start()))
            for m in YESTERDAY.finditer(text):
                when = published - dt.timedelta(days=1)
                found.append(_Candidate(when, False, m.group(0), True, order + m.start()))
        order += len(text) + 1
    return found


def _date(day: str, month: str, year: str | None, published: dt.date | None) -> dt.date | None:
    d = 1 if day.lower() == "1er" else int(day)
    y = int(year) if year else (published or dt.date.today()).year
    try:
        when = dt.date(y, MONTHS[month.lower().rstrip(".")], d)
    except (ValueError, KeyError):
        return None
    if year is None and published and when > published + dt.timedelta(days=7):
        when = when.replace(year=y - 1)
    return when


def _unquoted(text: str) -> str:
    """The text with its quotations blanked out (same length, so positions keep their order)."""
    chars = list(text)
    for span in spans(text):
        for i in range(max(span.start, 0), min(span.end, len(chars))):
            chars[i] = " "
    return "".join(chars)
