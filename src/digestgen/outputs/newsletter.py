"""The newsletter: HTML email with its CSS inlined, plain-text alternative, .eml and the
further-reading block. Pure functions from a loaded digest to text and bytes."""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import re
import sys
import textwrap
import types
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from digestgen.content.esp import preset
from digestgen.content.load import Loaded
from digestgen.content.models import Brand, is_merge_tag
from digestgen.errors import DigestgenError
from digestgen.outputs.headers import mailbox, unstructured
from digestgen.render.colors import ensure_contrast, readable_on
from digestgen.render.templates import environment
from digestgen.render.utm import host_of
from digestgen.render.view import View

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
    background, surface, canvas = brand.background_color, "#f3f5f7", "#eef1f4"
    button_text = readable_on(brand.primary_color)
    return {
        "canvas": canvas,
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
        "muted_on_canvas": ensure_contrast("#5b6670", canvas),
        "link_on_canvas": ensure_contrast(brand.primary_color, canvas),
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


class _Requests(types.ModuleType):
    """What premailer holds as ``requests``: the real library, imported if premailer ever
    reaches for it (only to fetch an external stylesheet, which digestgen never lets it do)."""

    def __getattr__(self, name: str) -> Any:
        import requests

        return getattr(requests, name)


def _premailer() -> type:
    """premailer's ``Premailer``, imported without importing ``requests`` with it: premailer
    imports it at its top for the stylesheets it could fetch, and requests with urllib3 take
    half of premailer's import (about a tenth of a second of every newsletter); anything else
    that imports requests gets the real one."""
    if "premailer" in sys.modules or "requests" in sys.modules:
        from premailer import Premailer
    else:
        sys.modules["requests"] = _Requests("requests")
        try:
            from premailer import Premailer
        finally:
            del sys.modules["requests"]
    return Premailer  # type: ignore[no-any-return]


@functools.cache
def _inliner() -> type:
    """premailer, remembering the rules it reads from each stylesheet. It would otherwise turn
    the same stylesheet into rules again on every render (a fifth of a warm render's time, in
    a preview's rebuild or a batch); the rules only depend on the stylesheet's text."""
    Premailer = _premailer()

    remembered: dict[tuple[str, int], tuple[list[Any], list[Any]]] = {}

    class Inliner(Premailer):  # type: ignore[misc,valid-type]
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
    inlined = str(
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
    # lxml, under premailer, stops at a text node past its limits and returns the document cut
    # there: no footer, no unsubscribe link. The email is never sent shorter than its content.
    links = len(re.findall(r"<a\s", document, re.I)), len(re.findall(r"<a\s", inlined, re.I))
    if "</body>" not in inlined or links[1] < links[0]:
        raise EmailCut(
            f"the email came out shorter than its content when its CSS was inlined ({links[1]} "
            f"of {links[0]} links kept): a field is too large for the email; shorten it"
        )
    return inlined


class EmailCut(DigestgenError):
    """The inliner returned less than it was given."""


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


def _context(view: View) -> dict[str, Any]:
    outlet = view.loaded.outlet
    context = view.context(source=outlet.utm.source, medium=outlet.utm.medium)
    context.update(colors=palette(outlet.brand), dark=DARK)
    return context


def render_newsletter(view: View, workspace: Path) -> Newsletter:
    """Render the email, its plain-text alternative and the further-reading block."""
    env = environment(workspace)
    context = _context(view)
    links = service_links(view.loaded)
    # Each link the email service fills in is written as a slot, then swapped for its value
    # after inlining: the HTML serialiser would percent-encode a tag such as {{ unsubscribe }}.
    slots = {name: _SLOT.format(name) if links[name] else None for name in _HREFS}
    document = env.get_template("email/newsletter.html.j2").render(
        context,
        unsubscribe_href=slots["unsubscribe"],
        view_online_href=slots["view_online"],
        postal_address=links["address_html"] or context["outlet"].postal_address,
    )
    inlined = inline_css(document)
    for name, slot in slots.items():
        if slot:
            inlined = inlined.replace(slot, href_value(links[name] or ""))
    text = env.get_template("email/newsletter.txt.j2").render(
        context,
        unsubscribe_href=links["unsubscribe"],
        view_online_href=links["view_online"],
        postal_address=links["address_text"] or context["outlet"].postal_address,
    )
    further_md = env.get_template("email/further-reading.md.j2").render(context)
    return Newsletter(
        html=inlined,
        text=wrap_text(text).rstrip("\n") + "\n",
        further_html=further_reading_block(inlined),
        further_md=further_md.rstrip("\n") + "\n",
    )


_SLOT = "https://{}.digestgen.invalid/"
_HREFS = ("unsubscribe", "view_online")  # the links written as slots


def href_value(value: str) -> str:
    """``value`` as it stands in an ``href``: a merge tag verbatim, where the email service
    looks for it; a URL with the attribute escaping HTML requires."""
    return value if is_merge_tag(value) else html.escape(value)


def service_links(loaded: Loaded) -> dict[str, str | None]:
    """What the email service fills in: unsubscribe and view-online links, postal address."""
    outlet = loaded.outlet
    service = preset(outlet.esp)
    links: dict[str, str | None] = {
        "unsubscribe": outlet.unsubscribe,
        "view_online": outlet.view_online,
        "address_html": None,
        "address_text": None,
    }
    if service is not None:
        for name in ("address_html", "address_text"):
            tag = getattr(service, name)
            links[name] = service.tag(tag, loaded.language) if tag else None
    return links


def further_reading_block(inlined_html: str) -> str:
    """The further-reading block cut out of the inlined email, styles and links included."""
    match = _FURTHER.search(inlined_html)
    if not match:
        return ""
    return f'<div class="further-reading">\n{match.group(1)}\n</div>\n'


def build_eml(
    loaded: Loaded,
    newsletter: Newsletter,
    *,
    subject_prefix: str = "",
    to: str | None = None,
    sent: datetime | None = None,
    message_id: str | None = None,
) -> bytes:
    """The RFC 5322 message: multipart/alternative, text then HTML, UTF-8.

    Without ``sent`` and ``message_id`` it is deterministic (``Date:`` is ``issue.date`` at
    08:00 UTC, ``Message-ID`` is made from the slug): the file on disk is a template for the
    email service, byte-identical across builds. ``send-test`` passes the current time and a
    fresh identifier, as a real send has.
    """
    outlet, issue = loaded.outlet, loaded.digest.issue
    # Headers set with set_raw are written exactly as given (outputs/headers.py folds them); the
    # others fold as usual; quoted-printable lines stay within RFC 2045's 76 characters.
    message = EmailMessage(policy=SMTP.clone(refold_source="none", max_line_length=76))
    message.set_raw("Subject", unstructured("Subject", f"{subject_prefix}{issue.subject}"))
    sender = mailbox("From", outlet.sender.name, outlet.sender.email)
    if sender is None:
        message["From"] = Address(outlet.sender.name, addr_spec=outlet.sender.email)
    else:
        message.set_raw("From", sender)
    if to:
        message["To"] = to
    if outlet.reply_to:
        message["Reply-To"] = outlet.reply_to
    if sent is None:
        sent = datetime(issue.date.year, issue.date.month, issue.date.day, 8, tzinfo=UTC)
    message["Date"] = format_datetime(sent)
    domain = sender_domain(loaded)
    message["Message-ID"] = message_id or f"<{loaded.slug}.{issue.date.isoformat()}@{domain}>"
    for name, value in unsubscribe_headers(outlet.unsubscribe, outlet.unsubscribe_email):
        message.set_raw(name, value)
    message.set_content(newsletter.text, subtype="plain", charset="utf-8")
    message.add_alternative(newsletter.html, subtype="html", charset="utf-8")
    digest = hashlib.sha256((newsletter.text + newsletter.html).encode()).hexdigest()[:32]
    message.set_boundary(f"=_digestgen_{digest}")
    return message.as_bytes()


def sent_message(
    loaded: Loaded, newsletter: Newsletter, to: str, *, subject_prefix: str = ""
) -> bytes:
    """The message as a real send carries it: to ``to``, dated now, with a fresh Message-ID.

    The fixed ``Date:`` of the .eml would look days old to a spam filter, and a second test
    with the same ``Message-ID`` would look like a duplicate of the first.
    """
    from email.utils import make_msgid

    return build_eml(
        loaded,
        newsletter,
        subject_prefix=subject_prefix,
        to=to,
        sent=datetime.now(UTC),
        message_id=make_msgid(domain=sender_domain(loaded)),
    )


def sender_domain(loaded: Loaded) -> str:
    """The domain of the sender's address, for Message-IDs."""
    return loaded.outlet.sender.email.rsplit("@", 1)[1] or host_of(loaded.outlet.website)


# Printable ASCII stays as written in a header (merge tags such as {{subscriber_id}} included);
# anything else is percent-encoded, since a URI in List-Unsubscribe is ASCII (RFC 2369).
_HEADER_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in "<>")
_MAX_LINE = 998  # RFC 5322's limit, CRLF aside


def unsubscribe_headers(unsubscribe: str, mailto: str | None = None) -> list[tuple[str, str]]:
    """``List-Unsubscribe`` (RFC 2369) and ``List-Unsubscribe-Post`` (RFC 8058), as raw values.

    The ``mailto:`` address (when the outlet has one) and the https URL go in as written, on
    one line, never turned into encoded-words (which no mail client reads in a URI list, and
    which would hide a merge tag such as ``{{subscriber_id}}`` from the email service), with
    the one-click header Gmail and Yahoo require of bulk senders. An outlet whose unsubscribe
    link is a merge tag gets no header: the email service that fills the tag writes its own.
    """
    from urllib.parse import quote

    if is_merge_tag(unsubscribe) or not unsubscribe.lower().startswith("https://"):
        return []
    items = [f"<{quote(unsubscribe, safe=_HEADER_SAFE + '%')}>"]
    if mailto:
        items.insert(0, f"<mailto:{quote(mailto, safe=_HEADER_SAFE)}?subject=unsubscribe>")
    value = ", ".join(items)
    if len("List-Unsubscribe: ") + len(value) > _MAX_LINE:
        value = ",\n ".join(items)  # fold between items only, never inside a URI
    return [("List-Unsubscribe", value), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
