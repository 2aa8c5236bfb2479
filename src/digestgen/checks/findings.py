"""Findings about a digest and its rendered outputs: what a reader's inbox, a spam filter or a
platform would punish. Pure functions, except :func:`check_links`, which fetches.

The preview page shows them; ``digestgen check`` reports them with a level, a code, where
they come from (``file:line`` for content) and a one-line fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from digestgen.checks.clients import ClientReport
from digestgen.checks.spam import SpamReport, as_received, spam_score
from digestgen.content.esp import preset
from digestgen.content.load import Loaded, Loc
from digestgen.draft.placeholders import left_for_editor
from digestgen.outputs.newsletter import Newsletter, href_value, sender_domain, sent_message
from digestgen.outputs.social import Draft
from digestgen.platforms.registry import PLATFORMS
from digestgen.text.messages import (
    ESP_CONSEQUENCES,
    Language,
    clauses,
    decimal,
    finding_text,
    kilobytes,
)

if TYPE_CHECKING:
    from digestgen.net.fetch import LinkResult

GMAIL_CLIP = 102 * 1024
SIZE_WARNING = 80 * 1024
SPAM_WARNING = 1.0  # points: a clean newsletter scores about 0 with SpamAssassin's local rules
_BLOCK = re.compile(r"<!-- (?:block:([\w-]+)|(further-reading):start) -->")


@dataclass(frozen=True)
class Finding:
    """One thing to look at before sending: its level, a stable code, where, and what to do
    (the message and the fix in the digest's language)."""

    level: str  # "error" or "warning"
    code: str
    message: str
    where: str = ""
    fix: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _finding(
    language: Language,
    level: str,
    code: str,
    where: str,
    *,
    text: str | None = None,
    details: dict[str, Any] | None = None,
    **values: object,
) -> Finding:
    """A finding whose message and fix are the messages' ``text`` (else ``code``)."""
    message, fix = finding_text(language, text or code, **values)
    return Finding(level, code, message, where, fix, details or {})


def block_sizes(html: str) -> dict[str, int]:
    """Bytes of each block of the inlined email, from its marker to the next one."""
    marks = [(m.start(), m.group(1) or m.group(2)) for m in _BLOCK.finditer(html)]
    end = html.rfind("</body>")
    sizes = {}
    for (start, name), (stop, _) in zip(marks, [*marks[1:], (end, "")], strict=True):
        sizes[name] = len(html[start:stop].encode("utf-8"))
    return sizes


def _where(loaded: Loaded, loc: Loc) -> str:
    problem = loaded.digest_source.problem(loc, "")
    return f"{problem.path}:{problem.line}"


def check_size(html: str, language: Language = "en") -> list[Finding]:
    """The email's weight against Gmail's clip, with what each block costs."""
    size = len(html.encode("utf-8"))
    if size < SIZE_WARNING:
        return []
    blocks = dict(sorted(block_sizes(html).items(), key=lambda item: -item[1]))
    heaviest = ", ".join(
        f"{name} {kilobytes(bytes_, language)}" for name, bytes_ in list(blocks.items())[:4]
    )
    return [
        _finding(
            language,
            "error" if size >= GMAIL_CLIP else "warning",
            "email-size",
            "newsletter.html",
            details={"bytes": size, "blocks": blocks},
            size=kilobytes(size, language),
            heaviest=heaviest,
        )
    ]


# A word no card line holds at the cards' smallest size: the card shows the quote cut before it.
CARD_WORD = 50


def check_content(loaded: Loaded) -> list[Finding]:
    """Alt text, insecure links and repeated follow-up stories, each at its line."""
    language = loaded.language
    found = [
        _finding(
            language,
            "warning",
            f"{p.loc.replace('.', '-')}-length",
            f"{p.path}:{p.line}",
            text="field-length",
            message=p.message,
        )
        for p in loaded.warnings()
    ]
    digest = loaded.digest
    images: list[tuple[Loc, Any]] = [(("event", "image"), digest.event.image)]
    images += [
        (("event", "speakers", i, "photo"), s.photo) for i, s in enumerate(digest.event.speakers)
    ]
    for loc, image in images:
        if image is not None and not image.alt:
            found.append(_finding(language, "error", "missing-alt", _where(loaded, (*loc, "alt"))))
    for loc, url in _content_urls(loaded):
        if url.lower().startswith("http://"):
            where = _where(loaded, loc)
            found.append(_finding(language, "warning", "insecure-link", where, url=url))
    for i, speaker in enumerate(digest.event.speakers):
        word = max(speaker.quote.split(), key=len, default="")
        if len(word) > CARD_WORD:
            where = _where(loaded, ("event", "speakers", i, "quote"))
            shown = word if len(word) <= 40 else word[:39] + "…"
            found.append(
                _finding(language, "warning", "card-word-long", where, n=len(word), word=shown)
            )
    seen: dict[str, int] = {}
    for i, article in enumerate(digest.further_reading.articles):
        key = _comparable(article.url)
        if key in seen:
            found.append(
                _finding(
                    language,
                    "warning",
                    "duplicate-article",
                    _where(loaded, ("further_reading", "articles", i, "url")),
                    number=i + 1,
                    first=seen[key] + 1,
                )
            )
        else:
            seen[key] = i
    return found


def _comparable(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith("utm_"))
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{query}"


def _content_urls(loaded: Loaded) -> Iterator[tuple[Loc, str]]:
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


def check_html(loaded: Loaded, html: str) -> list[Finding]:
    """What the rendered email itself must have, whatever templates made it."""
    language = loaded.language
    found = []
    if f'href="{href_value(loaded.outlet.unsubscribe)}"' not in html:
        found.append(_finding(language, "error", "no-unsubscribe", "newsletter.html"))
    for tag in re.findall(r"<img\b[^>]*>", html):
        if not re.search(r"\swidth=\"\d+\"", tag):
            src = re.search(r'src="([^"]*)"', tag)
            found.append(
                _finding(
                    language,
                    "warning",
                    "image-width",
                    "newsletter.html",
                    src=src.group(1) if src else "—",
                )
            )
    return found


def check_left_for_editor(loaded: Loaded) -> list[Finding]:
    """The fields a drafted digest still leaves to fill in, as errors (so nothing half-filled
    gets sent), each at its line."""
    return [
        _finding(
            loaded.language,
            "error",
            "left-for-editor",
            f"{problem.path}:{problem.line}: {problem.loc}",
        )
        for problem in left_for_editor(loaded.digest_source)
    ]


def check_service(loaded: Loaded, html: str) -> list[Finding]:
    """The tags the outlet's email service requires, in the rendered email."""
    service = preset(loaded.outlet.esp)
    if service is None:
        return []
    return [
        _finding(
            loaded.language,
            "error",
            "esp-tag-missing",
            "newsletter.html",
            tag=tag,
            service=service.label,
            consequence=ESP_CONSEQUENCES[loaded.language].get(
                loaded.outlet.esp or "", service.consequence
            ),
        )
        for tag in service.required_tags(loaded.language)
        if tag not in html
    ]


def check_clients(report: ClientReport, language: Language = "en") -> list[Finding]:
    """Features some client family does not support, where nothing in the email covers them."""
    return [
        _finding(
            language,
            "warning",
            "client-support",
            "newsletter.html",
            details={"feature": gap.slug, "families": gap.families},
            feature=gap.title,
            families=", ".join(gap.uncovered),
            url=gap.url,
        )
        for gap in report.gaps
        if gap.uncovered
    ]


# The address a delivered copy is scored for: a subscriber, not the sender (To = From costs a
# point in SpamAssassin, and no subscriber's copy looks like that).
READER = "reader@example.org"


def spam_report(loaded: Loaded, newsletter: Newsletter) -> SpamReport:
    """SpamAssassin's verdict on the email as a subscriber's server receives it.

    Raises :class:`~digestgen.checks.spam.SpamCheckUnavailable` when SpamAssassin is not there.
    """
    message = sent_message(loaded, newsletter, READER)
    return spam_score(as_received(message, sender_domain(loaded)), language=loaded.language)


def check_spam(report: SpamReport, language: Language = "en") -> list[Finding]:
    """SpamAssassin's score: an error from its spam threshold, a warning above 1 point."""
    found = []
    if report.score >= report.required or report.score > SPAM_WARNING:
        fired = [r for r in report.rules if r.points > 0]
        rules = ", ".join(
            f"{r.name} {'+' if r.points > 0 else ''}{decimal(r.points, language)}" for r in fired
        )
        found.append(
            _finding(
                language,
                "error" if report.score >= report.required else "warning",
                "spam-score",
                "newsletter.eml",
                details=report.as_dict(),
                score=decimal(report.score, language),
                required=decimal(report.required, language),
                rules=rules,
                fixes=clauses([r.fix for r in fired], language),
            )
        )
    return found


def check_social(drafts: dict[str, Draft], language: Language = "en") -> list[Finding]:
    """Posts over their platform's limit after shortening, and a hook longer than what the
    platform shows before "…see more" (LinkedIn's)."""
    found = []
    for name, draft in drafts.items():
        label = draft.platform.label
        for number in draft.over:
            post = draft.posts[number]
            found.append(
                _finding(
                    language,
                    "error",
                    f"{name}-too-long",
                    f"social/{name}.txt",
                    text="too-long",
                    platform=label,
                    number=number + 1,
                    length=post.length,
                    limit=draft.platform.limit,
                )
            )
        shown = draft.platform.hook_limit
        hook = draft.posts[0].text.split("\n", 1)[0] if draft.posts else ""
        if shown and len(hook) > shown:
            found.append(
                _finding(
                    language,
                    "warning",
                    f"{name}-hook",
                    f"social/{name}.txt",
                    text="hook",
                    platform=label,
                    length=len(hook),
                    shown=shown,
                )
            )
    return found


def check_rendered(
    loaded: Loaded, html: str, drafts: dict[str, Draft], clients: ClientReport
) -> list[Finding]:
    """Every finding that needs no network, errors first; ``clients`` is the email's
    :func:`~digestgen.checks.clients.client_support` report."""
    language = loaded.language
    found = check_left_for_editor(loaded) + check_size(html, language) + check_content(loaded)
    found += check_html(loaded, html)
    found += check_service(loaded, html) + check_clients(clients, language)
    found += check_social(drafts, language)
    return sorted(found, key=lambda f: f.level != "error")


def check_links(
    loaded: Loaded, *, timeout: float = 10.0, workers: int = 4, allow_private: bool = False
) -> list[Finding]:
    """Fetch every URL of the digest through :mod:`digestgen.net.fetch`, a few at a time; broken
    or wandering ones are findings (a refused private address is an unreachable link)."""
    from concurrent.futures import ThreadPoolExecutor

    from digestgen.net.fetch import check_link

    def checked(url: str) -> LinkResult:
        return check_link(url, timeout=timeout, allow_private=allow_private)

    located = list(_content_urls(loaded))
    unique = list(dict.fromkeys(url for _, url in located))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(unique, pool.map(checked, unique), strict=True))
    found = []
    for loc, url in located:
        result, where = results[url], _where(loaded, loc)
        language = loaded.language
        if result.status is None:
            found.append(
                _finding(language, "error", "link-unreachable", where, url=url, error=result.error)
            )
        elif result.status >= 400:
            found.append(
                _finding(language, "error", "link-broken", where, url=url, status=result.status)
            )
        elif (urlsplit(result.final).hostname or "") != (urlsplit(url).hostname or ""):
            found.append(
                _finding(language, "warning", "link-redirect", where, url=url, final=result.final)
            )
    return found
