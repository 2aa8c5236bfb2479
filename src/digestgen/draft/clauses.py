"""The words around a quotation, as tokens of spaCy's parse: what comes after it to the end of
its sentence, what comes before it from its sentence's start, the clause after a verb of
saying (an inverted subject), the sentence before."""

from __future__ import annotations

from typing import Any

from digestgen.draft.quotes import OPENERS

END = frozenset(".!?…")

_RELATIVE = "qui que qu' qu’ dont who which whom"

RELATIVE = frozenset(_RELATIVE.split())


def inside(at: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in ranges)


def after_quote(doc: Any, end: int, ranges: list[tuple[int, int]]) -> list[Any]:
    """The words after a quotation, to the end of its sentence or the next quotation (none
    when the quotation ended its sentence: “… guilt?” The prime minister admitted …)."""
    found: list[Any] = []
    depth = 0
    closed = doc.text[:end].rstrip('»”" \u00a0\u202f')[-1:] in END
    for token in doc:
        if token.idx < end:
            continue
        if closed and not found and token.text[:1].isupper():
            nxt = token.nbor(1) if token.i + 1 < len(doc) else None
            if token.pos_ != "PROPN" or nxt is None or nxt.pos_ not in ("VERB", "PROPN"):
                return []
        if inside(token.idx, ranges):
            break
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        found.append(token)
        if (token.text in END and not _abbreviation(token)) or token.text == ";":
            break
    return found


def before_quote(
    doc: Any, start: int, ranges: list[tuple[int, int]], whole: bool = False
) -> list[Any]:
    """The words before a quotation, from its sentence's start or the last quotation (or, with
    ``whole``, from its sentence's start, the quotations on the way left out)."""
    found: list[Any] = []
    for token in doc:
        if token.idx >= start:
            break
        if inside(token.idx, ranges):
            if not whole or (token.text in ("»", "”") and doc[token.i - 1].text in END):
                found = []
            continue
        if token.text in END and not _abbreviation(token):
            found = []
            continue
        found.append(token)
    return [t for t in found if t.text not in OPENERS and t.text not in ("»", "”")]


def _abbreviation(token: Any) -> bool:
    """The dot of "Gov." or "M." does not end a sentence."""
    if token.text != "." or token.i == 0:
        return False
    word = token.doc[token.i - 1].text
    return word.isalpha() and word[:1].isupper() and len(word) <= 4


def region_after(verb: Any, ranges: list[tuple[int, int]]) -> list[Any]:
    """The words after a verb of saying, to the end of the clause (an inverted subject)."""
    found: list[Any] = []
    for token in verb.doc[verb.i + 1 :]:
        if inside(token.idx, ranges) or token.text in END or token.text in (";", ":"):
            break
        if token.text.lower() in RELATIVE and found and found[-1].text == ",":
            break
        if token.pos_ in ("VERB",) and found and token.dep_ not in ("amod", "acl"):
            break
        found.append(token)
    return [t for t in found if t.text.lower() not in ("-t",)]


def previous_sentence(doc: Any, start: int, ranges: list[tuple[int, int]]) -> list[Any] | None:
    """The sentence that ends before ``start``, quotations left out."""
    tokens = [t for t in doc if t.idx < start]
    while tokens and (tokens[-1].is_space or tokens[-1].text in ("«", "“", '"')):
        tokens.pop()
    if not tokens:
        return None
    end = len(tokens)
    begin = end - 1
    while begin > 0 and not (
        tokens[begin - 1].text in END and not _abbreviation(tokens[begin - 1])
    ):
        begin -= 1
    sentence = [t for t in tokens[begin:end] if not inside(t.idx, ranges)]
    return sentence or None
