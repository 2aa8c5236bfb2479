"""The preview page, ``out/<slug>/index.html``: the email in its views, the inbox line, the
checks and every social post with a Copy button, in one self-contained file."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from digestgen.outputs.social import Draft
from digestgen.platforms.base import Platform
from digestgen.render.templates import environment
from digestgen.render.view import View
from digestgen.text.catalog import T_, Message, table
from digestgen.text.formats import kilobytes, long_date, number

if TYPE_CHECKING:
    from pathlib import Path

    from digestgen.checks.base import Finding
    from digestgen.checks.caniemail import ClientReport
    from digestgen.outputs.newsletter import Newsletter
    from digestgen.text.language import Language


def _script_json(data: Any) -> str:
    # Inside <script>, "</script>" or "<!--" in a post or the email must not end the element.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_TAG = re.compile(r"(?<![\w&/])([#@][\w.]*\w)")


def post_html(platform: Platform, text: str) -> Markup:
    """A post's text as ``platform`` shows it once posted: each link written as it displays
    there (pointing at the whole URL), hashtags and handles in the link colour. Line breaks
    are kept by the page's CSS."""
    pieces: list[str] = []
    last = 0
    for start, end in platform.find_links(text):
        url = text[start:end]
        pieces.append(_tagged(text[last:start]))
        pieces.append(
            Markup('<a href="{0}" title="{0}" rel="noopener" target="_blank">{1}</a>').format(
                url, platform.shown_url(url)
            )
        )
        last = end
    pieces.append(_tagged(text[last:]))
    return Markup("").join(pieces)


def _tagged(text: str) -> Markup:
    escaped = str(escape(text))
    return Markup(_TAG.sub(r'<span class="tag">\1</span>', escaped))


def render_page(
    view: View,
    workspace: Path,
    *,
    newsletter: Newsletter,
    drafts: dict[str, Draft],
    social: dict[str, dict[str, Any]],
    findings: list[Finding],
    clients: ClientReport,
    fingerprint: str,
) -> str:
    """The preview page of a build: its email, its drafts with ``social`` (``social.json``'s
    data, share images included), the ``findings`` and ``clients`` report of its checks, and
    the build's ``fingerprint``, which the page compares with the served one to reload."""
    context = view.context(source="preview", medium="preview")
    language = view.language
    ui = table(language, PREVIEW)
    # Which share images go with which post: on a thread the cover with the hook and each
    # speaker's card with their post; on a single post all of them.
    cards_for: dict[str, dict[int, list[dict[str, str]]]] = {}
    for name, draft in drafts.items():
        cards = social[name].get("cards", [])
        if draft.platform.shape == "post":
            cards_for[name] = {0: cards}
        else:
            cards_for[name] = {i: [card] for i, card in enumerate(cards)}
    data = {"html": newsletter.html, "social": social, "ui": ui}
    return (
        environment(workspace)
        .get_template("preview/index.html.j2")
        .render(
            context,
            ui=ui,
            drafts=drafts,
            cards_for=cards_for,
            documents=document_cards(social, language),
            post_html=post_html,
            findings=findings,
            clients=clients,
            email_size=len(newsletter.html.encode("utf-8")),
            newsletter_text=newsletter.text,
            data_json=_script_json(data),
            build_id=fingerprint,
            number=lambda value: number(value, language),
            kilobytes=lambda size: kilobytes(size, language),
            link_cards=link_cards(view, drafts),
            plan=plan_timeline(drafts, social, language),
        )
    )


