"""Who the article quotes: every quotation of the main text and the person who said it, read
from the sentence's structure with spaCy's parse.

For each quotation (:mod:`digestgen.draft.quotes`), in this order:

- a blockquote's ``<cite>``, ``<figcaption>`` or embedded post's author;
- the verb of saying after it (``”, Cook told Benioff``, ``», a prévenu le commissaire à
  l’économie Pierre Moscovici``, ``», confie-t-elle``) or before it (``Patricia Scotland, who
  presented the awards, said: “…``, ``Baba criticized …, saying, “…``), and that verb's subject,
  never its object (the addressee) and never a passive subject (``Ishiba was asked, “…``);
- ``Pour X, « … »``, ``selon X``, ``according to X``; a colon after a clause whose subject is a
  person (``Sebastian Kurz … dans un entretien à la Stampa : « …``);
- a quotation standing alone as a sentence: the next part of a quotation running over several
  paragraphs, or the person the sentence before introduced or quoted.

The subject is a name, or a mention that :class:`~digestgen.draft.people.People` resolves: a
surname or first name of someone named in full before, a title (``the prime minister``, ``le
juge en chef``) the article gave someone, a pronoun (the nearest person it can mean, speakers and
subjects first, of the right gender). People named inside a quotation, addressees, people only
mentioned or only named ("animée par", "moderated by", a "Par X" byline) are never speakers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from digestgen.draft.article import Block
from digestgen.draft.clauses import (
    END,
    after_quote,
    before_quote,
    inside,
    previous_sentence,
    region_after,
)
from digestgen.draft.mentions import Mentions
from digestgen.draft.names import name_spans, role_after
from digestgen.draft.people import Person, fold
from digestgen.draft.quotes import Span, is_speech, opens_with_quote, spans, tidy_quote
from digestgen.draft.verbs import NOBODY, PRONOUN_GENDER, SUBJECTS

# "Pour X, « … »", "selon X", "according to X": the words before a person whose view follows.
OPINION = re.compile(
    r"(?:^|\b)(?:pour|selon|d[’']après|for|according to)"
    r"(?:\s+(?:le|la|l[’']|sa|son|leur|the|his|her|their)\s*(?:[^\W\d_]+\s+){0,2}?)?\s*$",
    re.I,
)


@dataclass(frozen=True)
class Quotation:
    """A quotation and its speaker's name as written in the article."""

    speaker: str
    text: str
    block: int


@dataclass
class _Quote:
    block: int
    span: Span
    text: str
    speech: bool
    person: Person | None = None
    previous: _Quote | None = None  # the part before, in a quotation over several paragraphs


