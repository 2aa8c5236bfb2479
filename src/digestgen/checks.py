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

from digestgen.clients import ClientReport
from digestgen.draft.placeholders import left_for_editor
from digestgen.email import Newsletter, href_value, sender_domain, sent_message
from digestgen.esp import preset
from digestgen.load import Loaded, Loc
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


def check_size(html: str) -> list[Finding]:
    """The email's weight against Gmail's clip, with what each block costs."""
    size = len(html.encode("utf-8"))
    if size < SIZE_WARNING:
        return []
    blocks = dict(sorted(block_sizes(html).items(), key=lambda item: -item[1]))
    heaviest = ", ".join(
        f"{name} {bytes_ / 1024:.1f} KB" for name, bytes_ in list(blocks.items())[:4]
    )
    return [
        Finding(
            "error" if size >= GMAIL_CLIP else "warning",
            "email-size",
            f"the email weighs {size / 1024:.1f} KB; Gmail clips it from 102 KB "
            f"(heaviest: {heaviest})",
            "newsletter.html",
            "shorten or cut the heaviest blocks: quotes, summaries, follow-up stories",
            {"bytes": size, "blocks": blocks},
        )
    ]


def check_content(loaded: Loaded) -> list[Finding]:
    """Alt text, insecure links and repeated follow-up stories, each at its line."""
    found = [
        Finding(
            "warning",
            f"{p.loc.replace('.', '-')}-length",
            p.message,
            f"{p.path}:{p.line}",
            "rewrite it to the length inboxes show",
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
            found.append(
                Finding(
                    "error",
                    "missing-alt",
                    "an image that carries content has no alt text; readers with images off "
                    "or a screen reader get nothing",
                    _where(loaded, (*loc, "alt")),
                    "describe what the image shows in `alt`",
                )
            )
    for loc, url in _content_urls(loaded):
        if url.lower().startswith("http://"):
            found.append(
                Finding(
                    "warning",
                    "insecure-link",
                    f"{url} is not https; browsers and spam filters distrust it",
                    _where(loaded, loc),
                    "use the https:// address",
                )
            )
    seen: dict[str, int] = {}
    for i, article in enumerate(digest.further_reading.articles):
        key = _comparable(article.url)
        if key in seen:
            found.append(
                Finding(
                    "warning",
                    "duplicate-article",
                    f"follow-up story {i + 1} links to the same page as story {seen[key] + 1}",
                    _where(loaded, ("further_reading", "articles", i, "url")),
                    "remove one of them or link another story",
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
    found = []
    if f'href="{href_value(loaded.outlet.unsubscribe)}"' not in html:
        found.append(
            Finding(
                "error",
                "no-unsubscribe",
                "the email has no unsubscribe link; the law and the inbox providers require one",
                "newsletter.html",
                "keep `unsubscribe_href` in the footer of templates/email/newsletter.html.j2",
            )
        )
    for tag in re.findall(r"<img\b[^>]*>", html):
        if not re.search(r"\swidth=\"\d+\"", tag):
            src = re.search(r'src="([^"]*)"', tag)
            found.append(
                Finding(
                    "warning",
                    "image-width",
                    f"an image has no width attribute ({src.group(1) if src else 'no src'}); "
                    "Outlook then shows it at its full size",
                    "newsletter.html",
                    "give the image a width (`width:` in the YAML, or in the template)",
                )
            )
    return found


def check_left_for_editor(loaded: Loaded) -> list[Finding]:
    """The fields a drafted digest still leaves to fill in, as errors (so nothing half-filled
    gets sent), each at its line."""
    return [
        Finding(
            "error",
            "left-for-editor",
            "the article did not say it; `digestgen draft` left a placeholder",
            where=f"{problem.path}:{problem.line}: {problem.loc}",
            fix="write the value in the digest file",
        )
        for problem in left_for_editor(loaded.digest_source)
    ]


def check_service(loaded: Loaded, html: str) -> list[Finding]:
    """The tags the outlet's email service requires, in the rendered email."""
    service = preset(loaded.outlet.esp)
    if service is None:
        return []
    return [
        Finding(
            "error",
            "esp-tag-missing",
            f"the email lacks {tag}, which {service.label} requires; {service.consequence}",
            "newsletter.html",
            f"keep {tag} in the template (unsubscribe_href, postal_address), or remove "
            "`unsubscribe:` from outlet.yaml to use the service's own",
        )
        for tag in service.required_tags(loaded.language)
        if tag not in html
    ]


def check_clients(report: ClientReport) -> list[Finding]:
    """Features some client family does not support, where nothing in the email covers them."""
    return [
        Finding(
            "warning",
            "client-support",
            f"{gap.title} is not supported in {', '.join(gap.uncovered)} (caniemail)",
            "newsletter.html",
            f"use something these clients support, or add a fallback: {gap.url}",
            {"feature": gap.slug, "families": gap.families},
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


def check_spam(report: SpamReport) -> list[Finding]:
    """SpamAssassin's score: an error from its spam threshold, a warning above 1 point."""
    found = []
    if report.score >= report.required or report.score > SPAM_WARNING:
        rules = ", ".join(f"{r.name} {r.points:+.1f}" for r in report.rules if r.points > 0)
        found.append(
            Finding(
                "error" if report.score >= report.required else "warning",
                "spam-score",
                f"SpamAssassin scores the email {report.score:.1f} "
                f"(spam from {report.required:.1f}): {rules}",
                "newsletter.eml",
                "; ".join(r.fix for r in report.rules if r.points > 0),
                report.as_dict(),
            )
        )
    return found


def check_social(drafts: dict[str, Draft]) -> list[Finding]:
    """Posts over their platform's limit after shortening, and a LinkedIn hook too long."""
    found = []
    for name, draft in drafts.items():
        for number in draft.over:
            post = draft.posts[number]
            found.append(
                Finding(
                    "error",
                    f"{name}-too-long",
                    f"{draft.platform.label} post {number + 1} is {post.length} long; "
                    f"the limit is {draft.platform.limit}",
                    f"social/{name}.txt",
                    "shorten the URL or the text it comes from",
                )
            )
    linkedin = drafts.get("linkedin")
    if linkedin and linkedin.posts:
        hook = linkedin.posts[0].text.split("\n", 1)[0]
        shown = linkedin.platform.hook_limit or linkedin.platform.limit
        if len(hook) > shown:
            found.append(
                Finding(
                    "warning",
                    "linkedin-hook",
                    f"the LinkedIn hook is {len(hook)} characters; LinkedIn shows {shown}",
                    "social/linkedin.txt",
                    "shorten issue.subject",
                )
            )
    return found


def check_rendered(
    loaded: Loaded, html: str, drafts: dict[str, Draft], clients: ClientReport
) -> list[Finding]:
    """Every finding that needs no network, errors first; ``clients`` is the email's
    :func:`~digestgen.clients.client_support` report."""
    found = check_left_for_editor(loaded) + check_size(html) + check_content(loaded)
    found += check_html(loaded, html)
    found += check_service(loaded, html) + check_clients(clients)
    found += check_social(drafts)
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
    found = []
    for loc, url in located:
        result, where = results[url], _where(loaded, loc)
        if result.status is None:
            found.append(
                Finding(
                    "error",
                    "link-unreachable",
                    f"{url}: {result.error}",
                    where,
                    "check the address, or try again when the site answers",
                )
            )
        elif result.status >= 400:
            found.append(
                Finding(
                    "error",
                    "link-broken",
                    f"{url} answers {result.status}",
                    where,
                    "fix the address or link another page",
                )
            )
        elif (urlsplit(result.final).hostname or "") != (urlsplit(url).hostname or ""):
            found.append(
                Finding(
                    "warning",
                    "link-redirect",
                    f"{url} redirects to {result.final}",
                    where,
                    "link the final address directly",
                )
            )
    return found
