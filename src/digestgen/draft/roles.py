"""What the article says a person is: their role and their organisation, read where it names
them, from the phrase around the name:

- a title before it: ``Indiana State Teachers Association President Keith Gambill``,
  ``Salesforce founder and co-CEO Marc Benioff``, ``le commissaire à l’économie Pierre
  Moscovici`` (the organisation is the title's organisation name, the rest is the role);
- an apposition after it: ``Sophie Binet, la secrétaire générale de la CGT``, ``André Lareau,
  professeur en fiscalité à l’Université Laval``, ``Joel Schlabach, a teacher at Richmond High
  School``, or a relative clause ``Corinne Serfati, qui intervient pour le Bureau national …``;
- an apposition before it: ``le président du tribunal, Denis Weisbuch``;
- parentheses: ``Nathalie Dubreuil (Groupe Saint-Aubin)``;
- a title with no organisation (``CEO Tim Cook``): the organisation the sentence makes its
  subject or gives a possessive (``Apple was …``, ``his Liberal Democratic Party``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from digestgen.draft.people import fold

# Where a role gives way to its organisation: "directrice générale du FMI", "CIO at Contoso".
ORG_AFTER = re.compile(
    r"(?:\s(?:de la|du|des|de|chez|à la|au|pour le|pour la|pour)\s+|"
    r"\s(?:at|of|for|with)\s+(?:the\s+)?|\s(?:de l|d|à l)[’'])(?=\S)"
)
_ORG_LABELS = ("ORG",)
_PLACE_LABELS = ("GPE", "LOC", "NORP", "FAC")
_FOR = ("pour", "chez", "à", "au", "at", "for", "with")
_POSSESSIVES = frozenset(("his", "her", "their", "its", "son", "sa", "ses", "leur"))
_DETERMINERS = frozenset(
    (
        "le",
        "la",
        "l'",
        "l’",
        "les",
        "un",
        "une",
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "son",
        "sa",
        "ses",
    )
)


@dataclass(frozen=True)
class Description:
    """A person's role and organisation as the text gives them, and those words."""

    role: str | None
    organization: str | None
    words: str


def describe(doc: Any, start: int, end: int, names: set[str]) -> Description | None:
    """What the text says of the person named by tokens ``start:end`` of ``doc`` (``names``:
    the people the article names, folded, which are never an organisation)."""
    role = organization = None
    words = []
    for reader in (_title_before, _apposition_after, _apposition_before, _parentheses):
        found = reader(doc, start, end)
        if found is None:
            continue
        if found.organization and _fold(found.organization) in names:
            found = Description(found.role, None, found.words)  # "l'avocate de Yassin E."
        if (found.role and not role) or (found.organization and not organization):
            words.append(found.words)
        role = role or found.role
        organization = organization or found.organization
    if not role and not organization:
        return None
    if role and not organization:
        organization = _sentence_organization(doc, start)
    return Description(role, organization, ", ".join(words))


def split_role(words: str) -> tuple[str | None, str | None]:
    """``directeur … de SRCI (Groupe …)`` → (``directeur …``, ``SRCI (Groupe …)``)."""
    segments = [s.strip() for s in re.split(r",\s+", words) if s.strip()]
    if len(segments) >= 2 and segments[-1][0].isupper():
        return ", ".join(segments[:-1]), segments[-1]  # a caption: "Name, role, Org"
    for i, segment in enumerate(segments):
        for m in ORG_AFTER.finditer(segment):
            org = segment[m.end() :]
            if not _names_something(re.sub(r"^(?:l[’']|the\s+)", "", org)):
                continue  # "rédactrice en chef du média": a word, not a name
            if re.search(r"\s(?:et|and)\s+(?!(?:le|la|les|l[’']|the|des|du)\b)[a-zà-ÿ]", org):
                continue  # "du Club et directeur …": the role goes on
            role = ", ".join([*segments[:i], segment[: m.start()]]).strip(" ,")
            return role or None, org.strip()
    return words, None


def _names_something(org: str) -> bool:
    """An organisation's name (``CGT``, ``Université Laval``), or a word that a name completes
    (``mosquée de Beaucaire``, ``eastern Indiana’s Richmond High School``)."""
    return bool(
        re.match(r"[A-ZÀ-Þ]", org)
        or re.match(r"[a-zà-ÿ-]+\s+(?:(?:de la|de|du|des|of|of the)\s+|d[’'])?[A-ZÀ-Þ]", org)
    )


def _title_before(doc: Any, start: int, end: int) -> Description | None:
    """``Japan Innovation Party leader Nobuyuki Baba``, ``le procureur Vincent Edel``."""
    i = start
    while i > 0:
        token = doc[i - 1]
        if token.pos_ in ("NOUN", "PROPN", "ADJ") or token.text in ("-", "&"):
            i -= 1
        elif (
            token.lower_ in ("and", "et")
            and i < start
            and i >= 2
            and doc[i - 2].pos_ == "NOUN"
            and doc[i - 2].text[:1].islower()
        ):
            i -= 1  # "founder and co-CEO", not "Haley and … Chair Ronna McDaniel"
        elif (
            token.pos_ == "ADP"
            and i < start
            and i >= 2
            and doc[i - 2].pos_ == "NOUN"
            and (doc[i].pos_ == "DET" or doc[i].text[:1].islower())
        ):
            i -= 1  # "commissaire à l’économie", not "a chat with Salesforce founder"
        elif token.pos_ == "DET" and i >= 2 and doc[i - 2].pos_ == "ADP":
            i -= 1  # the article inside such a phrase
        else:
            break
    words = list(doc[i:start])
    while words and (words[0].pos_ in ("ADP", "DET") or words[0].text in ("-", "&")):
        words = words[1:]
    if not any(w.pos_ in ("NOUN", "PROPN") for w in words):
        return None
    orgs = [e for e in doc.ents if e.label_ in _ORG_LABELS and words[0].i <= e.start < start]
    orgs = [e for e in orgs if e.end <= start]
    organization = orgs[0].text if orgs else None
    role_words = [w for w in words if not (orgs and orgs[0].start <= w.i < orgs[0].end)]
    role_words = [w for w in role_words if w.ent_type_ not in _PLACE_LABELS or w.text[:1].islower()]
    role = (_tidy(" ".join(w.text for w in role_words)) or "").replace(" - ", "-")
    if not role or role == organization or not re.search(r"[^\W\d_]", role):
        return None
    return Description(role, organization, doc[words[0].i : start].text)


