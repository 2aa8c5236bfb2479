"""The people an article's text names, met block by block: each mention of a name with its
place in the sentence (someone who spoke, a subject, a complement), what the text says of them,
and which person a surname, a first name, a title or a pronoun means there."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from digestgen.draft.article import Block
from digestgen.draft.clauses import inside
from digestgen.draft.names import (
    NOT_PERSON,
    capitalised,
    gender_of,
    name_like,
    name_spans,
    role_after,
    run_at,
    whole_words,
    with_honorific,
)
from digestgen.draft.nlp import pipeline
from digestgen.draft.people import HONORIFIC_GENDER, People, Person, clean_name, fold, is_name
from digestgen.draft.roles import describe
from digestgen.draft.verbs import PRONOUN_GENDER, SUBJECTS, saying

ONLY_NAMED = re.compile(
    r"(?:animée?s?|modérée?s?|présentée?s?|orchestrée?s?|moderated|hosted|chaired|led|"
    r"introduced|written|reported)\s+(?:par|by)\s*$|^\s*(?:par|by)\s*$",
    re.I,
)

# Words before a name that make it a complement ("l'avocate de Yassin E.", "the wife of X").
_COMPLEMENT = "de d' d’ du des of à au aux to by par with avec from chez for pour"

COMPLEMENT = frozenset(_COMPLEMENT.split())


@dataclass
class Mention:
    block: int
    at: int
    person: Person
    rank: int  # 2 said something, 1 subject of a verb, 0 named


@dataclass
class Mentions:
    """The people of one article's blocks and their mentions, in the order of the text."""

    blocks: list[Block]
    language: str
    people: People = field(default_factory=People)
    mentions: list[Mention] = field(default_factory=list)
    only_named: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.nlp = pipeline(self.language)
        self.saying = saying(self.language)

    def _is_speech(self, token: Any) -> bool:
        return self.saying.says(token)

    def _names(
        self, doc: Any, ranges: list[tuple[int, int]], runs: bool = True
    ) -> Iterator[tuple[int, int, str, str | None, Any]]:
        """(start, end, name, gender, root token) of the people named outside quotations
        (in a heading, only those the entity recogniser found: headings are capitalised)."""
        taken: set[int] = set()
        for start, end in name_spans(doc, runs):
            if inside(doc[start].idx, ranges):
                continue
            span = doc[start:end]
            name, gender = clean_name(with_honorific(span))
            if is_name(name):
                taken.update(range(start, end))
                yield span.start_char, span.end_char, name, gender, span.root
        for token in doc:
            if token.i in taken or inside(token.idx, ranges):
                continue
            if name_like(token) and self.people.match(token.text) is not None:
                start, end = whole_words(doc, token.i, token.i + 1)
                taken.update(range(start, end))
                span = doc[start:end]
                yield span.start_char, span.end_char, span.text, None, token

    def _meet(
        self, index: int, doc: Any, start: int, end: int, name: str, gender: str | None, root: Any
    ) -> None:
        one = len(name.split()) == 1 and self.people.match(name) is None
        if one and not self._single_name(root):
            return
        person = self.people.add(name, gender)
        span = doc.char_span(start, end, alignment_mode="expand")
        before = doc[span.start - 1].text.lower() if span is not None and span.start else ""
        role = root
        while role.dep_ in ("appos", "flat", "flat:name", "compound") and role.head is not role:
            role = role.head  # "le juge Bocock estime": the subject is the role noun
        if role.dep_ in SUBJECTS:
            rank = 2 if self._is_speech(role.head) else 1
        else:
            rank = -1 if before in COMPLEMENT else 0  # "l'allocution de Martine Aubry"
        self.mentions.append(Mention(index, start, person, rank))
        self._titles(doc, person, start, end)
        self._describe(doc, person, start, end)

    def _describe(self, doc: Any, person: Person, start: int, end: int) -> None:
        """The role and organisation, from the first place that gives either."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if person.described or span is None:
            return
        first = span.start
        while first < span.end - 1 and (doc[first].text in HONORIFIC_GENDER):
            first += 1  # "CEO Tim Cook": the title is the role's, not the name's
        names = {fold(p.name.replace(".", "")) for p in self.people.persons}
        found = describe(doc, first, span.end, names)
        if found is not None:
            person.role, person.organization = found.role, found.organization
            person.described = found.words

    def person(self, name: str) -> Person | None:
        """The person a quotation's speaker names."""
        return next((p for p in self.people.persons if p.name == name), None)

    def _single_name(self, token: Any, speaking: bool = False) -> bool:
        """A one-word name is a person when the text gives them a role or makes them speak
        ("Ibrahim, artisan boucher", "raconte Ibrahim", "Brian said"); not a place, not the name
        of a thing ("le cabinet Dentons")."""
        if not capitalised(token, initial_ok=True) or token.text in HONORIFIC_GENDER:
            return False
        ent = token.ent_type_
        if ent in NOT_PERSON and ent != "ORG":
            return False
        before = token.doc[token.i - 1] if token.i else None
        if before is not None and before.pos_ == "NOUN" and before.text[:1].islower():
            return False
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.text == "," and role_after(token) is not None:
            return True
        says = speaking or (token.dep_ in SUBJECTS and self._is_speech(token.head))
        return says and ent != "ORG"

    def _titles(self, doc: Any, person: Person, start: int, end: int) -> None:
        """The role words the text writes beside a name ("Prime Minister Shigeru Ishiba", "le
        juge Bocock", "Sebastian Kurz, le chancelier autrichien"), and the gender they say."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return
        before: list[Any] = []
        i = span.start - 1
        while i >= 0 and doc[i].pos_ in ("NOUN", "PROPN", "ADJ") and not doc[i].ent_type_:
            before.insert(0, doc[i])
            i -= 1
        if i >= 0 and doc[i].text in ("-",) and before:
            before = []
        words = [t for t in before if t.pos_ != "ADJ" or t.i < span.start - 1]
        if words:
            add_title(person, " ".join(fold(t.lemma_ or t.text) for t in words))
            add_title(person, fold(words[-1].lemma_ or words[-1].text))
        head = role_after(doc[span.end - 1])
        if head is not None:
            add_title(person, fold(head.lemma_ or head.text))
            after = [t for t in head.doc[head.i : head.i + 3] if t.pos_ in ("NOUN", "ADJ")]
            add_title(person, " ".join(fold(t.lemma_ or t.text) for t in after))
            gender = gender_of(head)
            if gender and not person.gender:
                person.gender = gender
        root = span.root
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            add_title(person, fold(root.head.lemma_ or root.head.text))
            gender = gender_of(root.head)
            if gender and not person.gender:
                person.gender = gender

    def _mention(self, index: int, at: int, person: Person, rank: int) -> None:
        self.mentions.append(Mention(index, at, person, rank))

    def _only_named(self, doc: Any) -> None:
        for ent in doc.ents:
            if ent.label_ in ("PER", "PERSON"):
                before = doc.text[max(0, ent.start_char - 40) : ent.start_char]
                if ONLY_NAMED.search(before):
                    self.only_named.add(fold(clean_name(ent.text)[0]))

    def _cite(self, doc: Any) -> Person | None:
        head = re.split(r",|\(|\s[–—-]\s", doc.text)[0].strip()
        name, gender = clean_name(
            re.sub(r"^(?:une citation de|a quote from)\s+", "", head, flags=re.I)
        )
        people = [e for e in doc.ents if e.label_ in ("PER", "PERSON")]
        if people and not is_name(name):
            name, gender = clean_name(with_honorific(people[0]))
        if not is_name(name):
            return None
        person = self.people.add(name, gender)
        named = next((e for e in doc.ents if clean_name(e.text)[0] == name), None)
        if named is not None:
            self._describe(doc, person, named.start_char, named.end_char)
        elif doc.text.startswith(name):
            self._describe(doc, person, 0, len(name))
        return person

    def _named_at(self, token: Any, speaking: bool = False) -> Person | None:
        """The person whose name this token is part of (``speaking``: the token stands where
        the subject of a verb of saying does)."""
        spans_ = [token.doc[a:b] for a, b in name_spans(token.doc) if a <= token.i < b]
        if not spans_ and speaking:
            spans_ = [token.doc[a:b] for a, b in [run_at(token.doc, token.i)] if b - a >= 2]
        if spans_:
            ent = spans_[0]
            name, gender = clean_name(with_honorific(ent))
            if is_name(name):
                unknown = len(name.split()) == 1 and self.people.match(name) is None
                if unknown and not self._single_name(ent.root, speaking):
                    return None
                person = self.people.add(name, gender)
                self._describe(token.doc, person, ent.start_char, ent.end_char)
                return person
        if name_like(token):
            known = self.people.match(token.text)
            if known is not None:
                return known
            if self._single_name(token, speaking) and is_name(token.text):
                return self.people.add(token.text)
        return None

    def _first_name(
        self, index: int, tokens: list[Any], ranges: list[tuple[int, int]], speaking: bool = False
    ) -> Person | None:
        """The first person named in ``tokens`` who is not a complement ("l'avocate de Yassin
        E., Saphia Foughar" is Saphia Foughar) nor a possessor ("Reid's campaign")."""
        seen: set[int] = set()
        for token in tokens:
            if token.i in seen or inside(token.idx, ranges):
                continue
            person = self._named_at(token, speaking and not seen)
            if person is None:
                continue
            ent_start, ent_end = next(
                ((a, b) for a, b in name_spans(token.doc) if a <= token.i < b),
                (token.i, token.i + 1),
            )
            seen.update(range(ent_start, ent_end))
            before = token.doc[ent_start - 1] if ent_start > 0 else None
            if before is not None and before.text.lower() in COMPLEMENT:
                continue
            after = token.doc[ent_end] if ent_end < len(token.doc) else None
            if after is not None and after.text in ("'s", "’s", "'", "’"):
                continue  # "Reid's campaign": the campaign speaks, not Reid
            return person
        return None

    def _pronoun(self, index: int, token: Any, addressees: set[Person]) -> Person | None:
        """The person a pronoun means: in this block or the two before, the nearest block
        first; there, someone who spoke, then a subject, then anyone named but in a complement
        ("l'allocution de Martine Aubry"); of the right gender."""
        gender = PRONOUN_GENDER.get(token.text.lower().replace("-t-", "-"))
        at = token.idx
        # Inside a relative clause, a pronoun is not the person the clause is about
        # ("François Fillon, dont il ne cite pas le nom": il is someone else).
        for ancestor in token.ancestors:
            if ancestor.dep_ in ("relcl", "acl:relcl"):
                about = self._named_at(ancestor.head)
                if about is not None:
                    addressees = addressees | {about}
        best: tuple[tuple[bool, int, int, int], Person] | None = None
        for mention in self.mentions:
            distance = index - mention.block
            if not 0 <= distance <= 2 or (distance == 0 and mention.at >= at):
                continue
            person = mention.person
            if person in addressees or (gender and person.gender and person.gender != gender):
                continue
            key = (mention.rank >= 0, -distance, mention.rank, mention.at)
            if best is None or key > best[0]:
                best = (key, person)
        return None if best is None else best[1]

    def _description(self, index: int, tokens: list[Any]) -> Person | None:
        """``the prime minister``, ``le juge en chef``: the person the article gave that title,
        the longest title first, the latest person first."""
        words = [t for t in tokens if not t.is_punct][:5]
        if not words or words[0].pos_ != "DET":
            return None
        if words[0].text.lower() in ("a", "an", "un", "une", "des", "another"):
            return None  # "a veteran GOP strategist": someone the article does not name
        nouns = []
        for t in words[1:]:
            if t.pos_ in ("NOUN", "ADJ", "PROPN") or t.text.lower() in ("en", "de"):
                nouns.append(fold(t.lemma_ or t.text))
            else:
                break
        while nouns and nouns[-1] in ("en", "de"):
            nouns.pop()
        for size in range(len(nouns), 0, -1):
            for first in range(len(nouns) - size + 1):
                title = " ".join(nouns[first : first + size])
                for person in reversed(self._recent(index)):
                    if title in person.titles:
                        return person
        if words[0].text.lower() in ("ce", "cet", "cette", "this"):
            return self._pronoun(index, words[0], set())  # "ce père de quatre enfants"
        return None

    def _recent(self, index: int) -> list[Person]:
        order: list[Person] = []
        for mention in self.mentions:
            if mention.block <= index:
                if mention.person in order:
                    order.remove(mention.person)
                order.append(mention.person)
        return order

    def _heading(self, index: int) -> Person | None:
        """``Amélie Rousseau, directrice de la donnée, Métropole de Lyon``."""
        text = self.blocks[index].text
        if "," not in text:
            return None
        name, gender = clean_name(text.split(",")[0])
        if not is_name(name) or len(name.split()) < 2:
            return None
        person = self.people.add(name, gender)
        self._mention(index, 0, person, 1)
        return person


def add_title(person: Person, title: str) -> None:
    if title and title not in person.titles and len(title) > 1:
        person.titles.append(title)
