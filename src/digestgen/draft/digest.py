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
from digestgen.text.catalog import T_, TN_, Message, Plural, import_babel
from digestgen.text.language import LANGUAGES, Language
from digestgen.text.words import words

COMMENTS: dict[str, Message] = {
    "drafted_from": T_("draft:drafted_from", "Drafted by `digestgen draft` from {source}."),
    "to_check": T_(
        "draft:to_check",
        'Check every field whose comment says so; fill in every "{todo}", then run '
        "`digestgen check`.",
    ),
    "weekday_only": T_("draft:weekday_only", "the day it names on or before the publication date"),
    "year_inferred": T_("draft:year_inferred", "year from the publication date"),
    "as_said": T_("draft:as_said", "as the text says"),
    "from_text_day": T_("draft:from_text_day", "from the text (“{words}”), {how}: check"),
    "no_day_published": T_(
        "draft:no_day_published", "no day in the text: the publication date; set it"
    ),
    "no_day_sent": T_("draft:no_day_sent", "no day in the text: the send date; set it"),
    "from_text": T_("draft:from_text", "from the text: check"),
    "from_text_words": T_("draft:from_text_words", "from the text (“{words}”): check"),
    "no_address": T_("draft:no_address", "no address on the page"),
    "check_words": T_("draft:check_words", "check the words"),
    "lede": T_("draft:lede", "the article's lede"),
    "no_quotation": T_("draft:no_quotation", "no quotation found in the article"),
    "no_related": T_("draft:no_related", "no “Read also” block found"),
    "described": T_("draft:described", "from “{words}”: check"),
    "subject": T_("draft:subject", "drafted from the title: check"),
    "preheader": T_("draft:preheader", "drafted from the speakers: check"),
    "issue_date": T_("draft:issue_date", "the send date: set it"),
    "option": T_("draft:language_option", "from --language"),
    "page": T_("draft:language_page", "from the page's lang attribute"),
    "words": T_("draft:language_words", "from the words of the text"),
    "assumed": T_("draft:language_assumed", "nothing on the page says: French assumed"),
}
"""The comments ``digestgen draft`` writes beside the values it inferred, in the digest's
language."""

REPORT: dict[str, Message | Plural] = {
    "other_days": TN_(
        "draft:other_days",
        "from the text (“{words}”), {how}; the text names {n} other earlier day: check",
        "from the text (“{words}”), {how}; the text names {n} other earlier days: check",
    ),
    "speakers": TN_("draft:speakers", "{n} speaker: {names}", "{n} speakers: {names}"),
    "nobody": T_("draft:nobody", "none"),
    "event_date": T_("draft:event_date", "event date: {date}"),
    "event_date_guessed": T_("draft:event_date_guessed", "event date: {date} (not in the text)"),
    "follow_ups": TN_("draft:follow_ups", "{n} follow-up link", "{n} follow-up links"),
    "no_speakers": T_("draft:no_speakers", "no quotation found: event.speakers"),
    "other_language": T_(
        "draft:other_language",
        "the article is in {name}; digestgen drafts French or English articles "
        "(--language fr|en to draft it anyway)",
    ),
    "not_article": T_(
        "draft:not_article",
        "not an article (a home page or a list of links?); give the address of the recap "
        "article itself",
    ),
}
"""What ``digestgen draft`` says it found, and why it refuses a page."""


def _said(language: Language, key: str, count: int | None = None, **values: object) -> str:
    said = REPORT[key] if key in REPORT else COMMENTS[key]
    if isinstance(said, Plural):
        return said(language, count or 0, **values)
    return said(language, **values)


def language_name(code: str, language: Language) -> str:
    """A language's name in ``language`` (``allemand``, ``German``), from Babel's CLDR data."""
    import_babel()
    from babel import Locale

    name = Locale.parse(language).languages.get(code.split("-")[0].lower())
    return name or code


@dataclass
class Draft:
    """The YAML text of a drafted digest, what was found, and what is left for the editor."""

    stem: str
    text: str
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    language: Language = "en"
    """The digest's language, which ``draft`` speaks."""


@dataclass(frozen=True)
class Value:
    """A value to write, and the comment saying where it came from when it was inferred."""

    value: Any
    comment: str | None = None


def choose_language(
    article: Article, forced: str | None, where: str, said_in: Language = "en"
) -> tuple[Language, str]:
    """The digest's language and where it came from (``option``, ``page``, ``words`` or
    ``assumed``); a third language is refused, in ``said_in``."""
    if forced in LANGUAGES:
        return forced, "option"
    detected = detect_language(article.text)
    language = article.html_lang or detected
    if language in LANGUAGES:
        return language, "page" if article.html_lang else "words"
    if language is None:
        return "fr", "assumed"
    name = language_name(language, said_in)
    raise DraftError(f"{where}: {_said(said_in, 'other_language', name=name)}")


