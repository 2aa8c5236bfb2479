"""An article → the YAML of a new digest, in the format's key order, every inferred field
commented, every field the article does not give left as a visible placeholder."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from slugify import slugify

from digestgen.draft import DraftError, facts
from digestgen.draft.article import Article, detect_language
from digestgen.draft.dates import event_day
from digestgen.draft.placeholders import PLACEHOLDER, PLACEHOLDER_URL
from digestgen.draft.quotes import MIN_WORDS, word_count
from digestgen.draft.speakers import Quotation, Speakers
from digestgen.text.language import LANGUAGES, Language
from digestgen.text.words import words

LANGUAGE_NAMES = {
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
}


@dataclass
class Draft:
    """The YAML text of a drafted digest, what was found, and what is left for the editor."""

    stem: str
    text: str
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Value:
    """A value to write, and the comment saying where it came from when it was inferred."""

    value: Any
    comment: str | None = None


def choose_language(article: Article, forced: str | None, where: str) -> tuple[Language, str]:
    """The digest's language and where it came from; a third language is refused."""
    if forced in LANGUAGES:
        return forced, "--language"
    detected = detect_language(article.text)
    language = article.html_lang or detected
    if language in LANGUAGES:
        where_from = "the page's lang" if article.html_lang else "the text's words"
        return language, where_from
    if language is None:
        return "fr", "nothing on the page says: French assumed"
    name = LANGUAGE_NAMES.get(language, f"“{language}”")
    raise DraftError(
        f"{where}: the article is in {name}; digestgen drafts French or English articles "
        "(--language fr|en to draft it anyway)"
    )


def draft_digest(
    article: Article, *, source: str, language: str | None = None, issue_date: dt.date
) -> Draft:
    """The digest an editor would start from, for one recap article."""
    lang, lang_from = choose_language(article, language, source)
    if not article.is_article:
        raise DraftError(
            f"{source}: not an article (a home page or a list of links?); "
            "give the address of the recap article itself"
        )
    todo = PLACEHOLDER(lang)
    paragraphs = [b.text for b in article.blocks if b.kind in ("p", "item")]
    texts = [*([article.standfirst] if article.standfirst else []), *paragraphs]
    draft = Draft(stem=_stem(article), text="")

    finder = Speakers(article.blocks, lang)
    quotations = list(finder.find())
    speakers = _speakers(quotations, finder, todo)

    title = article.title or todo
    day = event_day(texts, article.published)
    if day:
        if day.weekday_only:
            how = "the day it names on or before the publication date"
        elif day.year_inferred:
            how = "year from the publication date"
        else:
            how = "as the text says"
        unsure = f"; the text names {day.others} other earlier day(s)" if day.others else ""
        event_date = Value(day.date, f"from the text (“{day.words}”), {how}{unsure}: check")
    else:
        event_date = Value(
            article.published or issue_date,
            "no day in the text: the "
            + ("publication date" if article.published else "send date")
            + "; set it",
        )
    venue_name, city = facts.venue(texts)
    audience = facts.attendance(texts)
    url = Value(article.url) if article.url else Value(PLACEHOLDER_URL, "no address on the page")
    event: dict[str, Any] = {
        "title": Value(title),
        "date": event_date,
        "venue": {
            "name": Value(venue_name, "from the text: check") if venue_name else Value(todo),
            **({"city": Value(city, "from the text: check")} if city else {}),
        },
    }
    if audience:
        event["attendance"] = Value(audience[0], f"from the text (“{audience[1]}”): check")
    event["url"] = url
    if article.image and article.image.startswith("https://"):
        alt = article.image_alt or article.title or ""
        event["image"] = {"src": Value(article.image), "alt": Value(alt, "check the words")}
    event["summary"] = Value(article.standfirst or todo, "the article's lede")
    highlights = facts.highlights(paragraphs, article.standfirst)
    if highlights:
        event["highlights"] = [Value(h) for h in highlights]
    event["speakers"] = speakers or [
        {
            "name": Value(todo),
            "role": Value(todo),
            "organization": Value(todo),
            "quote": Value(todo, "no quotation found in the article"),
        }
    ]

    related = article.related[:10]
    articles = [{"title": Value(link.title), "url": Value(link.url)} for link in related] or [
        {"title": Value(todo), "url": Value(_site(article), "no “À lire aussi” block found")}
    ]
    digest = {
        "language": Value(lang, f"from {lang_from}"),
        "issue": {
            "subject": Value(subject(title), "drafted from the title: check"),
            "preheader": Value(
                preheader([s["name"].value for s in speakers], title, lang),
                "drafted from the speakers: check",
            ),
            "date": Value(issue_date, "the send date: set it"),
        },
        "event": event,
        "further_reading": {"title": Value(words(lang)["further_reading"]), "articles": articles},
    }
    header = [
        f"# Drafted by `digestgen draft` from {article.url or source}.",
        "# Check every field whose comment says so; fill in every "
        f'"{todo}", then run `digestgen check`.',
    ]
    draft.text = "\n".join([*header, *_yaml(digest, 0)]) + "\n"
    draft.found = [
        f"{len(speakers)} speaker(s): {', '.join(s['name'].value for s in speakers) or 'none'}",
        f"event date: {event_date.value}" + ("" if day else " (not in the text)"),
        f"{len(related)} follow-up link(s)",
    ]
    if not speakers:
        draft.missing.append("no quotation found: event.speakers")
    return draft


