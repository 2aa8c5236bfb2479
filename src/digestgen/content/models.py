"""The content model of content-format.md (v1): what editors write, validated.

Every model forbids unknown keys, so a typo such as ``speakrs`` is an error rather than a
silently empty section. Text is stripped and normalised to NFC; fields typeset by the
language rules are marked with :data:`PROSE` so the renderer can find them by type alone.
No file access and no rendering happen here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from digestgen.content.esp import EspName, preset
from digestgen.text.messages import Language


class Typeset:
    """Marks a text field that gets the language's typography in every output."""

    def __repr__(self) -> str:
        return "PROSE"


PROSE = Typeset()


class Quoted:
    """Marks text always shown inside quotation marks: its own quotes are the nested kind."""

    def __repr__(self) -> str:
        return "QUOTED"


QUOTED = Quoted()


def _clean(value: Any) -> Any:
    # Numbers are accepted as text (a title such as 2030 is text), then stripped and NFC'd.
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        value = str(value)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _no_control_chars(value: str) -> str:
    bad = [c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    if bad:
        raise ValueError(f"contains a control character (U+{ord(bad[0]):04X}); retype the text")
    return value


MAX_TEXT = 20_000  # a long summary is some 2,000; a field past this is a paste gone wrong
MAX_LINE = 500
LINE_BREAKS = "\n\r\t\x0b\x0c\x85\u2028\u2029"


def _at_most(limit: int) -> Any:
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"{len(value):,} characters; at most {limit:,} are read here")
        return value

    return check


def _one_line(value: str) -> str:
    if any(c in value for c in LINE_BREAKS):
        raise ValueError("must be one line: remove the line break (or tab) from it")
    return value


Text = Annotated[
    str,
    BeforeValidator(_clean),
    AfterValidator(_not_empty),
    AfterValidator(_no_control_chars),
    AfterValidator(_at_most(MAX_TEXT)),
    PROSE,
]
"""Plain text shown to readers: never markup, always typeset."""
Line = Annotated[Text, AfterValidator(_one_line), AfterValidator(_at_most(MAX_LINE))]
"""Text of one line: a subject, a name, a title (a header or a card holds one line)."""
Alt = Annotated[
    str,
    BeforeValidator(_clean),
    AfterValidator(_no_control_chars),
    AfterValidator(_one_line),
    AfterValidator(_at_most(MAX_LINE)),
    PROSE,
]
"""An image's alternative text: one line, empty for a decorative image."""


def _check_url(value: str, *, https_only: bool = False) -> str:
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in value):
        raise ValueError("a URL cannot contain spaces; encode them as %20")
    if "\\" in value:
        # Browsers read "\" as "/": https://evil.example\@site/ opens evil.example.
        raise ValueError("a URL cannot contain a backslash; write / or encode it as %5C")
    if len(value) > 2000:
        raise ValueError(f"{len(value):,} characters; a URL longer than 2,000 breaks in browsers")
    parts = urlsplit(value)
    if "@" in parts.netloc:
        raise ValueError("a URL with a user name before its host (user@host) is not allowed")
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}: URLs are not allowed" if scheme else "a relative URL is not allowed"
        raise ValueError(f"{shown}; write an absolute URL such as https://www.example.com/page")
    if https_only and scheme != "https":
        raise ValueError("must be an https:// URL")
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise ValueError(f"is not a valid URL ({exc})") from None
    if not host or "." not in host.strip("."):
        raise ValueError("needs a host name, as in https://www.example.com/page")
    return value


def _check_https_url(value: str) -> str:
    return _check_url(value, https_only=True)


Url = Annotated[str, BeforeValidator(_clean), AfterValidator(_check_url)]
"""An absolute http(s) URL; ``javascript:``, ``data:`` and relative URLs are rejected."""
HttpsUrl = Annotated[str, BeforeValidator(_clean), AfterValidator(_check_https_url)]

EMAIL = re.compile(r"[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+")


def _check_email(value: str) -> str:
    if not EMAIL.fullmatch(value):
        raise ValueError("is not an e-mail address (name@example.com)")
    return value