@dataclass
class Speakers(Mentions):
    """Finds the quotations of an article's blocks and who said them."""

    def find(self) -> Iterator[Quotation]:
        """Every attributed quotation, in the order of the text."""
        self.docs = list(self.nlp.pipe([b.text for b in self.blocks]))
        cites = {i: self.nlp(b.cite) for i, b in enumerate(self.blocks) if b.cite}
        self.quotes: list[list[_Quote]] = []
        previous: _Quote | None = None
        for index, block in enumerate(self.blocks):
            quotes = self._quotes(index, block, previous)
            self.quotes.append(quotes)
            if block.kind != "head":
                previous = quotes[-1] if quotes and quotes[-1].span.runs_on else None
        self.ranges = [[(q.span.start, q.span.end) for q in quotes] for quotes in self.quotes]
        found: list[_Quote] = []
        for index, doc in enumerate(self.docs):
            quotes, ranges = self.quotes[index], self.ranges[index]
            if self.blocks[index].kind == "quote" and index in cites:
                person = self._cite(cites[index])
                for quote in quotes:
                    quote.person = person
            self._only_named(doc)
            events: list[tuple[int, int, Any]] = [(q.span.start, 1, q) for q in quotes]
            named = self._names(doc, ranges, runs=self.blocks[index].kind != "head")
            events += [(s, 0, (s, e, n, g, t)) for s, e, n, g, t in named]
            for _, _, event in sorted(events, key=lambda e: (e[0], e[1])):
                if isinstance(event, _Quote):
                    if event.person is None:
                        event.person = self._attribute(index, doc, event, ranges)
                    if event.person is not None:
                        self._mention(index, max(event.span.end, 0), event.person, 2)
                    found.append(event)
                else:
                    self._meet(index, doc, *event)
        for quote in found:
            part = quote
            while part.person is None and part.previous is not None:
                part = part.previous
            # A quotation over several paragraphs is said by whoever said one of its parts.
            if quote.person is None and part.person is not None:
                quote.person = part.person
        for quote in reversed(found):
            if quote.person and quote.previous is not None and quote.previous.person is None:
                quote.previous.person = quote.person  # "“…” (paragraphs) “…,” she said."
        for quote in found:
            if quote.person and quote.speech and fold(quote.person.name) not in self.only_named:
                yield Quotation(quote.person.name, quote.text, quote.block)

    def _quotes(self, index: int, block: Block, previous: _Quote | None) -> list[_Quote]:
        if block.kind == "head":
            return []
        found = list(spans(block.text))
        if block.kind == "quote" and not found:
            found = [Span(-1, len(block.text), block.text)]
        quotes: list[_Quote] = []
        for span in found:
            text = tidy_quote(span.text)
            quote = _Quote(index, span, text, is_speech(text))
            if previous is not None and not quotes and opens_with_quote(block.text):
                quote.previous = previous
            quotes.append(quote)
        return quotes

    def _attribute(
        self, index: int, doc: Any, quote: _Quote, ranges: list[tuple[int, int]]
    ) -> Person | None:
        start, end = max(quote.span.start, 0), quote.span.end
        after = after_quote(doc, end, ranges)
        before = before_quote(doc, start, ranges)
        sentence = before_quote(doc, start, ranges, whole=True)
        for verb in [t for t in after[:12] if self._is_speech(t)][:1]:
            # The verb of saying after the quotation decides, even when its subject is
            # nobody named ("», précise un proche du ministre", "», souligne la famille").
            return self._speaker_of(index, verb, ranges)
        opinion = self._opinion(index, doc, after, ranges) or self._opinion(
            index, doc, sentence, ranges
        )
        if opinion is not None:
            return opinion
        for verb in [t for t in reversed(sentence) if self._is_speech(t)][:1]:
            person = self._speaker_of(index, verb, ranges)
            if person is not None:
                return person
        inside = self._incise(index, doc, start, end, ranges)
        if inside is not None:
            return inside
        content = [t for t in before if not t.is_punct and t.pos_ not in ("CCONJ", "ADV")]
        if before and before[-1].text == ":" and content:
            return self._clause_subject(index, before, ranges)
        if not content and quote.previous is None:
            return self._standalone(index, doc, start, ranges)
        return None

    def _speaker_of(
        self, index: int, verb: Any, ranges: list[tuple[int, int]], climbed: bool = False
    ) -> Person | None:
        """The person who says: the verb's subject (a name, a pronoun, a title)."""
        objects = {
            t.i
            for t in verb.children
            if t.dep_ in ("dobj", "obj", "iobj", "dative", "obl:arg") and verb.i < t.i
        }
        addressees = {p for i in objects if (p := self._named_at(verb.doc[i])) is not None}
        has_clitic, clitic = self._clitic(index, verb, addressees)
        if has_clitic:
            return clitic
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and not inside(c.idx, ranges)]
        for child in sorted(subjects, key=lambda c: c.pos_ == "PRON"):  # a name first
            person = self._person_from(index, child, addressees, ranges)
            low = child.text.lower()
            if person is not None or low in PRONOUN_GENDER or low in NOBODY:
                return person
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
            return self._person_from(index, verb.head, addressees, ranges)
        region = region_after(verb, ranges)
        named = self._first_name(index, region, ranges, speaking=True)
        if named is not None:
            return named
        if region and region[0].pos_ == "PRON":
            return self._pronoun(index, region[0], addressees)
        description = self._description(index, region)
        if description is not None:
            return description
        if (
            not climbed
            and verb.dep_ in ("advcl", "xcomp", "conj", "ccomp", "acl")
            and verb.head.i < verb.i
        ):
            found = self._speaker_of(index, verb.head, ranges, climbed=True)
            if found is not None:
                return found
        # A parse that lost the subject: the first person named before the verb in its
        # sentence who is not a complement ("Pour la métropole de Bordeaux, Jean-Noël Olivier,
        # adjoint au directeur général, a lui mis en avant …").
        start = verb.i
        while start > 0 and verb.doc[start - 1].text not in END and verb.doc[start - 1].text != ";":
            start -= 1
        return self._first_name(index, list(verb.doc[start : verb.i]), ranges)

    def _clitic(self, index: int, verb: Any, addressees: set[Person]) -> tuple[bool, Person | None]:
        """« …, confie-t-elle » / « …, a-t-il ajouté »: the subject is the clitic pronoun (the
        flag says whether there is one; "-on" has one and names nobody)."""
        doc = verb.doc
        for token in doc[max(0, verb.i - 3) : verb.i + 3]:
            low = token.text.lower()
            if low in ("-il", "-elle", "-t-il", "-t-elle"):
                return True, self._pronoun(index, token, addressees)
            if low in ("-on", "-ils", "-elles", "-t-on"):
                return True, None
        return False, None

    def _person_from(
        self, index: int, token: Any, addressees: set[Person], ranges: list[tuple[int, int]]
    ) -> Person | None:
        low = token.text.lower()
        if low in NOBODY:
            return None
        if token.pos_ == "PRON" or low in PRONOUN_GENDER:
            if low in PRONOUN_GENDER:
                return self._pronoun(index, token, addressees)
            if low in ("who", "qui") and token.head.dep_ == "relcl":
                return self._person_from(index, token.head.head, addressees, ranges)
            return None
        named = self._named_at(token, speaking=True)
        if named is not None:
            return named
        subtree = [t for t in token.subtree if not inside(t.idx, ranges)]
        named = self._first_name(index, subtree, ranges)
        if named is not None:
            return named
        return self._description(index, subtree)

    def _opinion(
        self, index: int, doc: Any, region: list[Any], ranges: list[tuple[int, int]]
    ) -> Person | None:
        """``Pour X, « … »``, ``selon X``, ``according to X``."""
        for token in region:
            before = doc.text[max(0, token.idx - 40) : token.idx]
            if OPINION.search(before):
                person = self._named_at(token, speaking=True)
                if person is not None:
                    return person
        return None

    def _incise(
        self, index: int, doc: Any, start: int, end: int, ranges: list[tuple[int, int]]
    ) -> Person | None:
        """« Là-dessus, notre désaccord est total, souligne-t-elle. La CGT … »."""
        for token in doc:
            after_comma = token.i > 0 and doc[token.i - 1].text == ","
            if start < token.idx < end and after_comma and self._is_speech(token):
                has_clitic, found = self._clitic(index, token, set())
                if has_clitic:
                    return found
        return None

    def _clause_subject(
        self, index: int, before: list[Any], ranges: list[tuple[int, int]]
    ) -> Person | None:
        """``Mohammed, cadre ferroviaire, a assisté au prêche … : « …``: the clause's subject
        when it is a person; ``Marcus Webb, CTO of Fabrikam: “…`` a name opening the clause."""
        for token in before:
            if token.dep_ in SUBJECTS and token.head.dep_ in ("ROOT", "root"):
                person = self._person_from(index, token, set(), ranges)
                if person is not None:
                    return person
        words = [t for t in before if not t.is_punct]
        first = self._named_at(words[0]) if words else None
        if first is not None and (len(words) < 20 or words[0].dep_ in SUBJECTS):
            return first
        return None

    def _standalone(
        self, index: int, doc: Any, start: int, ranges: list[tuple[int, int]]
    ) -> Person | None:
        """A quotation that is a sentence of its own: whoever the sentence before quoted, made
        speak, or introduced with a role; or the person a heading above names."""
        sentence = previous_sentence(doc, start, ranges)
        if sentence is None:
            back = index - 1
            while back >= 0 and not self.blocks[back].text.strip():
                back -= 1
            if back < 0:
                return None
            if self.blocks[back].kind == "head":
                return self._heading(back)
            prior = self.docs[back]
            ranges = self.ranges[back]
            sentence = previous_sentence(prior, len(prior.text), ranges)
            if sentence is None:
                return None
            index = back
        for mention in reversed(self.mentions):
            within = sentence[0].idx <= mention.at <= sentence[-1].idx + len(sentence[-1].text)
            if mention.block == index and mention.rank == 2 and within:
                return mention.person
        for verb in [t for t in reversed(sentence) if self._is_speech(t)][:1]:
            person = self._speaker_of(index, verb, ranges)
            if person is not None:
                return person
        doc_ = sentence[0].doc
        first, last = sentence[0].i, sentence[-1].i
        for start, end in reversed(list(name_spans(doc_))):
            if first <= start <= last and role_after(doc_[end - 1]) is not None:
                return self._named_at(doc_[start])
        return None