def plan_timeline(
    drafts: dict[str, Draft], social: dict[str, dict[str, Any]], language: Language
) -> dict[str, Any]:
    """The posting plan of ``social.json`` as the preview's timeline: its timezone and files,
    and one entry per moment (its day in the digest's language, its hour), each with the posts
    that go out then."""
    from datetime import datetime

    plan = social.get("plan", {})
    moments: dict[str, dict[str, Any]] = {}
    for planned in plan.get("posts", []):
        when = datetime.fromisoformat(planned["at"])
        moment = moments.setdefault(
            planned["at"],
            {"at": planned["at"], "day": long_date(when.date(), language), "time": f"{when:%H:%M}"},
        )
        text = social[planned["network"]]["posts"][planned["post"] - 1]["text"]
        moment.setdefault("posts", []).append(
            {
                "label": drafts[planned["network"]].platform.label,
                "post": planned["post"],
                "total": planned["total"],
                "first_line": text.split("\n", 1)[0],
            }
        )
    return {
        "timezone": plan.get("timezone"),
        "files": plan.get("files", []),
        "moments": list(moments.values()),
    }


DOCUMENT: dict[str, Message] = {
    "heading": T_("preview:document", "Document post (carousel)"),
    "hint": T_(
        "preview:document_hint", "{pages} pages, to post as a document with this title: {title}"
    ),
    "download": T_("preview:document_download", "Download the PDF"),
    "alt": T_("preview:document_alt", "First page of the carousel: {title}"),
}
"""The words of a document post's card in the preview (``_carousel.html.j2``)."""


def document_cards(social: dict[str, dict[str, Any]], language: Language) -> dict[str, Any]:
    """By platform, the document post ``social.json`` notes (the LinkedIn carousel) as the
    preview's card shows it: its files, its first page and its words."""
    cards = {}
    for name, data in social.items():
        note = data.get("document") if isinstance(data, dict) else None
        if note:
            words = {
                "heading": DOCUMENT["heading"](language),
                "hint": DOCUMENT["hint"](language, pages=note["pages"], title=note["title"]),
                "download": DOCUMENT["download"](language),
                "alt": DOCUMENT["alt"](language, title=note["title"]),
            }
            cards[name] = {**note, **words}
    return cards


def link_cards(view: View, drafts: dict[str, Draft]) -> dict[str, Any]:
    """What ``preview/_link_card.html.j2`` shows under each post whose app unfurls the recap's
    link (X the post's last link, the others its first): the card of ``event.link_card`` as
    each network lays it out by its rules (``Platform.link_card``), and the card's words."""
    from urllib.parse import urlsplit

    words = {
        "label": T_("preview:link_card", "Link card as {platform} shows it"),
        "from": T_("preview:link_card_from", "From {domain}"),
        "no_image": T_("preview:link_card_no_image", "no image"),
        # The page opens nothing from the web by itself: the image loads when asked.
        "show_image": T_("preview:link_card_show_image", "Show the images (from {domain})"),
    }
    card = view.loaded.digest.event.link_card

    def bare(url: str) -> str:
        return url.split("#", 1)[0].split("?", 1)[0].rstrip("/")

    recap = bare(view.loaded.digest.event.url)
    host = urlsplit((card.url if card else None) or view.loaded.digest.event.url).hostname or ""
    cards: dict[str, Any] = {}
    for name, draft in drafts.items() if card is not None else ():
        rules = draft.platform.link_card
        if rules is None or card is None:
            continue
        posts = []
        for index, post in enumerate(draft.posts):
            spans = draft.platform.find_links(post.text)
            if spans:
                start, end = spans[-1] if rules.twitter_card else spans[0]
                if bare(post.text[start:end]) == recap:
                    posts.append(index)
        if not posts:
            continue
        image, title, small = rules.image(card), rules.title(card), rules.small(card)
        description = card.description if rules.description_lines else None
        cards[name] = {
            "posts": posts,
            "label": words["label"](view.language, platform=draft.platform.label),
            "image": image[0] if image else None,
            "show_image": words["show_image"](
                view.language, domain=urlsplit(image[0]).hostname if image else ""
            ),
            "ratio": "1 / 1" if small else f"{rules.ratio:g} / 1",
            "small": small,
            "overlay": rules.twitter_card and not small,  # X lays the title on the image
            "title": rules.cut(title, rules.title_chars) if title else "",
            "title_lines": 1 if small else rules.title_lines,
            "description": rules.cut(description, rules.description_chars) if description else "",
            "description_lines": rules.description_lines,
            "domain": words["from"](view.language, domain=host) if rules.twitter_card else host,
            "domain_at": rules.domain,
        }
    first = next(((n, c["posts"][0]) for n, c in cards.items()), None)
    return {"cards": cards, "first": first, "no_image": words["no_image"](view.language)}


