"""Findings about a digest and its rendered outputs: what a reader's inbox, a spam filter or a
platform would punish. Pure functions, except :func:`check_links`, which fetches.

The preview page shows them; ``digestgen check`` reports them with a level, a code, where
they come from (``file:line`` for content) and a one-line fix. Messages and fixes are in the
digest's language (:data:`digestgen.locale.FINDINGS`); the codes stay English identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from digestgen.clients import ClientReport
from digestgen.draft.placeholders import left_for_editor
from digestgen.email import Newsletter, href_value, sender_domain, sent_message
from digestgen.esp import preset
from digestgen.load import Loaded, Loc
from digestgen.locale import ESP_CONSEQUENCES, MESSAGES, Language, decimal, finding_text, kilobytes
from digestgen.social import Draft
from digestgen.spam import SpamReport, as_received, spam_score

if TYPE_CHECKING:
    from digestgen.fetch import LinkResult

GMAIL_CLIP = 102 * 1024
SIZE_WARNING = 80 * 1024
SPAM_WARNING = 1.0  # points: a clean newsletter scores about 0 with SpamAssassin's local rules
_BLOCK = re.compile(r"<!-- (?:block:([\w-]+)|(further-reading):start) -->")


@dataclass(frozen=True)
class Finding:
    """One thing to look at before sending: its level, a stable code, where, and what to do."""

    level: str  # "error" or "warning"
    code: str
    message: str
    where: str = ""
    fix: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _finding(
    key: str,
    level: str,
    where: str,
    language: Language,
    details: dict[str, Any] | None = None,
    *,
    code: str = "",
    **params: Any,
) -> Finding:
    """A finding whose message and fix are those of ``key`` in ``language``."""
    message, fix = finding_text(key, language, **params)
    return Finding(level, code or key, message, where, fix, details or {})


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
            "email-size",
            "error" if size >= GMAIL_CLIP else "warning",
            "newsletter.html",
            language,
            {"bytes": size, "blocks": blocks},
            size=kilobytes(size, language),
            heaviest=heaviest,
        )
    ]


# The warnings of the loader, by the field they are about.
_LENGTH_CODES = {
    "issue.subject": "issue-subject-length",
    "issue.preheader": "issue-preheader-length",
}


def check_content(loaded: Loaded) -> list[Finding]:
    """Alt text, insecure links and repeated follow-up stories, each at its line."""
    digest, language = loaded.digest, loaded.language
    found = [
        _finding(
            _LENGTH_CODES[p.loc],
            "warning",
            f"{p.path}:{p.line}",
            language,
            n=len(getattr(digest.issue, p.loc.rsplit(".", 1)[1])),
        )
        for p in loaded.warnings()
    ]
    images: list[tuple[Loc, Any]] = [(("event", "image"), digest.event.image)]
    images += [
        (("event", "speakers", i, "photo"), s.photo) for i, s in enumerate(digest.event.speakers)
    ]
    for loc, image in images:
        if image is not None and not image.alt:
            found.append(_finding("missing-alt", "error", _where(loaded, (*loc, "alt")), language))
    for loc, url in _content_urls(loaded):
        if url.lower().startswith("http://"):
            found.append(
                _finding("insecure-link", "warning", _where(loaded, loc), language, url=url)
            )
    seen: dict[str, int] = {}
    for i, article in enumerate(digest.further_reading.articles):
        key = _comparable(article.url)
        if key in seen:
            found.append(
                _finding(
                    "duplicate-article",
                    "warning",
                    _where(loaded, ("further_reading", "articles", i, "url")),
                    language,
                    n=i + 1,
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
        if speaker.linkedin:
            yield ("event", "speakers", i, "linkedin"), speaker.linkedin
        if speaker.photo:
            yield ("event", "speakers", i, "photo", "src"), speaker.photo.src
    for i, article in enumerate(loaded.digest.further_reading.articles):
        yield ("further_reading", "articles", i, "url"), article.url
        if article.image:
            yield ("further_reading", "articles", i, "image", "src"), article.image.src


def check_html(loaded: Loaded, html: str) -> list[Finding]:
    """What the rendered email itself must have, whatever templates made it."""
    found, language = [], loaded.language
    if f'href="{href_value(loaded.outlet.unsubscribe)}"' not in html:
        found.append(_finding("no-unsubscribe", "error", "newsletter.html", language))
    for tag in re.findall(r"<img\b[^>]*>", html):
        if not re.search(r"\swidth=\"\d+\"", tag):
            src = re.search(r'src="([^"]*)"', tag)
            shown = src.group(1) if src else MESSAGES["no-src"][language]
            found.append(_finding("image-width", "warning", "newsletter.html", language, src=shown))
    return found


def check_left_for_editor(loaded: Loaded) -> list[Finding]:
    """The fields a drafted digest still leaves to fill in, as errors (so nothing half-filled
    gets sent), each at its line."""
    return [
        _finding(
            "left-for-editor",
            "error",
            f"{problem.path}:{problem.line}: {problem.loc}",
            loaded.language,
        )
        for problem in left_for_editor(loaded.digest_source)
    ]


def check_service(loaded: Loaded, html: str) -> list[Finding]:
    """The tags the outlet's email service requires, in the rendered email."""
    service = preset(loaded.outlet.esp)
    if service is None:
        return []
    language = loaded.language
    consequence = ESP_CONSEQUENCES.get(service.label, {}).get(language, service.consequence)
    return [
        _finding(
            "esp-tag-missing",
            "error",
            "newsletter.html",
            language,
            tag=tag,
            service=service.label,
            consequence=consequence,
        )
        for tag in service.required_tags(loaded.language)
        if tag not in html
    ]


