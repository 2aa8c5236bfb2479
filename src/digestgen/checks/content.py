"""Checks of what the editors wrote, each finding at its ``file:line``: fields left for them,
lengths inboxes cut, alt text, links, quotes no card can hold, repeated follow-up stories."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from digestgen.checks.base import Check, Finding, Material, check
from digestgen.draft.placeholders import left_for_editor
from digestgen.platforms.registry import PLATFORMS
from digestgen.text.catalog import T_

if TYPE_CHECKING:
    from digestgen.content.load import Loaded, Loc

SUBJECT_SHOWN = 60  # characters of a subject most inboxes show
PREHEADER_SHOWN = (40, 130)
CARD_WORD = 50  # a word no card line holds at the cards' smallest size
_LENGTH_FIX = T_("fix:field-length", "rewrite it to the length inboxes show")


@check(
    "left-for-editor",
    "error",
    message=T_(
        "finding:left-for-editor",
        "the article did not say it; `digestgen draft` left a placeholder",
    ),
    fix=T_("fix:left-for-editor", "write the value in the digest file"),
    what="a field `digestgen draft` could not read from the article and left as `À COMPLÉTER` / "
    "`TO FILL IN` (or `https://example.invalid/to-fill-in`), with its `file:line: field`",
)
def _left(material: Material, this: Check) -> Iterator[Finding]:
    for problem in left_for_editor(material.loaded.digest_source):
        yield this.finding(material, f"{problem.path}:{problem.line}: {problem.loc}")


@check(
    "issue-subject-length",
    "warning",
    message=T_("finding:subject-long", "{n} characters; inboxes cut subjects after about 60"),
    fix=_LENGTH_FIX,
    what="a subject over 60 characters",
    on_build=True,
)
def _subject(material: Material, this: Check) -> Iterator[Finding]:
    subject = material.loaded.digest.issue.subject
    if len(subject) > SUBJECT_SHOWN:
        yield this.finding(material, material.at(("issue", "subject"), field=True), n=len(subject))


@check(
    "issue-preheader-length",
    "warning",
    message=T_("finding:preheader-length", "{n} characters; inboxes show 40 to 130"),
    fix=_LENGTH_FIX,
    what="a preheader outside 40–130 characters",
    on_build=True,
)
def _preheader(material: Material, this: Check) -> Iterator[Finding]:
    preheader = material.loaded.digest.issue.preheader
    fewest, most = PREHEADER_SHOWN
    if not fewest <= len(preheader) <= most:
        where = material.at(("issue", "preheader"), field=True)
        yield this.finding(material, where, n=len(preheader))


@check(
    "issue-before-event",
    "warning",
    message=T_(
        "finding:issue-before-event",
        "the issue is dated {issue}, before the event it recaps ({event})",
    ),
    fix=T_("fix:issue-before-event", "check issue.date (the day it is sent) and event.date"),
    what="an `issue.date` before `event.date` (a recap goes out after the event)",
    on_build=True,
)
def _issue_before_event(material: Material, this: Check) -> Iterator[Finding]:
    from digestgen.text.formats import long_date

    digest, language = material.loaded.digest, material.loaded.language
    if digest.issue.date < digest.event.date:
        where = material.at(("issue", "date"), field=True)
        issue, event = (long_date(d, language) for d in (digest.issue.date, digest.event.date))
        yield this.finding(material, where, issue=issue, event=event)


@check(
    "missing-alt",
    "error",
    message=T_(
        "finding:missing-alt",
        "an image that carries content has no alt text; readers with images off or a screen "
        "reader get nothing",
    ),
    fix=T_("fix:missing-alt", "describe what the image shows in `alt`"),
    what="the event image or a speaker photo with empty `alt` (an article image may be decorative)",
)
def _alt(material: Material, this: Check) -> Iterator[Finding]:
    event = material.loaded.digest.event
    images: list[tuple[Loc, Any]] = [(("event", "image"), event.image)]
    images += [(("event", "speakers", i, "photo"), s.photo) for i, s in enumerate(event.speakers)]
    for loc, image in images:
        if image is not None and not image.alt:
            yield this.finding(material, material.at((*loc, "alt")))


@check(
    "insecure-link",
    "warning",
    message=T_(
        "finding:insecure-link", "{url} is not https; browsers and spam filters distrust it"
    ),
    fix=T_("fix:insecure-link", "use the https:// address"),
    what="an `http://` link in the content",
)
def _insecure(material: Material, this: Check) -> Iterator[Finding]:
    for loc, url in content_urls(material.loaded):
        if url.lower().startswith("http://"):
            yield this.finding(material, material.at(loc), url=url)


@check(
    "card-word-long",
    "warning",
    message=T_(
        "finding:card-word-long",
        "the quote holds a word of {n} characters ({word}); its quote cards cannot wrap it and "
        "show the quote cut before it",
    ),
    fix=T_("fix:card-word-long", "move the link or long word out of the quote"),
    what="a speaker's quote holds a word of more than 50 characters (a link): no card line holds "
    "it, so the quote cards show the quote cut before it",
)
def _card_word(material: Material, this: Check) -> Iterator[Finding]:
    for i, speaker in enumerate(material.loaded.digest.event.speakers):
        word = max(speaker.quote.split(), key=len, default="")
        if len(word) > CARD_WORD:
            where = material.at(("event", "speakers", i, "quote"))
            shown = word if len(word) <= 40 else word[:39] + "…"
            yield this.finding(material, where, n=len(word), word=shown)


@check(
    "duplicate-article",
    "warning",
    message=T_(
        "finding:duplicate-article",
        "follow-up story {number} links to the same page as story {first}",
    ),
    fix=T_("fix:duplicate-article", "remove one of them or link another story"),
    what="two follow-up stories linking the same page (UTM and `www.` aside)",
)
def _duplicates(material: Material, this: Check) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, article in enumerate(material.loaded.digest.further_reading.articles):
        key = _comparable(article.url)
        if key in seen:
            where = material.at(("further_reading", "articles", i, "url"))
            yield this.finding(material, where, number=i + 1, first=seen[key] + 1)
        else:
            seen[key] = i


def _comparable(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith("utm_"))
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{query}"


def content_urls(loaded: Loaded) -> Iterator[tuple[Loc, str]]:
    """Every URL an editor wrote in the digest, with where it is."""
    event = loaded.digest.event
    yield ("event", "url"), event.url
    if event.organizer and event.organizer.url:
        yield ("event", "organizer", "url"), event.organizer.url
    for i, partner in enumerate(event.partners):
        if partner.url:
            yield ("event", "partners", i, "url"), partner.url
    if event.image:
        yield ("event", "image", "src"), event.image.src
    for i, speaker in enumerate(event.speakers):
        for platform in PLATFORMS.values():  # a speaker's profile page is a link
            handle = getattr(speaker, platform.name) if platform.speaker_handle else None
            if handle and handle.lower().startswith(("http://", "https://")):
                yield ("event", "speakers", i, platform.name), handle
        if speaker.photo:
            yield ("event", "speakers", i, "photo", "src"), speaker.photo.src
    for i, article in enumerate(loaded.digest.further_reading.articles):
        yield ("further_reading", "articles", i, "url"), article.url
        if article.image:
            yield ("further_reading", "articles", i, "image", "src"), article.image.src
