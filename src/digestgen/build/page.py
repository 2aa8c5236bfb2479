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
from digestgen.text.messages import PREVIEW, kilobytes, number

if TYPE_CHECKING:
    from pathlib import Path

    from digestgen.checks.clients import ClientReport
    from digestgen.checks.findings import Finding
    from digestgen.outputs.newsletter import Newsletter


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
    ui = PREVIEW[language]
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
            post_html=post_html,
            findings=findings,
            clients=clients,
            email_size=len(newsletter.html.encode("utf-8")),
            newsletter_text=newsletter.text,
            data_json=_script_json(data),
            build_id=fingerprint,
            number=lambda value: number(value, language),
            kilobytes=lambda size: kilobytes(size, language),
        )
    )