def check_clients(report: ClientReport, language: Language = "en") -> list[Finding]:
    """Features some client family does not support, where nothing in the email covers them."""
    return [
        _finding(
            "client-support",
            "warning",
            "newsletter.html",
            language,
            {"feature": gap.slug, "families": gap.families},
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

    Raises :class:`~digestgen.spam.SpamCheckUnavailable` when SpamAssassin is not there.
    """
    message = sent_message(loaded, newsletter, READER)
    return spam_score(as_received(message, sender_domain(loaded)))


def check_spam(report: SpamReport, language: Language = "en") -> list[Finding]:
    """SpamAssassin's score: an error from its spam threshold, a warning above 1 point."""
    found = []
    if report.score >= report.required or report.score > SPAM_WARNING:
        fired = [r for r in report.rules if r.points > 0]
        rules = ", ".join(
            f"{r.name} {'+' if r.points >= 0 else ''}{decimal(r.points, language)}" for r in fired
        )
        separator = "\u202f; " if language == "fr" else "; "
        found.append(
            _finding(
                "spam-score",
                "error" if report.score >= report.required else "warning",
                "newsletter.eml",
                language,
                report.as_dict(),
                score=decimal(report.score, language),
                required=decimal(report.required, language),
                rules=rules,
                fixes=separator.join(r.fix_in(language) for r in fired),
            )
        )
    return found


def check_social(drafts: dict[str, Draft], language: Language = "en") -> list[Finding]:
    """Posts over their platform's limit after shortening, and a LinkedIn hook too long."""
    found = []
    for name, draft in drafts.items():
        for number in draft.over:
            post = draft.posts[number]
            found.append(
                _finding(
                    "too-long",
                    "error",
                    f"social/{name}.txt",
                    language,
                    code=f"{name}-too-long",
                    platform=draft.platform.label,
                    n=number + 1,
                    length=post.length,
                    limit=draft.platform.limit,
                )
            )
    linkedin = drafts.get("linkedin")
    if linkedin and linkedin.posts:
        hook = linkedin.posts[0].text.split("\n", 1)[0]
        shown = linkedin.platform.hook_limit or linkedin.platform.limit
        if len(hook) > shown:
            found.append(
                _finding(
                    "linkedin-hook",
                    "warning",
                    "social/linkedin.txt",
                    language,
                    length=len(hook),
                    limit=shown,
                )
            )
    return found


def check_rendered(
    loaded: Loaded, html: str, drafts: dict[str, Draft], clients: ClientReport
) -> list[Finding]:
    """Every finding that needs no network, errors first; ``clients`` is the email's
    :func:`~digestgen.clients.client_support` report."""
    language = loaded.language
    found = check_left_for_editor(loaded) + check_size(html, language) + check_content(loaded)
    found += check_html(loaded, html)
    found += check_service(loaded, html) + check_clients(clients, language)
    found += check_social(drafts, language)
    return sorted(found, key=lambda f: f.level != "error")


def check_links(
    loaded: Loaded, *, timeout: float = 10.0, workers: int = 4, allow_private: bool = False
) -> list[Finding]:
    """Fetch every URL of the digest through :mod:`digestgen.fetch`, a few at a time; broken
    or wandering ones are findings (a refused private address is an unreachable link)."""
    from concurrent.futures import ThreadPoolExecutor

    from digestgen.fetch import check_link

    def checked(url: str) -> LinkResult:
        return check_link(url, timeout=timeout, allow_private=allow_private)

    located = list(_content_urls(loaded))
    unique = list(dict.fromkeys(url for _, url in located))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(unique, pool.map(checked, unique), strict=True))
    found, language = [], loaded.language
    for loc, url in located:
        result, where = results[url], _where(loaded, loc)
        if result.status is None:
            error = result.error
            waited = re.fullmatch(r"no answer within (\S+) s", error)
            if waited:  # digestgen's own words, not the system's
                error = MESSAGES["no-answer-within"][language].format(seconds=waited.group(1))
            elif error == "no answer":
                error = MESSAGES["no-answer"][language]
            found.append(
                _finding("link-unreachable", "error", where, language, url=url, error=error)
            )
        elif result.status >= 400:
            found.append(
                _finding("link-broken", "error", where, language, url=url, status=result.status)
            )
        elif (urlsplit(result.final).hostname or "") != (urlsplit(url).hostname or ""):
            found.append(
                _finding("link-redirect", "warning", where, language, url=url, final=result.final)
            )
    return found