def _speakers(quotations: list[Quotation], finder: Speakers, todo: str) -> list[dict[str, Value]]:
    chosen: dict[str, Quotation] = {}
    for quotation in quotations:
        # Each speaker's first quotation long enough for a card, else their first.
        first = chosen.setdefault(quotation.speaker, quotation)
        if word_count(first.text) < MIN_WORDS <= word_count(quotation.text):
            chosen[quotation.speaker] = quotation
    speakers = []
    for name, quotation in chosen.items():
        person = finder.person(name)
        role = person.role if person else None
        organization = person.organization if person else None
        note = f"from “{_short(person.described)}”: check" if person and person.described else None
        speakers.append(
            {
                "name": Value(name),
                "role": Value(role, note) if role else Value(todo),
                "organization": Value(organization, note) if organization else Value(todo),
                "quote": Value(quotation.text),
            }
        )
    return speakers


def _short(words: str) -> str:
    return words if len(words) <= 60 else words[:59].rsplit(" ", 1)[0] + "…"


def subject(title: str) -> str:
    """The title, or its longest part that keeps under the 60-character warning."""
    if len(title) <= 60:
        return title
    parts = [p.strip() for p in re.split(r"\s[:–—-]\s|\s\|\s", title) if p.strip()]
    fitting = [p for p in parts if len(p) <= 60]
    if not fitting:
        return _short_at(title, 60)
    part = max(fitting, key=len)
    return part[:1].upper() + part[1:]  # a subject line starts with a capital


def preheader(names: list[str], title: str, language: str) -> str:
    """ "Avec A, B et C" within 40–130 characters, eked out with the title when short."""
    lead, joiner, more = ("Avec", "et", "autres") if language == "fr" else ("With", "and", "more")
    shown = list(names)
    while shown:
        rest = len(names) - len(shown)
        tail = f" {joiner} {rest} {more}" if rest else ""
        listed = (
            ", ".join(shown)
            if rest
            else f" {joiner} ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)
        )
        text = f"{lead} {listed}{tail}"
        if len(text) <= 130:
            break
        shown.pop()
    else:
        text = ""
    if len(text) < 40:
        text = _short_at(f"{text} — {title}" if text else title, 130)
    return text


def _short_at(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _stem(article: Article) -> str:
    path = urlsplit(article.url or "").path.rstrip("/")
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", path.rsplit("/", 1)[-1])
    return slugify(last or article.title or "draft", max_length=60, word_boundary=True) or "draft"


def _site(article: Article) -> str:
    parts = urlsplit(article.url or "")
    return f"{parts.scheme}://{parts.netloc}/" if parts.netloc else PLACEHOLDER_URL


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date | int) or value in ("fr", "en"):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _yaml(node: dict[str, Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, value in node.items():
        if isinstance(value, Value):
            yield _line(f"{pad}{key}: {_scalar(value.value)}", value.comment)
        elif isinstance(value, dict):
            yield f"{pad}{key}:"
            yield from _yaml(value, indent + 2)
        elif isinstance(value, list):
            yield f"{pad}{key}:"
            for item in value:
                if isinstance(item, Value):
                    yield _line(f"{pad}  - {_scalar(item.value)}", item.comment)
                else:
                    lines = list(_yaml(item, indent + 4))
                    yield f"{pad}  - {lines[0].lstrip()}"
                    yield from lines[1:]


def _line(text: str, comment: str | None) -> str:
    return f"{text}  # {comment}" if comment else text
