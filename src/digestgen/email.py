"""The newsletter: HTML email with its CSS inlined, plain-text alternative, .eml and the
further-reading block. Pure functions from a loaded digest to text and bytes."""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import re
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from digestgen.colors import ensure_contrast, readable_on
from digestgen.context import view
from digestgen.links import host_of
from digestgen.load import Loaded
from digestgen.models import Brand, is_merge_tag
from digestgen.templates import environment

# Written where the unsubscribe link goes, and swapped for the verbatim value after inlining:
# the HTML serialiser would otherwise percent-encode a merge tag such as {{ unsubscribe }}.
_UNSUBSCRIBE_SLOT = "https://unsubscribe.digestgen.invalid/"
_FURTHER = re.compile(
    r"<!-- further-reading:start -->\s*(.*?)\s*<!-- further-reading:end -->", re.S
)
TEXT_WIDTH = 78


@dataclass(frozen=True)
class Newsletter:
    """Every file of the newsletter issue, as text."""

    html: str
    text: str
    further_html: str
    further_md: str


def palette(brand: Brand) -> dict[str, str]:
    """The light theme: brand colours, with text colours adjusted to reach WCAG AA (4.5:1)."""
    background, surface = brand.background_color, "#f3f5f7"
    button_text = readable_on(brand.primary_color)
    return {
        "canvas": "#eef1f4",
        "background": background,
        "surface": surface,
        "primary": brand.primary_color,
        "button": ensure_contrast(brand.primary_color, button_text),
        "button_text": button_text,
        "text": ensure_contrast(brand.text_color, background),
        "link": ensure_contrast(brand.primary_color, background),
        "link_on_surface": ensure_contrast(brand.primary_color, surface),
        "muted": ensure_contrast("#5b6670", background),
        "muted_on_surface": ensure_contrast("#5b6670", surface),
        "rule": "#d9dee3",
    }


DARK = {
    "canvas": "#0d0f12",
    "background": "#16191d",
    "surface": "#1f2329",
    "text": "#eceff2",
    "muted": "#b4bcc4",
    "link": "#8fc1ff",
    "button": "#8fc1ff",
    "button_text": "#0d0f12",
}


@functools.cache
def _inliner() -> type:
    """premailer, remembering the rules it reads from each stylesheet. It would otherwise turn
    the same stylesheet into rules again on every render (a fifth of a warm render's time, in
    a preview's rebuild or a batch); the rules only depend on the stylesheet's text."""
    from premailer import Premailer

    remembered: dict[tuple[str, int], tuple[list[Any], list[Any]]] = {}

    class Inliner(Premailer):  # type: ignore[misc]
        def _parse_style_rules(
            self, css_body: str, ruleset_index: int
        ) -> tuple[list[Any], list[Any]]:
            key = (css_body, ruleset_index)
            if key not in remembered:
                if len(remembered) >= 32:
                    remembered.clear()
                remembered[key] = super()._parse_style_rules(css_body, ruleset_index)
            rules, leftover = remembered[key]
            return list(rules), list(leftover)

    return Inliner


def inline_css(document: str) -> str:
    """``document`` with its CSS inlined; ``@media`` rules stay in ``<head>`` with !important."""
    import cssutils

    cssutils.log.setLevel(logging.CRITICAL)
    return str(
        _inliner()(
            document,
            allow_network=False,
            strip_important=False,
            keep_style_tags=False,
            remove_classes=False,
            disable_validation=True,
            cssutils_logging_level=logging.CRITICAL,
            # Image sizes come from the templates' attributes; premailer would copy CSS
            # values such as width:100% or height:auto into them, which Outlook misreads.
            disable_basic_attributes=["width", "height"],
        ).transform()
    )


def wrap_text(text: str, width: int = TEXT_WIDTH) -> str:
    """Wrap every line longer than ``width``, keeping its indent (and a list marker's hang).

    Words are never broken, so a URL longer than the width stays whole on its own line.
    """
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line.rstrip() if line != "-- " else line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        marker = re.match(r" *(- |\[\d+\] |— )", line)
        hang = " " * len(marker.group(0)) if marker else indent
        out.extend(
            textwrap.wrap(
                line.strip(" "),
                width=width,
                initial_indent=indent,
                subsequent_indent=hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def _context(loaded: Loaded) -> dict[str, Any]:
    utm = loaded.outlet.utm
    context = view(loaded, source=utm.source, medium=utm.medium)
    context.update(colors=palette(loaded.outlet.brand), dark=DARK)
    return context


def render_newsletter(loaded: Loaded, workspace: Path) -> Newsletter:
    """Render the email, its plain-text alternative and the further-reading block."""
    env = environment(workspace)
    context = _context(loaded)
    unsubscribe = loaded.outlet.unsubscribe
    document = env.get_template("email/newsletter.html.j2").render(
        context, unsubscribe_href=_UNSUBSCRIBE_SLOT
    )
    # Merge tags go in verbatim; a URL gets the attribute escaping HTML requires.
    verbatim = unsubscribe if is_merge_tag(unsubscribe) else html.escape(unsubscribe)
    inlined = inline_css(document).replace(_UNSUBSCRIBE_SLOT, verbatim)
    text = env.get_template("email/newsletter.txt.j2").render(context, unsubscribe_href=unsubscribe)
    further_md = env.get_template("email/further-reading.md.j2").render(context)
    return Newsletter(
        html=inlined,
        text=wrap_text(text).rstrip("\n") + "\n",
        further_html=further_reading_block(inlined),
        further_md=further_md.rstrip("\n") + "\n",
    )


def further_reading_block(inlined_html: str) -> str:
    """The further-reading block cut out of the inlined email, styles and links included."""
    match = _FURTHER.search(inlined_html)
    if not match:
        return ""
    return f'<div class="further-reading">\n{match.group(1)}\n</div>\n'


def build_eml(
    loaded: Loaded, newsletter: Newsletter, *, subject_prefix: str = "", to: str | None = None
) -> bytes:
    """The RFC 5322 message: multipart/alternative, text then HTML, UTF-8, deterministic."""
    outlet, issue = loaded.outlet, loaded.digest.issue
    message = EmailMessage(policy=SMTP)
    message["Subject"] = f"{subject_prefix}{issue.subject}"
    message["From"] = Address(outlet.sender.name, addr_spec=outlet.sender.email)
    if to:
        message["To"] = to
    if outlet.reply_to:
        message["Reply-To"] = outlet.reply_to
    # Sent at 08:00 UTC on issue.date: a fixed hour keeps the file byte-identical across runs.
    sent = datetime(issue.date.year, issue.date.month, issue.date.day, 8, tzinfo=UTC)
    message["Date"] = format_datetime(sent)
    domain = outlet.sender.email.rsplit("@", 1)[1] or host_of(outlet.website)
    message["Message-ID"] = f"<{loaded.slug}.{issue.date.isoformat()}@{domain}>"
    if not is_merge_tag(outlet.unsubscribe):
        message["List-Unsubscribe"] = f"<{outlet.unsubscribe}>"
    message.set_content(newsletter.text, subtype="plain", charset="utf-8")
    message.add_alternative(newsletter.html, subtype="html", charset="utf-8")
    digest = hashlib.sha256((newsletter.text + newsletter.html).encode()).hexdigest()[:32]
    message.set_boundary(f"=_digestgen_{digest}")
    return message.as_bytes()