def _apposition_after(doc: Any, start: int, end: int) -> Description | None:
    """``Sophie Binet, la secrétaire générale de la CGT, …``, ``X, qui intervient pour Y``."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    words: list[Any] = []
    relative = doc[end + 1].lower_ in ("qui", "who") if end + 1 < len(doc) else False
    for token in doc[end + 1 :]:
        if token.text in (".", ";", ":", "«", "“", '"', "»", "”", "!", "?"):
            break
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "acl") and not relative:
            break
        words.append(token)
    if relative:
        return _relative(doc, words)
    if not words or words[0].pos_ not in ("DET", "NOUN", "ADJ", "NUM", "PROPN"):
        return None  # "Yassin E., depuis le box des prévenus, …": a circumstance
    if words[0].lower_ in ("ce", "cet", "cette", "ces", "this", "these", "that", "those"):
        return None  # "Pour X, cette primaire est …": the sentence goes on, not a role
    text = _tidy(" ".join(t.text for t in words).replace(" ,", ",")) or ""
    text = re.split(r",\s+(?:qui|que|dont|who|which)\b", text)[0].strip(" ,")
    if not text or not (text[0].islower() or _acronym_role(text)):
        return None
    role, organization = split_role(text)
    return Description(_tidy(role) if role else None, _tidy(organization), text)


def _relative(doc: Any, words: list[Any]) -> Description | None:
    """``qui intervient pour le Bureau national …``: the organisation they act for."""
    for i, token in enumerate(words[1:-1], 1):
        if token.lower_ in _FOR and words[i - 1].pos_ == "VERB":
            rest = _tidy(" ".join(t.text for t in words[i + 1 :]).replace(" ,", ",")) or ""
            organization = rest.split(",")[0].strip()
            if organization[:1].isupper():
                return Description(None, organization, " ".join(t.text for t in words))
    return None


def _apposition_before(doc: Any, start: int, end: int) -> Description | None:
    """``le président du tribunal, Denis Weisbuch``."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    i = start - 1
    if doc[i - 1].text == ")":  # "l'imam de la mosquée de Beaucaire (Gard), Yassin E."
        while i > 1 and doc[i - 1].text != "(":
            i -= 1
        i -= 1
    while i > 0 and doc[i - 1].text not in (",", ".", ";", ":", "(", "«", "“", "»", "”"):
        i -= 1
        if (
            doc[i].lower_ in _DETERMINERS
            and doc[i].dep_ in ("det", "poss")
            and (i == 0 or doc[i - 1].pos_ not in ("ADP",))
        ):
            break
    words = list(doc[i : start - 1])
    if not words or words[0].lower_ not in _DETERMINERS:
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl") for t in words):
        return None
    text = _tidy(" ".join(t.text for t in words)) or ""
    role, organization = split_role(text) if text else (None, None)
    if not role and not organization:
        return None
    return Description(_tidy(role), _tidy(organization), text)


def _parentheses(doc: Any, start: int, end: int) -> Description | None:
    """``Nathalie Dubreuil (Groupe Saint-Aubin)``."""
    if end >= len(doc) or doc[end].text != "(":
        return None
    close = next((t.i for t in doc[end + 1 : end + 16] if t.text == ")"), None)
    if close is None:
        return None
    inside = doc[end + 1 : close].text.strip()
    if not inside or not inside[0].isupper() or re.fullmatch(r"[\d\s-]+", inside):
        return None
    return Description(None, inside, f"({inside})")


def _sentence_organization(doc: Any, start: int) -> str | None:
    """The organisation a sentence gives a person with a title only: one after a possessive
    (``his Liberal Democratic Party``), else the one the sentence is about (its subject)."""
    sentence = doc[start].sent
    sentence_range = (sentence.start, sentence.end)
    orgs = [e for e in doc.ents if e.label_ in _ORG_LABELS and e.start in range(*sentence_range)]
    for ent in orgs:
        if ent.start > 0 and doc[ent.start - 1].lower_ in _POSSESSIVES:
            return str(ent.text)
    for ent in orgs:
        if ent.root.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and ent.root.head.dep_ == "ROOT":
            return str(ent.text)
    return None


def _acronym_role(text: str) -> bool:
    first = text.split()[0].strip(",")
    return first.isupper() and 2 <= len(first) <= 5


def _tidy(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"\s+([,.)’'])", r"\1", " ".join(text.split()))
    text = re.sub(r"([(’'])\s+", r"\1", text)
    text = re.sub(r"^(?:(?:le|la|les|un|une|the|a|an)\s+|l[’']\s*)", "", text, flags=re.I)
    return text.strip(" ,;:") or None


def _fold(text: str) -> str:
    return fold(" ".join(text.replace(".", "").split()))
