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
from typing import Annotated, Any, NoReturn
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from digestgen.text.catalog import T_, Message


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


REFUSALS: dict[str, Message] = {}
"""Every refusal raised so far, by its context: the loader says it in the digest's language."""


def refuse(word: Message, **values: object) -> NoReturn:
    """Refuse a value with one of digestgen's words (its context is the error's type)."""
    REFUSALS.setdefault(word.context, word)
    raise PydanticCustomError(word.context, word.text, values)


class Schema:
    """What a field type adds to the JSON Schema editors' editors read (a pattern, a
    length), so that they underline there what digestgen would refuse."""

    def __init__(self, **extra: object) -> None:
        self.extra = extra

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema.update(self.extra)
        return schema


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
        refuse(T_("field:empty", "must not be empty"))
    return value


def _no_control_chars(value: str) -> str:
    bad = [c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    if bad:
        refuse(
            T_("field:control", "contains a control character (U+{code}); retype the text"),
            code=f"{ord(bad[0]):04X}",
        )
    return value


MAX_TEXT = 20_000  # a long summary is some 2,000; a field past this is a paste gone wrong
MAX_LINE = 500
LINE_BREAKS = "\n\r\t\x0b\x0c\x85\u2028\u2029"


def _within(limit: int, value: str) -> str:
    if len(value) > limit:
        refuse(
            T_("field:too_long", "{length} characters; at most {limit} are read here"),
            length=len(value),
            limit=limit,
        )
    return value


def _at_most(limit: int) -> Any:
    # A partial of a module's function, not a closure: the platforms' records hold these
    # types, and `build --all` sends what its workers render (records included) by pickle.
    return functools.partial(_within, limit)


def _one_line(value: str) -> str:
    if any(c in value for c in LINE_BREAKS):
        refuse(T_("field:one_line", "must be one line: remove the line break (or tab) from it"))
    return value


Text = Annotated[
    str,
    BeforeValidator(clean),
    AfterValidator(_not_empty),
    AfterValidator(_no_control_chars),
    AfterValidator(_at_most(MAX_TEXT)),
    PROSE,
    Schema(type=["string", "number"], minLength=1, maxLength=MAX_TEXT),
]
"""Plain text shown to readers: never markup, always typeset."""
Line = Annotated[
    Text,
    AfterValidator(_one_line),
    AfterValidator(_at_most(MAX_LINE)),
    Schema(minLength=1, maxLength=MAX_LINE, pattern="^[^\\n\\t]*\\s*$"),
]
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
        refuse(T_("field:url_space", "a URL cannot contain spaces; encode them as %20"))
    if "\\" in value:
        # Browsers read "\" as "/": https://evil.example\@site/ opens evil.example.
        refuse(
            T_(
                "field:url_backslash",
                "a URL cannot contain a backslash; write / or encode it as %5C",
            )
        )
    if len(value) > 2000:
        refuse(
            T_(
                "field:url_long",
                "{length} characters; a URL longer than {limit} breaks in browsers",
            ),
            length=len(value),
            limit=2000,
        )
    parts = urlsplit(value)
    if "@" in parts.netloc:
        refuse(
            T_(
                "field:url_user",
                "a URL with a user name before its host (user@host) is not allowed",
            )
        )
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if scheme:
            refuse(
                T_(
                    "field:url_scheme",
                    "{scheme}: URLs are not allowed; write an absolute URL such as "
                    "https://www.example.com/page",
                ),
                scheme=scheme,
            )
        refuse(
            T_(
                "field:url_relative",
                "a relative URL is not allowed; write an absolute URL such as "
                "https://www.example.com/page",
            )
        )
    if https_only and scheme != "https":
        refuse(T_("field:https", "must be an https:// URL"))
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        refuse(T_("field:url_invalid", "is not a valid URL ({reason})"), reason=str(exc))
    if not host or "." not in host.strip("."):
        refuse(T_("field:url_host", "needs a host name, as in https://www.example.com/page"))
    return value


def _check_https_url(value: str) -> str:
    return _check_url(value, https_only=True)


Url = Annotated[
    str,
    BeforeValidator(clean),
    AfterValidator(_check_url),
    Schema(format="uri", pattern="^\\s*[Hh][Tt][Tt][Pp][Ss]?://"),
]
"""An absolute http(s) URL; ``javascript:``, ``data:`` and relative URLs are rejected."""
HttpsUrl = Annotated[
    str,
    BeforeValidator(clean),
    AfterValidator(_check_https_url),
    Schema(format="uri", pattern="^\\s*[Hh][Tt][Tt][Pp][Ss]://"),
]

EMAIL = re.compile(r"[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+")


def _check_email(value: str) -> str:
    if not EMAIL.fullmatch(value):
        refuse(T_("field:email", "is not an e-mail address (name@example.com)"))
    return value


Email = Annotated[str, BeforeValidator(clean), AfterValidator(_check_email), Schema(format="email")]
# In these, clean() comes last so that it runs first and pydantic keeps each pattern in the
# JSON Schema (a pattern after a before-validator is checked, but left out of the schema).
Color = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$", to_lower=True),
    BeforeValidator(clean),
]
XHandle = Annotated[
    str, StringConstraints(pattern=r"^@[A-Za-z0-9_]{1,15}$"), BeforeValidator(clean)
]
# What Python's \w reads as a letter, written out for the editors' editors: a JSON Schema
# pattern is a JavaScript one, whose \w is ASCII only ("numérique" would be underlined).
_WORD = "0-9A-Za-z_\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
Hashtag = Annotated[
    str,
    StringConstraints(pattern=r"^\w+$"),
    BeforeValidator(clean),
    Schema(type=["string", "number"], pattern=f"^[{_WORD}]+$"),
]
Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    BeforeValidator(clean),
    Schema(type=["string", "number"]),
]
Handle = Annotated[
    str,
    StringConstraints(pattern=r"^@?[\w.@:-]{1,100}$"),
    AfterValidator(_not_empty),
    BeforeValidator(clean),
    Schema(pattern=f"^@?[{_WORD}.@:-]{{1,100}}$"),
]
"""A Bluesky, Mastodon or Threads handle: letters, digits and . _ - @ : only."""


_DATE_FORMAT = T_("field:date_format", "write the date as YYYY-MM-DD, e.g. 2018-12-05")


def _parse_date(value: Any) -> Any:
    # The loader hands dates over as text, so that 2018-02-30 becomes a field error here.
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            refuse(_DATE_FORMAT)
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            refuse(T_("field:date_exists", "{date} is not a date that exists"), date=value.strip())
    if isinstance(value, date):
        return value
    refuse(_DATE_FORMAT)


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
    refuse(
        T_(
            "field:unsubscribe",
            "must be an https:// URL or your email service's merge tag, such as *|UNSUB|* or "
            "{{{{ unsubscribe }}}}",
        )
    )


Unsubscribe = Annotated[str, BeforeValidator(clean), AfterValidator(_check_unsubscribe)]
"""An https URL (merge tags inside it are kept) or an email service's merge tag alone."""


class Strict(BaseModel):
    """A model that forbids unknown keys (``speakrs`` is an error, not an empty section)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