Email = Annotated[str, BeforeValidator(_clean), AfterValidator(_check_email)]
Color = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$", to_lower=True),
]
XHandle = Annotated[
    str, BeforeValidator(_clean), StringConstraints(pattern=r"^@[A-Za-z0-9_]{1,15}$")
]
Hashtag = Annotated[str, BeforeValidator(_clean), StringConstraints(pattern=r"^\w+$")]
Slug = Annotated[
    str, BeforeValidator(_clean), StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
]
Handle = Annotated[
    str,
    BeforeValidator(_clean),
    AfterValidator(_not_empty),
    StringConstraints(pattern=r"^@?[\w.@:-]{1,100}$"),
]
"""A Bluesky, Mastodon or Threads handle: letters, digits and . _ - @ : only."""


def _parse_date(value: Any) -> Any:
    # The loader hands dates over as text, so that 2018-02-30 becomes a field error here.
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError("write the date as YYYY-MM-DD, e.g. 2018-12-05")
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()} is not a date that exists") from None
    if isinstance(value, date):
        return value
    raise ValueError("write the date as YYYY-MM-DD, e.g. 2018-12-05")


Day = Annotated[date, BeforeValidator(_parse_date)]

# Merge tags of the common email service providers, emitted verbatim as the unsubscribe link.
MERGE_TAG = re.compile(
    r"\*\|[A-Z0-9_:]+\|\*"  # Mailchimp *|UNSUB|*
    r"|\{\{\{\s*[\w.\-]+\s*\}\}\}"  # SendGrid {{{unsubscribe}}}
    r"|\{\{\s*[\w.\-]+\s*\}\}"  # Brevo, Mailjet, many others {{ unsubscribe }}
    r"|\[\[[\w.\-]+\]\]"  # Mailjet [[UNSUB_LINK_EN]]
    r"|%%[\w.\-]+%%"  # Salesforce, ActiveCampaign %%unsubscribe%%
    r"|%[a-z_]+%"  # Mailgun %unsubscribe_url%
    r"|<%[\w.\-]+%>"  # SendGrid <%asm_group_unsubscribe_raw_url%>
    r"|\$[\w.\-]+\$"  # Campaign Monitor style $unsubscribe$
)


def is_merge_tag(value: str) -> bool:
    """Whether ``value`` is an ESP merge tag rather than a URL."""
    return MERGE_TAG.fullmatch(value) is not None


def _check_unsubscribe(value: str) -> str:
    if is_merge_tag(value):
        return value
    if value.lower().startswith(("http://", "https://")):
        return _check_https_url(value)
    raise ValueError(
        "must be an https:// URL or your email service's merge tag, such as *|UNSUB|* or "
        "{{ unsubscribe }}"
    )


