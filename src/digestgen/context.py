"""What every template sees: the digest with its typography applied, and its link tagger.

Typography is applied here, once, to every field the models mark as prose, so templates for
every output (email, plain text, Markdown, social) print text that is already right.
"""

from __future__ import annotations

import functools
import typing
from typing import Any, TypeVar

from pydantic import BaseModel

from digestgen.links import Tagger, campaign_of
from digestgen.load import Loaded
from digestgen.locale import STRINGS, Language, long_date, quote_marks
from digestgen.models import PROSE, QUOTED
from digestgen.typography import typeset

M = TypeVar("M", bound=BaseModel)


def _mentions(marker: object, annotation: Any) -> bool:
    if marker in getattr(annotation, "__metadata__", ()):
        return True
    return any(_mentions(marker, arg) for arg in typing.get_args(annotation))


@functools.cache
def _marked_fields(model: type[BaseModel], marker: object) -> frozenset[str]:
    return frozenset(
        name
        for name, field in model.model_fields.items()
        if marker in field.metadata or _mentions(marker, field.annotation)
    )


# English nests ‘ ’ inside “ ”; French keeps « » at every level, as its press does.
_NESTED = {"en": str.maketrans({"“": "‘", "”": "’"}), "fr": {}}


@functools.lru_cache(maxsize=8192)
def _typeset(text: str, language: Language, nbsp: str | None) -> str:
    # The same fields are typeset for the email and for each platform: once is enough.
    return typeset(text, language, nbsp=nbsp)


def typeset_model(model: M, language: Language, nbsp: str | None = None) -> M:
    """A copy of ``model`` whose prose fields, at any depth, follow ``language``'s typography."""
    prose = _marked_fields(type(model), PROSE)
    quoted = _marked_fields(type(model), QUOTED)

    def convert(value: Any, name: str) -> Any:
        if isinstance(value, BaseModel):
            return typeset_model(value, language, nbsp)
        if isinstance(value, list):
            return [convert(item, name) for item in value]
        if isinstance(value, str) and name in prose:
            value = _typeset(value, language, nbsp)
            return value.translate(_NESTED[language]) if name in quoted else value
        return value

    updates = {name: convert(getattr(model, name), name) for name in type(model).model_fields}
    return model.model_copy(update=updates)


def campaign(loaded: Loaded) -> str:
    """The digest's ``utm_campaign``: every output tags its links with this one value."""
    digest = loaded.digest
    chosen = digest.utm.campaign if digest.utm else None
    return campaign_of(chosen, digest.issue.slug, loaded.outlet.name, digest.event.date)


def view(loaded: Loaded, *, source: str, medium: str, nbsp: str | None = None) -> dict[str, Any]:
    """The template context for one output whose own-site links carry ``source``/``medium``."""
    language = loaded.language
    outlet = typeset_model(loaded.outlet, language, nbsp)
    digest = typeset_model(loaded.digest, language, nbsp)
    strings = STRINGS[language]
    opening, closing = quote_marks(language, "email")
    tagger = Tagger(
        website=outlet.website,
        source=source,
        medium=medium,
        campaign=campaign(loaded),
        enabled=outlet.utm.enabled,
    )
    return {
        "lang": language,
        "t": strings,
        "outlet": outlet,
        "digest": digest,
        "issue": digest.issue,
        "event": digest.event,
        "further_reading": digest.further_reading,
        "further_title": digest.further_reading.title or strings["further_reading"],
        "slug": loaded.slug,
        "campaign": tagger.campaign,
        "link": tagger,
        "long_date": lambda day: long_date(day, language),
        "quote": lambda text: f"{opening}{text}{closing}",
    }
