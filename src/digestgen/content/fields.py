"""The field types of content-format.md: what a text, a line, a URL, a handle or a date must
be, each a pydantic ``Annotated`` type with its validators. Models in
:mod:`digestgen.content.models` and the platforms' records in :mod:`digestgen.platforms` are
made of these. No file access and no rendering happen here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints


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


def clean(value: Any) -> Any:
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


def _within(limit: int, value: str) -> str:
    if len(value) > limit:
        raise ValueError(f"{len(value):,} characters; at most {limit:,} are read here")
    return value


def _at_most(limit: int) -> Any:
    # A partial of a module's function, not a closure: the platforms' records hold these
    # types, and `build --all` sends what its workers render (records included) by pickle.
    return functools.partial(_within, limit)


def _one_line(value: str) -> str:
    if any(c in value for c in LINE_BREAKS):
        raise ValueError("must be one line: remove the line break (or tab) from it")
    return value


Text = Annotated[
    str,
    BeforeValidator(clean),
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
    BeforeValidator(clean),
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


Url = Annotated[str, BeforeValidator(clean), AfterValidator(_check_url)]
"""An absolute http(s) URL; ``javascript:``, ``data:`` and relative URLs are rejected."""
HttpsUrl = Annotated[str, BeforeValidator(clean), AfterValidator(_check_https_url)]

EMAIL = re.compile(r"[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+")


def _check_email(value: str) -> str:
    if not EMAIL.fullmatch(value):
        raise ValueError("is not an e-mail address (name@example.com)")
    return value


Email = Annotated[str, BeforeValidator(clean), AfterValidator(_check_email)]
Color = Annotated[
    str,
    BeforeValidator(clean),
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$", to_lower=True),
]
XHandle = Annotated[
    str, BeforeValidator(clean), StringConstraints(pattern=r"^@[A-Za-z0-9_]{1,15}$")
]
Hashtag = Annotated[str, BeforeValidator(clean), StringConstraints(pattern=r"^\w+$")]
Slug = Annotated[
    str, BeforeValidator(clean), StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
]
Handle = Annotated[
    str,
    BeforeValidator(clean),
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


Unsubscribe = Annotated[str, BeforeValidator(clean), AfterValidator(_check_unsubscribe)]
"""An https URL (merge tags inside it are kept) or an email service's merge tag alone."""


class Strict(BaseModel):
    """A model that forbids unknown keys (``speakrs`` is an error, not an empty section)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
