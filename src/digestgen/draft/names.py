"""Where an article names people: the entity recogniser's persons, mended where a small model
errs (a first name left out, a name read as a place, a verb opening a sentence read as a first
name, a hyphenated name cut in two), and the words around a name (its honorific, the role
written after it, the gender a French role noun says)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from digestgen.draft.nlp import pipeline
from digestgen.draft.people import HONORIFIC_GENDER, PARTICLES

NOT_PERSON = (
    "LOC", "GPE", "ORG", "NORP", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "MISC", "DATE", "TIME",
    "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "LANGUAGE",
)  # fmt: skip

# A word the tokenizer kept whole round an apostrophe is a name's ("M’jid", "O’Connor"), whatever
# part of speech the tagger gives it (digestgen.draft.nlp keeps such words whole).
APOSTROPHE_NAME = re.compile(r"^[A-Z][’'][^\W\d_]{2,}$")
_NOT_NAME_POS = ("VERB", "AUX", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "PUNCT", "NUM")


def name_spans(doc: Any, runs: bool = True) -> list[tuple[int, int]]:
    """:func:`_name_spans`, read once per text (the attribution asks often)."""
    key = ("digestgen-name-spans", runs)
    if key not in doc.user_data:
        doc.user_data[key] = list(_name_spans(doc, runs))
    found: list[tuple[int, int]] = doc.user_data[key]
    return found


def _name_spans(doc: Any, runs: bool = True) -> Iterator[tuple[int, int]]:
    """Where the text names people: the entity recogniser's persons, with a first name it left
    out when the name opens its phrase ("Asia: Hafiz Usama Tanveer"), and the runs of two to four
    capitalised proper nouns that open a phrase and that it took for nothing or for a place
    ("The Pacific: Sagufta Salma, Fiji"), which a small model misses in names it rarely saw."""
    seen: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ("PER", "PERSON"):
            continue
        start, end = ent.start, ent.end
        # "Hosting Cook", "Poised": a verb or a function word is not part of a name.
        while start < end and (doc[start].pos_ in _NOT_NAME_POS or _gerund(doc[start])):
            start += 1
        while end > start and doc[end - 1].pos_ in _NOT_NAME_POS:
            end -= 1
        if start == end:
            continue
        first = start
        while start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].ent_type_:
            start -= 1
        if start != first and not _opens_phrase(doc, start):
            start = first
        start, end = whole_words(doc, start, end)
        seen.update(range(start, end))
        yield start, end
    i = 0
    while runs and i < len(doc):
        j = i
        while (
            j < len(doc)
            and j not in seen
            and (_name_word(doc[j]) or (j > i and _particle(doc, j) and _name_word(doc[j + 1])))
        ):
            j += 1
        labels = {doc[k].ent_type_ for k in range(i, j)}
        clause = any(t.pos_ in ("VERB", "AUX") for t in doc[i].sent)  # not a title line
        titled = i > 0 and doc[i - 1].text in HONORIFIC_GENDER  # "Ambassador Nikki Haley"
        person = titled or (_opens_phrase(doc, i) and not labels <= set(NOT_PERSON))
        if 2 <= j - i <= 4 and clause and person:
            yield whole_words(doc, i, j)
        i = max(j, i + 1)


def _particle(doc: Any, j: int) -> bool:
    """``El``, ``de``, ``van`` between two words of a name ("M’jid El Guerrab")."""
    return j + 1 < len(doc) and doc[j].text.lower() in PARTICLES


def whole_words(doc: Any, start: int, end: int) -> tuple[int, int]:
    """A name cut inside a hyphenated word ("Montoya - Lewis" as the tokenizer splits it) is
    the whole word."""
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        if doc[start - 2].whitespace_ or not doc[start - 2].text[:1].isupper():
            break
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        if doc[end].whitespace_ or not doc[end + 1].text[:1].isupper():
            break
        end += 2
    return start, end


def run_at(doc: Any, i: int) -> tuple[int, int]:
    """The run of two to four capitalised proper nouns holding token ``i`` where a speaker's
    name stands (after a verb of saying, after "Pour"), whatever label the model gave it but a
    place's or an organisation's ("a rappelé Sylvain Fievet", "Pour Nathalie Dubreuil"), and
    whatever part of speech the tagger gave its words there ("Nathalie" read as a verb)."""
    if not _speaker_word(doc[i]):
        return i, i
    start, end = i, i + 1
    while start > 0 and _speaker_word(doc[start - 1]):
        start -= 1
    while end < len(doc) and _speaker_word(doc[end]):
        end += 1
    labels = {doc[k].ent_type_ for k in range(start, end)} - {"", "MISC", "PER", "PERSON"}
    return (start, end) if end - start <= 4 and not labels else (i, i)


def _speaker_word(token: Any) -> bool:
    """A capitalised word in a speaker's place: any part of speech but a function word's."""
    if token.pos_ in ("DET", "ADP", "PRON", "PUNCT", "NUM", "CCONJ", "SCONJ", "SPACE"):
        return False
    text = token.text
    return (
        text[:1].isupper()
        and not (text.isupper() and len(text) > 2)
        and text not in HONORIFIC_GENDER
        and (token.pos_ == "PROPN" or not _opens_sentence(token))
    )


def _opens_sentence(token: Any) -> bool:
    """By the text, not the parser (which may start a sentence inside a name)."""
    return token.i == 0 or token.doc[token.i - 1].text in (".", "!", "?", "…")


def _gerund(token: Any) -> bool:
    """ "Hosting Cook at Dreamforce …": an English verb in -ing opening the sentence, which the
    tagger took for the first word of a name (known as a verb by the lemmatizer's tables)."""
    text = token.text.lower()
    if token.lang_ != "en" or not token.is_sent_start or not text.endswith("ing"):
        return False
    verbs = _english_verbs()
    stem = text[:-3]
    return bool({stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else stem} & verbs)


@functools.cache
def _english_verbs() -> frozenset[str]:
    """The English lemmatizer's table of verbs."""
    nlp = pipeline("en")
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if "lemma_index" not in lookups.tables:
        return frozenset()
    return frozenset(lookups.get_table("lemma_index")["verb"])


def _name_word(token: Any) -> bool:
    return (
        (token.pos_ == "PROPN" or APOSTROPHE_NAME.match(token.text) is not None)
        and token.text[:1].isupper()
        and not (token.text.isupper() and len(token.text) > 2)
        and token.text not in HONORIFIC_GENDER
    )


def _opens_phrase(doc: Any, i: int) -> bool:
    """Nothing before but the start, punctuation or a conjunction (not "the", not "from")."""
    return i == 0 or doc[i - 1].is_punct or doc[i - 1].pos_ in ("CCONJ", "SCONJ")


def name_like(token: Any) -> bool:
    """A capitalised word that can be part of a known name, even opening a sentence ("Hafiz,
    from Pakistan, …", "Tamaki commented …"), even where the tagger took it for a noun."""
    text = token.text
    if not text[:1].isupper() or (text.isupper() and len(text) > 2):
        return False
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and not token.is_stop)


