"""The content model of content-format.md (v1): what editors write, validated.

Every model forbids unknown keys, so a typo such as ``speakrs`` is an error rather than a
silently empty section. The field types (text stripped and normalised to NFC, fields typeset
by the language rules marked with :data:`~digestgen.content.fields.PROSE`) are in
:mod:`digestgen.content.fields`. The per-platform fields (``outlet.handles``, a speaker's
handles, ``social.mentions``, ``social.<platform>``) are made from the platforms' records
(:mod:`digestgen.platforms.registry`). No file access and no rendering happen here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BeforeValidator, Field, create_model, model_validator

from digestgen.content.esp import EspName, preset
from digestgen.content.fields import (
    PROSE,
    QUOTED,
    Alt,
    Color,
    Day,
    Email,
    Hashtag,
    HttpsUrl,
    Line,
    Schema,
    Slug,
    Strict,
    Text,
    Unsubscribe,
    Url,
    clean,
    is_merge_tag,
    refuse,
)
from digestgen.platforms.registry import PLATFORMS
from digestgen.text.catalog import T_
from digestgen.text.language import Language

__all__ = ["PROSE", "QUOTED", "is_merge_tag"]


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
        refuse(
            T_(
                "field:font_stack",
                "is not a CSS font stack; write family names between commas, a name with "
                "spaces in quotes: Georgia, 'Times New Roman', serif",
            )
        )
    return ", ".join(f.strip().replace('"', "'") for f in families)


class Brand(Strict):
    primary_color: Color = "#0b4f8a"
    text_color: Color = "#1f2933"
    background_color: Color = "#ffffff"
    # Goes into the email's CSS as written, so only what a font stack needs is allowed.
    font_family: Annotated[str, BeforeValidator(clean), AfterValidator(_font_stack)] = (
        "Helvetica, Arial, sans-serif"
    )


class PerPlatform(Strict):
    """A model whose fields the platforms' records make: ``getattr(model, platform.name)``."""

    if TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any: ...


def _per_platform(name: str, doc: str, fields: dict[str, Any], base: Any = PerPlatform) -> Any:
    return create_model(name, __base__=base, __doc__=doc, __module__=__name__, **fields)


def _options(prefix: str, suffix: str, *, digest: bool) -> dict[str, Any]:
    """``social.<platform>``: each platform's options, in an outlet (their defaults) or a
    digest (unset: the outlet's choice holds)."""
    fields = {}
    for platform in PLATFORMS.values():
        if not platform.options:
            continue
        choices: dict[str, Any] = {
            o.name: (
                Optional[o.annotation] if digest else o.annotation,  # noqa: UP045
                Field(None if digest else o.default, description=o.description),
            )
            for o in platform.options
        }
        name = f"{prefix}{platform.label.replace(' ', '')}{suffix}"
        model = create_model(name, __base__=Strict, __module__=__name__, **choices)
        fields[platform.name] = (model, model())
    return fields


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def _time_of_day(value: str) -> str:
    """A time of day as ``HH:MM`` (24 hours): ``9:05`` is kept as ``09:05``."""
    match = _CLOCK.fullmatch(value)
    if not match:
        refuse(T_("field:time_of_day", "is not a time of day; write it as 18:00 (24 hours)"))
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _timezone(value: str) -> str:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(value)
    except (ValueError, OSError, KeyError):
        refuse(T_("field:timezone", "is not a timezone of the tz database; write Europe/Paris"))
    return value


TimeOfDay = Annotated[
    str,
    BeforeValidator(clean),
    AfterValidator(_time_of_day),
    Schema(pattern="^([01]?[0-9]|2[0-3]):[0-5][0-9]$"),
]
Timezone = Annotated[str, BeforeValidator(clean), AfterValidator(_timezone)]
if TYPE_CHECKING:
    Network = str
else:
    Network = Literal[tuple(PLATFORMS)]  # a platform's name: x, linkedin, bluesky…


