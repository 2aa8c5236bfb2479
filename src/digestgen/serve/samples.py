"""Sample values in place of the email service's merge tags, for what an editor looks at
before the send: the page ``digestgen preview`` serves and the message ``digestgen send-test``
sends. The files in ``out/`` keep the tags, for the service to fill in per subscriber.

The tags are the outlet's service's (:mod:`digestgen.content.esp`: unsubscribe, "view in
browser", postal address), its first-name tags, and the outlet's own ``unsubscribe`` and
``view_online`` values when they hold a tag (a URL with ``{{subscriber_id}}`` in it is replaced
whole: it is nobody's link). Each is found as written in a text, in HTML (escaped or not, with
or without spaces inside its braces) and in the preview page's JSON, and replaced in one pass.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from markupsafe import escape

from digestgen.content.esp import preset
from digestgen.content.fields import MERGE_TAG
from digestgen.text.catalog import T_

if TYPE_CHECKING:
    from digestgen.content.load import Loaded
    from digestgen.outputs.newsletter import Newsletter
    from digestgen.text.language import Language

FIRST_NAME = "Camille"

Context = Literal["text", "html", "script"]
"""Where a tag stands: plain text, HTML, or the email's HTML inside the preview page's JSON."""

NOTICE = T_(
    "samples:notice",
    "Sample values in place of {service}'s merge tags (first name: {first_name}); the files "
    "in out/ keep the tags for {service}.",
)
SENT_NOTICE = T_(
    "samples:sent",
    "Sample values in place of {service}'s merge tags (first name: {first_name}, links to "
    "example.invalid); the real send fills them in for each subscriber.",
)
ANY_SERVICE = T_("samples:any_service", "your email service")

# send-test's links go nowhere: a name under .invalid is never resolved (RFC 2606).
SENT_ARCHIVE = "https://example.invalid/view-online"
SENT_UNSUBSCRIBE = "https://example.invalid/unsubscribe"


@dataclass(frozen=True)
class Samples:
    """The merge tags of a digest's email and the sample value shown for each."""

    service: str
    """The service's name (``Mailchimp``), or empty when the outlet names none."""
    values: tuple[tuple[str, str], ...]
    """Each tag as the outputs write it, and its sample; longest first, so that SendGrid's
    whole address goes before its parts."""

    def fill(self, text: str, context: Context = "text") -> tuple[str, int]:
        """``text`` with every tag replaced by its sample, and how many were."""
        if not self.values:
            return text, 0
        pattern, samples = _compiled(self.values, context)
        count = 0

        def sample(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return samples[int((match.lastgroup or "t0")[1:])]

        return pattern.sub(sample, text), count

    def notice(self, language: Language, *, sent: bool = False) -> str:
        """The one line that says so, on the preview page or printed by send-test."""
        service = self.service or ANY_SERVICE(language)
        said = SENT_NOTICE if sent else NOTICE
        return said(language, service=service, first_name=FIRST_NAME)


def samples_for(loaded: Loaded, *, archive: str, unsubscribe: str) -> Samples:
    """The tags of ``loaded``'s email with their samples: ``archive`` for the "view in
    browser" link, ``unsubscribe`` for the unsubscribe link, the outlet's postal address for
    the service's address, and Camille for the first name."""
    outlet, language = loaded.outlet, loaded.language
    service = preset(outlet.esp)
    pairs: dict[str, str] = {}
    if service is not None:
        for tag in (service.address_html, service.address_text):
            if tag:
                pairs[service.tag(tag, language)] = outlet.postal_address
        if service.view_online:
            pairs[service.tag(service.view_online, language)] = archive
        pairs[service.tag(service.unsubscribe, language)] = unsubscribe
        for tag in service.first_name:
            pairs[tag] = FIRST_NAME
        if outlet.esp == "sendgrid":  # its address's parts, for a template that splits them
            pairs["{{Sender_Name}}"] = outlet.name
            pairs["{{Sender_Address}}"] = outlet.postal_address
    for value, sample in ((outlet.unsubscribe, unsubscribe), (outlet.view_online, archive)):
        if value and MERGE_TAG.search(value):
            pairs[value] = sample
    ordered = sorted(pairs.items(), key=lambda pair: -len(pair[0]))
    return Samples(service.label if service else "", tuple(ordered))


def fill_newsletter(newsletter: Newsletter, samples: Samples) -> tuple[Newsletter, int]:
    """The email, its text and its further-reading block with samples for their tags."""
    html_text, in_html = samples.fill(newsletter.html, "html")
    text, in_text = samples.fill(newsletter.text, "text")
    further, _ = samples.fill(newsletter.further_html, "html")
    filled = dataclasses.replace(newsletter, html=html_text, text=text, further_html=further)
    return filled, in_html + in_text


def fill_loaded(loaded: Loaded, samples: Samples) -> Loaded:
    """The digest as send-test sends it: a tag in its subject filled in, and the outlet's
    unsubscribe link (which goes into the List-Unsubscribe header) a sample when it holds a
    tag, so that a mail client's own Unsubscribe button reaches nobody's subscription."""
    digest, outlet = loaded.digest, loaded.outlet
    subject, _ = samples.fill(digest.issue.subject)
    preheader, _ = samples.fill(digest.issue.preheader)
    issue = digest.issue.model_copy(update={"subject": subject, "preheader": preheader})
    unsubscribe, _ = samples.fill(outlet.unsubscribe)
    return dataclasses.replace(
        loaded,
        digest=digest.model_copy(update={"issue": issue}),
        outlet=outlet.model_copy(update={"unsubscribe": unsubscribe}),
    )


# --- the preview page ------------------------------------------------------------------------

# The page's parts that show the email (its JSON, its plain text, the inbox line); the checks'
# findings, which may name a tag the email lacks, are left as they are.
_PAGE_DATA = re.compile(r'(<script\b[^>]*\bid="preview-data"[^>]*>)(.*?)(</script>)', re.S)
_PAGE_TEXT = re.compile(
    r'(<(pre|span|p|div)\b[^>]*\bid="(?:email-text|inbox-subject|inbox-preheader)"[^>]*>)'
    r"(.*?)(</\2>)",
    re.S,
)
_EMAIL_TITLE = re.compile(r'<h2\b[^>]*\bid="email-title"[^>]*>.*?</h2>', re.S)
_BODY = re.compile(r"<body\b[^>]*>", re.I)
_NOTICE_STYLE = (
    "margin:0 0 12px 0;padding:8px 12px;border-left:4px solid #0b4f8a;background:#eef4fa;"
    "color:#1f2933;font-size:14px"
)


def fill_page(page: str, samples: Samples, notice: str) -> str:
    """The preview page with samples in the email it shows, and ``notice`` above the email
    (at the top of the page for a template without the email's heading); the page as it was
    when its email holds no tag."""
    count = 0

    def data(match: re.Match[str]) -> str:
        nonlocal count
        filled, n = samples.fill(match.group(2), "script")
        count += n
        return match.group(1) + filled + match.group(3)

    def text(match: re.Match[str]) -> str:
        nonlocal count
        filled, n = samples.fill(match.group(3), "html")
        count += n
        return match.group(1) + filled + match.group(4)

    page = _PAGE_TEXT.sub(text, _PAGE_DATA.sub(data, page))
    if not count:
        return page
    said = f'<p id="merge-tag-samples" role="note" style="{_NOTICE_STYLE}">{escape(notice)}</p>'
    title = _EMAIL_TITLE.search(page) or _BODY.search(page)
    if title is None:
        return said + page
    return page[: title.end()] + "\n" + said + page[title.end() :]


# --- finding a tag however it is written -----------------------------------------------------


def _html_forms(text: str) -> set[str]:
    # As written, as an href holds it (html.escape) and as Jinja's autoescape writes it.
    return {text, html.escape(text), str(escape(text))}


def _in_script(text: str) -> str:
    # As build/page.py writes the email into the page: a JSON string, < > & escaped.
    inner = json.dumps(text, ensure_ascii=False)[1:-1]
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        inner = inner.replace(char, escaped)
    return inner


_FORMS: dict[Context, Callable[[str], set[str]]] = {
    "text": lambda tag: {tag},
    "html": _html_forms,
    "script": lambda tag: {_in_script(form) for form in _html_forms(tag)},
}
_VALUE: dict[Context, Callable[[str], str]] = {
    "text": lambda value: value,
    "html": lambda value: html.escape(value),
    "script": lambda value: _in_script(html.escape(value)),
}


def _loose(form: str) -> str:
    """A tag's pattern, with or without spaces inside its braces (``{{ mirror }}``)."""
    pattern = re.escape(form)
    pattern = re.sub(r"((?:\\\{){2,3})(?:\\ )*", lambda m: m.group(1) + r"\s*", pattern)
    return re.sub(r"(?:\\ )*((?:\\\}){2,3})", lambda m: r"\s*" + m.group(1), pattern)


@functools.lru_cache(maxsize=64)
def _compiled(
    values: tuple[tuple[str, str], ...], context: Context
) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One pattern for every tag (a named group each, its forms longest first), and the
    samples as they stand in ``context``."""
    groups = []
    for i, (tag, _) in enumerate(values):
        forms = sorted(_FORMS[context](tag), key=len, reverse=True)
        groups.append(f"(?P<t{i}>{'|'.join(_loose(form) for form in forms)})")
    samples = tuple(_VALUE[context](sample) for _, sample in values)
    return re.compile("|".join(groups)), samples