PREVIEW: dict[str, Message] = {
    "title": T_("preview:title", "Preview"),
    "inbox": T_("preview:inbox", "In the inbox"),
    "email": T_("preview:email", "The email"),
    "desktop": T_("preview:desktop", "Desktop (600 px)"),
    "phone": T_("preview:phone", "Phone (375 px)"),
    "dark": T_("preview:dark", "Dark mode"),
    "images_off": T_("preview:images_off", "Images off"),
    "plain_text": T_("preview:plain_text", "Plain text"),
    "views": T_("preview:views", "Email view"),
    "findings": T_("preview:findings", "Checks"),
    "no_findings": T_("preview:no_findings", "Nothing to report."),
    "error": T_("preview:error", "Error"),
    "warning": T_("preview:warning", "Warning"),
    "social": T_("preview:social", "Social posts"),
    "post": T_("preview:post", "Post"),
    "copy_button": T_("preview:copy_button", "Copy"),
    "copied": T_("preview:copied", "Copied"),
    "copied_status": T_("preview:copied_status", "Post {n} ({platform}) copied to the clipboard."),
    "copied_comment_status": T_(
        "preview:copied_comment_status",
        "First comment ({platform}) copied to the clipboard.",
    ),
    "over": T_("preview:over", "too long"),
    "limit": T_("preview:limit", "limit"),
    "size": T_("preview:size", "Email size"),
    "kb": T_("preview:kb", "KB"),
    "download": T_("preview:download", "Download the image"),
    "problems": T_(
        "preview:problems",
        "The content no longer validates: the preview shows the last good build.",
    ),
    "files": T_("preview:files", "Files"),
    "digests": T_("preview:digests", "Digests"),
    "first_comment": T_("preview:first_comment", "First comment"),
    "first_comment_hint": T_(
        "preview:first_comment_hint", "Post it as a comment, right after the post."
    ),
    "no_style": T_("preview:no_style", "Phone without styles"),
    "inbox_checks": T_("preview:inbox_checks", "In mail clients"),
    "clients": T_("preview:clients", "Email clients"),
    "clients_summary": T_(
        "preview:clients_summary",
        "{used} features used, {gaps} not supported everywhere (caniemail, {date}).",
    ),
    "feature": T_("preview:feature", "Feature"),
    "lacking": T_("preview:lacking", "Not fully supported in"),
    "fallback": T_("preview:fallback", "Fallback in the email"),
    "no_fallback": T_("preview:no_fallback", "none"),
    "unsupported": T_("preview:unsupported", "no"),
    "partial": T_("preview:partial", "partly"),
    "spam_static": T_(
        "preview:spam_static",
        "Spam score: run digestgen check or digestgen preview (SpamAssassin).",
    ),
    "spam_running": T_("preview:spam_running", "Spam score: running SpamAssassin…"),
    "spam_result": T_(
        "preview:spam_result",
        "Spam score (SpamAssassin, local rules): {score} of {required}.",
    ),
    "decimal": T_("preview:decimal", "."),
    "gmail_clip": T_("preview:gmail_clip", "102 KB"),
    "clauses": T_("preview:clauses", "; "),
    "plan": T_("preview:plan", "Posting plan"),
    "plan_hint": T_(
        "preview:plan_hint",
        "When each post goes out, in {timezone} time (social.plan); import the calendar or the "
        "Buffer file:",
    ),
    "plan_post": T_("preview:plan_post", "post {post} of {total}"),
}
"""The preview page's own words (``ui.<name>`` in its template), in the digest's language."""