class OutletPlan(Strict):
    """When the outlet posts a digest: the recap on the send date's evening, then one post a
    day on its posting days, in its timezone (summer time included)."""

    timezone: Timezone = "Europe/Paris"
    recap_time: TimeOfDay = "18:00"
    follow_up_time: TimeOfDay = "09:00"
    follow_up_days: Annotated[list[Weekday], Field(min_length=1)] = [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
    ]
    networks: list[Network] | None = None


class DigestPlan(Strict):
    """This digest's own plan; what it leaves out is the outlet's."""

    recap_date: Day | None = None
    timezone: Timezone | None = None
    recap_time: TimeOfDay | None = None
    follow_up_time: TimeOfDay | None = None
    follow_up_days: Annotated[list[Weekday], Field(min_length=1)] | None = None
    networks: list[Network] | None = None


class _OutletSocial(PerPlatform):
    plan: OutletPlan = OutletPlan()


_handles: dict[str, Any] = {
    p.name: (Optional[p.handle], None)  # noqa: UP045 - a type of the registry, made at run time
    for p in PLATFORMS.values()
    if p.handle is not None
}
for _platform in PLATFORMS.values():
    _handles.update(_platform.settings)

if TYPE_CHECKING:
    Handles = PerPlatform
    OutletSocial = PerPlatform
else:
    Handles = _per_platform(
        "Handles", "The outlet's accounts, and its platforms' settings.", _handles
    )
    OutletSocial = _per_platform(
        "OutletSocial",
        "The outlet's defaults for every digest's social drafts.",
        _options("Outlet", "", digest=False),
        base=_OutletSocial,
    )


class Utm(Strict):
    enabled: bool = True
    source: Slug = "newsletter"
    medium: Slug = "email"


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
        refuse(
            T_(
                "field:subject_long",
                "{length} characters; a subject longer than {limit} is cut by every inbox",
            ),
            length=len(value),
            limit=150,
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


class _Speaker(PerPlatform):
    name: Line
    role: Line
    organization: Line
    quote: Annotated[Text, QUOTED]
    photo: Image | None = None


if TYPE_CHECKING:
    Speaker = _Speaker
else:
    Speaker = _per_platform(
        "Speaker",
        "One speaker; their accounts on the platforms that have a field for them.",
        {
            p.name: (Optional[p.speaker_handle], None)  # noqa: UP045
            for p in PLATFORMS.values()
            if p.speaker_handle is not None
        },
        base=_Speaker,
    )


class LinkCardImage(Strict):
    """The image a recap page's tags give its link card (``og:image`` and its size tags); an
    http address is kept, for ``check`` to say so."""

    src: Url
    width: Annotated[int, Field(gt=0, le=100_000)] | None = None
    height: Annotated[int, Field(gt=0, le=100_000)] | None = None


class LinkCard(Strict):
    """What the recap page's Open Graph and Twitter Card tags say: what each network unfurls
    the recap's link into (``enrich`` and ``draft`` read it, ``check`` judges it)."""

    title: Line | None = None
    description: Text | None = None
    image: LinkCardImage | None = None
    url: Url | None = None
    site_name: Line | None = None
    twitter_card: Line | None = None
    twitter_title: Line | None = None
    twitter_image: Url | None = None


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
    link_card: LinkCard | None = None


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


if TYPE_CHECKING:
    Mentions = PerPlatform
else:
    Mentions = _per_platform(
        "Mentions",
        "The accounts the posts tag, per platform.",
        {p.name: (list[p.mention], []) for p in PLATFORMS.values() if p.mention is not None},
    )


class _Social(PerPlatform):
    hashtags: list[Hashtag] = []
    mentions: Mentions = Mentions()
    plan: DigestPlan | None = None


if TYPE_CHECKING:
    Social = _Social
else:
    Social = _per_platform(
        "Social",
        "The digest's social drafts: hashtags, mentions, and each platform's own choices.",
        _options("", "Options", digest=True),
        base=_Social,
    )


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