Unsubscribe = Annotated[str, BeforeValidator(_clean), AfterValidator(_check_unsubscribe)]
"""An https URL (merge tags inside it are kept) or an email service's merge tag alone."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Image(Strict):
    src: HttpsUrl
    # Empty alt is allowed, and means a purely decorative image.
    alt: Alt
    width: Annotated[int, Field(gt=0, le=4000)] | None = None
    height: Annotated[int, Field(gt=0, le=4000)] | None = None


class Sender(Strict):
    name: Line
    email: Email


_FAMILY = re.compile(
    r"""\s*(?:[A-Za-z0-9_-]+(?:\s+[A-Za-z0-9_-]+)*|'[^'"\\;<>]*'|"[^'"\\;<>]*")\s*"""
)


def _font_stack(value: str) -> str:
    """A CSS font stack: names, or names in quotes, between commas. Double quotes become
    single ones, as the stack goes into style="…" attributes."""
    families = value.split(",")
    if not value or not all(_FAMILY.fullmatch(f) for f in families):
        raise ValueError(
            "is not a CSS font stack; write family names between commas, a name with spaces "
            "in quotes: Georgia, 'Times New Roman', serif"
        )
    return ", ".join(f.strip().replace('"', "'") for f in families)


class Brand(Strict):
    primary_color: Color = "#0b4f8a"
    text_color: Color = "#1f2933"
    background_color: Color = "#ffffff"
    # Goes into the email's CSS as written, so only what a font stack needs is allowed.
    font_family: Annotated[str, BeforeValidator(_clean), AfterValidator(_font_stack)] = (
        "Helvetica, Arial, sans-serif"
    )


class MastodonLimits(Strict):
    """What the outlet's Mastodon server allows, as its ``/api/v2/instance`` reports it
    (``configuration.statuses``)."""

    max_characters: Annotated[int, Field(gt=0, le=100_000)] = 500
    characters_reserved_per_url: Annotated[int, Field(ge=0, le=1000)] = 23


class Handles(Strict):
    x: XHandle | None = None
    linkedin: HttpsUrl | None = None
    bluesky: Handle | None = None
    mastodon: Handle | None = None
    threads: Handle | None = None
    mastodon_limits: MastodonLimits = MastodonLimits()


class Utm(Strict):
    enabled: bool = True
    source: Slug = "newsletter"
    medium: Slug = "email"


class LinkedInOptions(Strict):
    # None in a digest: the outlet's choice holds.
    link_in_comment: bool | None = None


class OutletLinkedIn(Strict):
    link_in_comment: bool = False


class OutletSocial(Strict):
    """The outlet's defaults for every digest's social drafts."""

    linkedin: OutletLinkedIn = OutletLinkedIn()


class Outlet(Strict):
    name: Line
    tagline: Line | None = None
    website: HttpsUrl
    logo: Image | None = None
    sender: Sender
    reply_to: Email | None = None
    postal_address: Text
    esp: EspName = "none"
    unsubscribe: Unsubscribe
    unsubscribe_email: Email | None = None
    view_online: Unsubscribe | None = None
    brand: Brand = Brand()
    handles: Handles = Handles()
    utm: Utm = Utm()
    social: OutletSocial = OutletSocial()
    language: Language = "fr"

    @model_validator(mode="before")
    @classmethod
    def _service_tags(cls, data: Any) -> Any:
        # With an email service named, its tags are the defaults of the links it fills in.
        if not isinstance(data, dict):
            return data
        service = preset(data.get("esp")) if isinstance(data.get("esp"), str) else None
        if service is None:
            return data
        language = str(data["language"]) if data.get("language") in ("fr", "en") else "fr"
        filled = dict(data)
        filled.setdefault("unsubscribe", service.tag(service.unsubscribe, language))
        if service.view_online:
            filled.setdefault("view_online", service.tag(service.view_online, language))
        return filled


def _at_most_150(value: str) -> str:
    if len(value) > 150:
        raise ValueError(
            f"{len(value)} characters; a subject longer than 150 is cut by every inbox"
        )
    return value


class Issue(Strict):
    subject: Annotated[Line, AfterValidator(_at_most_150)]
    preheader: Line
    date: Day
    slug: Slug | None = None


class Venue(Strict):
    name: Line
    address: Line | None = None
    city: Line | None = None


class Organization(Strict):
    name: Line
    url: Url | None = None


class Speaker(Strict):
    name: Line
    role: Line
    organization: Line
    quote: Annotated[Text, QUOTED]
    x: XHandle | None = None
    linkedin: HttpsUrl | None = None
    photo: Image | None = None


class Event(Strict):
    title: Line
    date: Day
    venue: Venue
    organizer: Organization | None = None
    partners: list[Organization] = []
    attendance: Annotated[int, Field(ge=0)] | None = None
    url: Url
    image: Image | None = None
    summary: Text
    highlights: list[Text] = []
    speakers: Annotated[list[Speaker], Field(min_length=1)]


class Article(Strict):
    # Optional here only so that `digestgen enrich` can fill it in; rendering requires it.
    title: Line | None = None
    url: Url
    summary: Text | None = None
    label: Line | None = None
    image: Image | None = None


class FurtherReading(Strict):
    title: Line | None = None
    articles: Annotated[list[Article], Field(min_length=1, max_length=10)]


class Mentions(Strict):
    x: list[XHandle] = []
    linkedin: list[Line] = []


class Social(Strict):
    hashtags: list[Hashtag] = []
    mentions: Mentions = Mentions()
    linkedin: LinkedInOptions = LinkedInOptions()


class DigestUtm(Strict):
    """A digest's own tagging: ``campaign`` replaces the default ``utm_campaign``."""

    campaign: Slug | None = None


class Digest(Strict):
    language: Language | None = None
    issue: Issue
    event: Event
    further_reading: FurtherReading
    social: Social = Social()
    utm: DigestUtm | None = None
