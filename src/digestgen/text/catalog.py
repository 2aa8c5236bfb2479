"""digestgen's own words, in every language it speaks: gettext catalogs managed with Babel.

A word is declared where it is used, in English, with a context that names it:
``T_("finding:missing-alt", "an image that carries content has no alt text; …")``, or with
``TN_`` for one that has a plural. ``make messages`` extracts every declaration into
``locale/digestgen.pot`` (Babel's ``pybabel extract``) and merges it into each language's
catalog, ``locale/<language>/LC_MESSAGES/digestgen.po``, which a translator edits; a third
language is one more catalog (``pybabel init``). The wheel ships the catalogs compiled
(``.mo``, by ``hatch_build.py``); a source checkout reads the ``.po`` through Babel.

French words are typeset when they are read (:func:`~digestgen.text.typography.typeset_own`),
so a catalog is written with ordinary spaces and straight apostrophes.
"""

from __future__ import annotations

import functools
import gettext
import sys
from pathlib import Path
from typing import NamedTuple

from digestgen import PACKAGE
from digestgen.text.language import Language
from digestgen.text.typography import typeset_own

DOMAIN = "digestgen"
LOCALES = PACKAGE / "locale"


class Message(NamedTuple):
    """A word or sentence of digestgen's: its context (a stable name) and its English text."""

    context: str
    text: str

    def __call__(self, language: Language, **values: object) -> str:
        """The text in ``language``, its ``{names}`` filled in with ``values``."""
        return self.raw(language).format(**values)

    def raw(self, language: Language) -> str:
        """The text in ``language``, typeset, its ``{names}`` left as they are."""
        return _typeset(language, self.context, self.text)


class Plural(NamedTuple):
    """A sentence with a count: its context, its English singular and plural."""

    context: str
    singular: str
    plural: str

    def __call__(self, language: Language, count: int, **values: object) -> str:
        """The form for ``count`` in ``language`` (``{n}`` is the count)."""
        return self.raw(language, count).format(n=count, **values)

    def raw(self, language: Language, count: int) -> str:
        """The form for ``count`` in ``language``, typeset, its ``{names}`` left as they are."""
        text = _catalog(language).npgettext(self.context, self.singular, self.plural, count)
        return _typeset_text(language, text)


def T_(context: str, text: str) -> Message:
    """Declare a word (extracted by ``make messages``)."""
    return Message(context, text)


def TN_(context: str, singular: str, plural: str) -> Plural:
    """Declare a sentence with a count (extracted by ``make messages``)."""
    return Plural(context, singular, plural)


def table(language: Language, messages: dict[str, Message]) -> dict[str, str]:
    """A table of words in ``language``, by key, their ``{names}`` left for the template."""
    return {key: message.raw(language) for key, message in messages.items()}


@functools.cache
def _typeset(language: Language, context: str, text: str) -> str:
    return _typeset_text(language, _catalog(language).pgettext(context, text))


def _typeset_text(language: Language, text: str) -> str:
    return typeset_own(text) if language == "fr" else text


@functools.cache
def import_babel() -> None:
    """Import Babel as digestgen uses it: its formats, and the catalogs of a checkout. Its
    dates module takes pytz when pytz is installed (``digestgen[draft]`` brings it), and pytz
    checks some 600 time-zone files on import; digestgen formats no time of day, so Babel is
    given the standard library's zoneinfo, as it has without pytz. A pytz imported before is
    used as it is."""
    if "babel.dates" in sys.modules or "pytz" in sys.modules:
        return
    sys.modules["pytz"] = None  # type: ignore[assignment]  # `import pytz` fails here
    try:
        import babel.dates  # noqa: F401
    finally:
        del sys.modules["pytz"]


@functools.cache
def _catalog(language: Language) -> gettext.NullTranslations:
    """The language's catalog: its compiled ``.mo`` (a wheel), else its ``.po`` read by Babel
    (a source checkout); English is the text itself."""
    folder = LOCALES / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.is_file():
        with compiled.open("rb") as file:
            return gettext.GNUTranslations(file)
    source = folder / f"{DOMAIN}.po"
    if not source.is_file():
        return gettext.NullTranslations()
    import io

    return gettext.GNUTranslations(io.BytesIO(compile_catalog(source, language)))


def compile_catalog(source: Path, language: str) -> bytes:
    """A ``.po`` catalog compiled by Babel into the ``.mo`` bytes gettext reads (a checkout's
    catalogs here, the wheel's in ``hatch_build.py``)."""
    import io

    import_babel()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as file:
        catalog = read_po(file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()
