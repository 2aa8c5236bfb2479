"""The values ``digestgen draft`` writes where the article does not say what a required field
needs, and how ``digestgen check`` finds them again. No heavy import: ``check`` uses it."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from digestgen.content.load import Source
from digestgen.errors import Problem
from digestgen.text.catalog import T_
from digestgen.text.language import LANGUAGES, Language

PLACEHOLDER = T_("draft:placeholder", "TO FILL IN")
"""The text of a field left for the editor, in the digest's language (``À COMPLÉTER``)."""
PLACEHOLDER_URL = "https://example.invalid/to-fill-in"
LEFT = T_("draft:left", "left for the editor: the article does not say it; fill it in")


@functools.cache
def _placeholders() -> frozenset[str]:
    return frozenset({PLACEHOLDER(language) for language in LANGUAGES} | {PLACEHOLDER_URL})


def is_placeholder(value: object) -> bool:
    """A value ``digestgen draft`` left for the editor to fill in (in any language)."""
    return isinstance(value, str) and value in _placeholders()


def left_for_editor(source: Source, language: Language | None = None) -> list[Problem]:
    """The fields of a digest still holding a placeholder, with their file and line, said in
    ``language`` (by default the digest's own ``language``, else English)."""
    if language is None:
        said = source.data.get("language")
        language = said if said in LANGUAGES else "en"

    def walk(node: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, (*loc, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, (*loc, i))
        elif is_placeholder(node):
            yield loc

    message = LEFT(language)
    return [source.problem(loc, message) for loc in walk(source.data, ())]
