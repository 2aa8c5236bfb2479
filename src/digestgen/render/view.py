"""What every template sees: the digest with its typography applied, and its link tagger.

Typography is applied here, once, to every field the models mark as prose, so templates for
every output (email, plain text, Markdown, social) print text that is already right.
"""

from __future__ import annotations

import functools
import typing
from typing import Any, TypeVar

from pydantic import BaseModel

from digestgen.content.load import Loaded
from digestgen.content.models import PROSE, QUOTED, Digest, Outlet
from digestgen.render.utm import Tagger, campaign_of
from digestgen.text.formats import long_date
from digestgen.text.language import Language
from digestgen.text.typography import typeset
from digestgen.text.words import quote_marks, words

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


class View:
    """The digest as every output shows it, made once a build and handed to each renderer.

    It holds the digest and the outlet typeset by the digest's language (once with the
    email's spaces, once with the no-break spaces of social posts and cards, each when
    first asked for) and the ``utm_campaign``; :meth:`context` gives one output its template
    context, with a link tagger for that output's ``source`` and ``medium``.
    """

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.language: Language = loaded.language
        self.strings = words(self.language)
        digest = loaded.digest
        chosen = digest.utm.campaign if digest.utm else None
        outlet_name, day = loaded.outlet.name, digest.event.date
        self.campaign = campaign_of(chosen, digest.issue.slug, outlet_name, day)
        self._typeset: dict[str | None, tuple[Outlet, Digest]] = {}

    def typeset(self, nbsp: str | None = None) -> tuple[Outlet, Digest]:
        """The outlet and the digest, their prose typeset (with ``nbsp`` as the no-break space
        before French high punctuation: None for the email's narrow one)."""
        if nbsp not in self._typeset:
            self._typeset[nbsp] = (
                typeset_model(self.loaded.outlet, self.language, nbsp),
                typeset_model(self.loaded.digest, self.language, nbsp),
            )
        return self._typeset[nbsp]

    def context(self, *, source: str, medium: str, nbsp: str | None = None) -> dict[str, Any]:
        """The template context for one output whose own-site links carry ``source``/``medium``."""
        language, strings = self.language, self.strings
        outlet, digest = self.typeset(nbsp)
        opening, closing = quote_marks(language, nbsp) if nbsp else quote_marks(language)
        tagger = Tagger(
            website=outlet.website,
            source=source,
            medium=medium,
            campaign=self.campaign,
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
            "slug": self.loaded.slug,
            "campaign": tagger.campaign,
            "link": tagger,
            "long_date": lambda day: long_date(day, language),
            "quote_marks": (opening, closing),
            "quote": lambda text: f"{opening}{text}{closing}",
        }