def draft_digest(
    article: Article,
    *,
    source: str,
    language: str | None = None,
    issue_date: dt.date,
    said_in: Language = "en",
) -> Draft:
    """The digest an editor would start from, for one recap article, its comments and
    report in its language (a page refused for its language is said in ``said_in``)."""
    lang, lang_from = choose_language(article, language, source, said_in)
    if not article.is_article:
        raise DraftError(f"{source}: {_said(lang, 'not_article')}")
    todo = PLACEHOLDER(lang)
    paragraphs = [b.text for b in article.blocks if b.kind in ("p", "item")]
    texts = [*([article.standfirst] if article.standfirst else []), *paragraphs]
    draft = Draft(stem=_stem(article), text="", language=lang)

    finder = Speakers(article.blocks, lang)
    quotations = list(finder.find())
    speakers = _speakers(quotations, finder, todo, lang)

    title = article.title or todo
    day = event_day(texts, article.published)
    if day:
        if day.weekday_only:
            how = _said(lang, "weekday_only")
        else:
            how = _said(lang, "year_inferred" if day.year_inferred else "as_said")
        if day.others:
            said = _said(lang, "other_days", day.others, words=day.words, how=how)
        else:
            said = _said(lang, "from_text_day", words=day.words, how=how)
        event_date = Value(day.date, said)
    else:
        no_day = "no_day_published" if article.published else "no_day_sent"
        event_date = Value(article.published or issue_date, _said(lang, no_day))
    venue_name, city = facts.venue(texts)
    audience = facts.attendance(texts)
    url = Value(article.url) if article.url else Value(PLACEHOLDER_URL, _said(lang, "no_address"))
    from_text = _said(lang, "from_text")
    event: dict[str, Any] = {
        "title": Value(title),
        "date": event_date,
        "venue": {
            "name": Value(venue_name, from_text) if venue_name else Value(todo),
            **({"city": Value(city, from_text)} if city else {}),
        },
    }
    if audience:
        said = _said(lang, "from_text_words", words=audience[1])
        event["attendance"] = Value(audience[0], said)
    event["url"] = url
    if article.image and article.image.startswith("https://"):
        alt = article.image_alt or article.title or ""
        event["image"] = {
            "src": Value(article.image),
            "alt": Value(alt, _said(lang, "check_words")),
        }
    event["summary"] = Value(article.standfirst or todo, _said(lang, "lede"))
    highlights = facts.highlights(paragraphs, article.standfirst)
    if highlights:
        event["highlights"] = [Value(h) for h in highlights]
    event["speakers"] = speakers or [
        {
            "name": Value(todo),
            "role": Value(todo),
            "organization": Value(todo),
            "quote": Value(todo, _said(lang, "no_quotation")),
        }
    ]

    card = link_card(article.link_card)
    if card:
        event["link_card"] = card

    related = article.related[:10]
    articles = [{"title": Value(link.title), "url": Value(link.url)} for link in related] or [
        {"title": Value(todo), "url": Value(_site(article), _said(lang, "no_related"))}
    ]
    digest = {
        "language": Value(lang, _said(lang, lang_from)),
        "issue": {
            "subject": Value(subject(title), _said(lang, "subject")),
            "preheader": Value(
                preheader([s["name"].value for s in speakers], title, lang),
                _said(lang, "preheader"),
            ),
            "date": Value(issue_date, _said(lang, "issue_date")),
        },
        "event": event,
        "further_reading": {"title": Value(words(lang)["further_reading"]), "articles": articles},
    }
    header = [
        "# " + _said(lang, "drafted_from", source=article.url or source),
        "# " + _said(lang, "to_check", todo=todo),
    ]
    draft.text = "\n".join([*header, *_yaml(digest, 0)]) + "\n"
    names = ", ".join(s["name"].value for s in speakers) or _said(lang, "nobody")
    draft.found = [
        _said(lang, "speakers", len(speakers), names=names),
        _said(lang, "event_date" if day else "event_date_guessed", date=event_date.value),
        _said(lang, "follow_ups", len(related)),
    ]
    if not speakers:
        draft.missing.append(_said(lang, "no_speakers"))
    return draft


def link_card(card: dict[str, Any] | None) -> dict[str, Any]:
    """``event.link_card`` from what the recap page's tags say: each value the digest's
    validation takes (an http image is kept, for ``check`` to say so)."""
    from pydantic import TypeAdapter, ValidationError

    from digestgen.content.models import LinkCard

    out: dict[str, Any] = {}
    for key, value in (card or {}).items():
        try:
            kind: Any = LinkCard.model_fields[key].annotation
            TypeAdapter(kind).validate_python(value)
        except (KeyError, ValidationError):
            continue
        if isinstance(value, dict):
            out[key] = {k: Value(v) for k, v in value.items()}
        else:
            out[key] = Value(value)
    return out


def _speakers(
    quotations: list[Quotation], finder: Speakers, todo: str, language: Language
) -> list[dict[str, Value]]:
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
        note = (
            _said(language, "described", words=_short(person.described))
            if person and person.described
            else None
        )
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
