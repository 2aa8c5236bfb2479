"""The preview page, ``out/<slug>/index.html``: the email in its views, the inbox line, the
checks and every social post with a Copy button, in one self-contained file."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from digestgen.checks import check_rendered
from digestgen.clients import client_support
from digestgen.context import view
from digestgen.load import Loaded
from digestgen.locale import PREVIEW, kilobytes
from digestgen.platform_links import links_in, shown_url
from digestgen.social import LINKEDIN_COMMENT, Draft
from digestgen.templates import environment


def build_id(files: Mapping[str, str | bytes]) -> str:
    """A fingerprint of a build's files: the page reloads when the served one differs."""
    digest = hashlib.sha256()
    for name in sorted(files):
        # Card pixels depend on the installed FreeType; their texts are in social.json.
        if name == "index.html" or name.startswith("cards/"):
            continue
        content = files[name]
        digest.update(name.encode() + b"\0")
        digest.update(content.encode() if isinstance(content, str) else content)
    return digest.hexdigest()[:16]


def _script_json(data: Any) -> str:
    # Inside <script>, "</script>" or "<!--" in a post or the email must not end the element.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_TAG = re.compile(r"(?<![\w&/])([#@][\w.]*\w)")


def post_html(platform: str, text: str) -> Markup:
    """A post's text as ``platform`` shows it once posted: each link written as it displays
    there (pointing at the whole URL), hashtags and handles in the link colour. Line breaks
    are kept by the page's CSS."""
    pieces: list[str] = []
    last = 0
    for start, end in links_in(platform, text):
        url = text[start:end]
        pieces.append(_tagged(text[last:start]))
        pieces.append(
            Markup('<a href="{0}" title="{0}" rel="noopener" target="_blank">{1}</a>').format(
                url, shown_url(platform, url)
            )
        )
        last = end
    pieces.append(_tagged(text[last:]))
    return Markup("").join(pieces)


def _tagged(text: str) -> Markup:
    escaped = str(escape(text))
    return Markup(_TAG.sub(r'<span class="tag">\1</span>', escaped))


def render_page(
    loaded: Loaded, workspace: Path, files: Mapping[str, str | bytes], drafts: dict[str, Draft]
) -> str:
    """The preview page for a build whose other files are ``files``."""
    html, text = str(files["newsletter.html"]), str(files["newsletter.txt"])
    context = view(loaded, source="preview", medium="preview")
    ui = PREVIEW[loaded.language]
    social = json.loads(str(files["social.json"]))
    # Which share images go with which post: on X the cover with the hook and each speaker's
    # card with their post; on LinkedIn all of them with the one post.
    cards_for: dict[str, dict[int, list[dict[str, str]]]] = {}
    for platform, draft in social.items():
        cards = draft.get("cards", [])
        if platform == "linkedin":
            cards_for[platform] = {0: cards}
        else:
            cards_for[platform] = {i: [card] for i, card in enumerate(cards)}
    data = {"html": html, "social": social, "ui": ui}
    return (
        environment(workspace)
        .get_template("preview/index.html.j2")
        .render(
            context,
            ui=ui,
            drafts=drafts,
            cards_for=cards_for,
            post_html=post_html,
            comment_limit=LINKEDIN_COMMENT,
            findings=check_rendered(loaded, html, drafts),
            clients=client_support(html, loaded.language),
            email_size=len(html.encode("utf-8")),
            email_size_shown=kilobytes(len(html.encode("utf-8")), loaded.language),
            newsletter_text=text,
            data_json=_script_json(data),
            build_id=build_id(files),
        )
    )