def capitalised(token: Any, initial_ok: bool = False) -> bool:
    text = token.text
    if not text[:1].isupper() or (text.isupper() and len(text) > 1):
        return False
    return initial_ok or not token.is_sent_start or token.ent_type_ in ("PER", "PERSON")


def with_honorific(ent: Any) -> str:
    """The entity's words, with the honorific just before it ("Mme Binet")."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].text in HONORIFIC_GENDER:
        return f"{doc[ent.start - 1].text} {ent.text}"
    return str(ent.text)


def role_after(token: Any) -> Any:
    """The head noun of the role written after a name: ``, le chancelier autrichien``."""
    doc = token.doc
    i = token.i + 1
    if i >= len(doc) or doc[i].text not in (",", "(", "—", "–"):
        return None
    i += 1
    while i < len(doc) and doc[i].pos_ in ("DET", "ADJ", "NUM"):
        i += 1
    if i < len(doc) and doc[i].pos_ in ("NOUN", "PROPN"):
        text = doc[i].text
        if text[:1].islower() or (text.isupper() and 2 <= len(text) <= 5):  # "DSI", "CEO"
            return doc[i]
    return None


def gender_of(token: Any) -> str | None:
    """The gender a French role noun says: its determiner (``la``, ``le``), else its ending
    (``avocate``, ``directrice``); the tagger's own guess is too often wrong to be used."""
    for child in token.children:
        low = child.text.lower()
        if child.dep_ == "det" and low in ("la", "une", "cette"):
            return "f"
        if child.dep_ == "det" and low in ("le", "un", "ce", "cet"):
            return "m"
    if token.text.lower().endswith(FEMININE):
        return "f"
    return None


# Endings of French feminine role nouns: directrice, avocate, présidente, conseillère …
FEMININE = (
    "trice", "euse", "ienne", "enne", "ère", "esse", "ante", "ente", "inte", "ate", "ée", "ive"
)  # fmt: skip
