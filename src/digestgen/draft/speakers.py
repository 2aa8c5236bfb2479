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

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from digestgen.draft.article import Block
from digestgen.draft.nlp import pipeline
from digestgen.draft.people import HONORIFIC_GENDER, People, Person, clean_name, fold, is_name
from digestgen.draft.quotes import OPENERS, Span, is_speech, opens_with_quote, spans, tidy_quote
from digestgen.draft.roles import describe

_SPEECH = {
    "en": (
        "say tell add explain note argue observe recall stress insist warn conclude remark "
        "continue admit acknowledge declare announce reply respond answer comment emphasise "
        "emphasize quip joke write tweet post state ask urge claim assert predict suggest "
        "complain concede confirm recount reflect muse exclaim proclaim mention testify "
        "caution counter retort agree laugh sigh shout cry whisper maintain contend "
        "allege boast lament elaborate reiterate mutter opine declare insist tout marvel"
    ),
    "fr": (
        "dire déclarer rappeler souligner expliquer ajouter affirmer évoquer indiquer préciser "
        "estimer confier résumer conclure insister assurer témoigner lancer noter observer "
        "reconnaître annoncer confirmer prévenir marteler détailler commenter relever analyser "
        "répondre poursuivre illustrer avertir raconter plaider défendre regretter admettre "
        "juger avancer étonner déplorer argumenter écrire mentionner concéder tweeter réagir "
        "demander lâcher glisser ironiser exclamer interroger alerter dénoncer reprendre "
        "enchaîner renchérir nuancer tempérer relater proclamer clamer agacer féliciter "
        "réjouir inquiéter constater signaler soutenir asséner trancher prédire "
        "objecter protester rétorquer répliquer indigner suggérer souffler murmurer "
        "crier interpeller confesser avouer narrer certifier espérer revendiquer assumer"
    ),
}
SPEECH = {language: frozenset(words.split()) for language, words in _SPEECH.items()}
# French forms the tagger mistakes right after a closing guillemet (« … », rappelle X: "rappelle"
# read as an adjective), so the verb is also known by its written forms.
_IRREGULAR = (
    "dit dis disent disait conclut conclu reconnaît reconnait reconnu prévient prévenu "
    "poursuit poursuivi avertit averti admet admis écrit écrivait répond répondu défend défendu "
    "soutient soutenu réagit réagi prédit maintient maintenu reprend repris "
    "concède concèdent suggère suggèrent assène"
)


def _french_forms(lemmas: frozenset[str]) -> frozenset[str]:
    forms = set(_IRREGULAR.split())
    for lemma in lemmas:
        if lemma.endswith("er"):
            stem = lemma[:-2]
            forms.update(stem + end for end in ("e", "é", "ent", "ait", "a", "ées", "ée"))
            if re.search(r"e[lt]$", stem):  # rappeler → rappelle, rejeter → rejette
                forms.update(stem + stem[-1] + end for end in ("e", "ent"))
    return frozenset(forms)


FORMS = {"fr": _french_forms(SPEECH["fr"]), "en": frozenset()}
# Words before a noun, not before a verb ("le juge", "the post"; French "a" is a verb).
_NOUN_MARKS = {
    "fr": "le la l' l’ les un une des du ce cet cette son sa ses",
    "en": "the a an his her its their this that",
}
NOUN_MARKS = {language: frozenset(words.split()) for language, words in _NOUN_MARKS.items()}
# Verbs of saying in two words: "point out", "weigh in"; « faire valoir », « mettre en garde ».
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"point": ("out",), "weigh": ("in",), "sum": ("up",), "put": ("it",), "chime": ("in",)},
    "fr": {"faire": ("valoir", "remarquer", "savoir", "observer"), "mettre": ("en",)},
}
SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
PRONOUN_GENDER = {"he": "m", "il": "m", "-il": "m", "she": "f", "elle": "f", "-elle": "f"}
# Subjects that name nobody the digest can hold: "I", "we", "on", "ils".
_NOBODY = "i we you they je nous vous on -on ils elles -ils -elles one"
NOBODY = frozenset(_NOBODY.split())
# "Pour X, « … »", "selon X", "according to X": the words before a person whose view follows.
OPINION = re.compile(
    r"(?:^|\b)(?:pour|selon|d[’']après|for|according to)"
    r"(?:\s+(?:le|la|l[’']|sa|son|leur|the|his|her|their)\s*(?:[^\W\d_]+\s+){0,2}?)?\s*$",
    re.I,
)
ONLY_NAMED = re.compile(
    r"(?:animée?s?|modérée?s?|présentée?s?|orchestrée?s?|moderated|hosted|chaired|led|"
    r"introduced|written|reported)\s+(?:par|by)\s*$|^\s*(?:par|by)\s*$",
    re.I,
)
# Words before a name that make it a complement ("l'avocate de Yassin E.", "the wife of X").
_COMPLEMENT = "de d' d’ du des of à au aux to by par with avec from chez for pour"
COMPLEMENT = frozenset(_COMPLEMENT.split())
END = frozenset(".!?…")
_RELATIVE = "qui que qu' qu’ dont who which whom"
RELATIVE = frozenset(_RELATIVE.split())


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
class _Mention:
    block: int
    at: int
    person: Person
    rank: int  # 2 said something, 1 subject of a verb, 0 named


@dataclass
class Speakers:
    """Finds the quotations of an article's blocks and who said them."""

    blocks: list[Block]
    language: str
    people: People = field(default_factory=People)
    mentions: list[_Mention] = field(default_factory=list)
    only_named: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.nlp = pipeline(self.language)
        lemmas = SPEECH["fr" if self.language == "fr" else "en"]
        self.speech_lemmas = lemmas | SPEECH["en" if self.language == "fr" else "fr"]
        self.phrases = {**PHRASES["en"], **PHRASES["fr"]}
        self.forms = FORMS["fr"] if self.language == "fr" else FORMS["en"]
        self.noun_marks = NOUN_MARKS["fr"] if self.language == "fr" else NOUN_MARKS["en"]

    # --- the walk -------------------------------------------------------------------------

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

    # --- names ----------------------------------------------------------------------------

    def _names(
        self, doc: Any, ranges: list[tuple[int, int]], runs: bool = True
    ) -> Iterator[tuple[int, int, str, str | None, Any]]:
        """(start, end, name, gender, root token) of the people named outside quotations
        (in a heading, only those the entity recogniser found: headings are capitalised)."""
        taken: set[int] = set()
        for start, end in _name_spans(doc, runs):
            if _inside(doc[start].idx, ranges):
                continue
            span = doc[start:end]
            name, gender = clean_name(_with_honorific(span))
            if is_name(name):
                taken.update(range(start, end))
                yield span.start_char, span.end_char, name, gender, span.root
        for token in doc:
            if token.i in taken or _inside(token.idx, ranges):
                continue
            if _name_like(token) and self.people.match(token.text) is not None:
                start, end = _whole_words(doc, token.i, token.i + 1)
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
        self.mentions.append(_Mention(index, start, person, rank))
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
        if not _capitalised(token, initial_ok=True) or token.text in HONORIFIC_GENDER:
            return False
        ent = token.ent_type_
        if ent in _NOT_PERSON and ent != "ORG":
            return False
        before = token.doc[token.i - 1] if token.i else None
        if before is not None and before.pos_ == "NOUN" and before.text[:1].islower():
            return False
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.text == "," and _role_after(token) is not None:
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
            _add_title(person, " ".join(fold(t.lemma_ or t.text) for t in words))
            _add_title(person, fold(words[-1].lemma_ or words[-1].text))
        head = _role_after(doc[span.end - 1])
        if head is not None:
            _add_title(person, fold(head.lemma_ or head.text))
            after = [t for t in head.doc[head.i : head.i + 3] if t.pos_ in ("NOUN", "ADJ")]
            _add_title(person, " ".join(fold(t.lemma_ or t.text) for t in after))
            gender = _gender(head)
            if gender and not person.gender:
                person.gender = gender
        root = span.root
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            _add_title(person, fold(root.head.lemma_ or root.head.text))
            gender = _gender(root.head)
            if gender and not person.gender:
                person.gender = gender

    def _mention(self, index: int, at: int, person: Person, rank: int) -> None:
        self.mentions.append(_Mention(index, at, person, rank))

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
            name, gender = clean_name(_with_honorific(people[0]))
        if not is_name(name):
            return None
        person = self.people.add(name, gender)
        named = next((e for e in doc.ents if clean_name(e.text)[0] == name), None)
        if named is not None:
            self._describe(doc, person, named.start_char, named.end_char)
        elif doc.text.startswith(name):
            self._describe(doc, person, 0, len(name))
        return person

    # --- attribution ----------------------------------------------------------------------

    def _attribute(
        self, index: int, doc: Any, quote: _Quote, ranges: list[tuple[int, int]]
    ) -> Person | None:
        start, end = max(quote.span.start, 0), quote.span.end
        after = _after(doc, end, ranges)
        before = _before(doc, start, ranges)
        sentence = _before(doc, start, ranges, whole=True)
        for verb in [t for t in after[:8] if self._is_speech(t)][:1]:
            person = self._speaker_of(index, verb, ranges)
            if person is not None:
                return person
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

    def _is_speech(self, token: Any) -> bool:
        """A verb of saying, active: ``said``, ``a prévenu``, ``rappelle``; not ``le juge``."""
        if token.pos_ in ("DET", "ADP", "PRON", "PUNCT", "CCONJ", "SCONJ", "NUM", "PROPN"):
            return False
        low = token.text.lower()
        before = token.doc[token.i - 1].text.lower() if token.i else ""
        if before in self.noun_marks or low.startswith("-"):
            return False  # "le juge", "the post": a noun
        lemma = (token.lemma_ or token.text).lower()
        if (token.pos_ in ("VERB", "AUX") and lemma in self.speech_lemmas) or low in self.forms:
            return not _passive(token)
        follow = self.phrases.get(lemma)
        if follow and token.i + 1 < len(token.doc):
            nxt = token.doc[token.i + 1]
            return (nxt.lemma_ or nxt.text).lower() in follow and not _passive(token)
        return False

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
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and not _inside(c.idx, ranges)]
        for child in sorted(subjects, key=lambda c: c.pos_ == "PRON"):  # a name first
            person = self._person_from(index, child, addressees, ranges)
            low = child.text.lower()
            if person is not None or low in PRONOUN_GENDER or low in NOBODY:
                return person
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
            return self._person_from(index, verb.head, addressees, ranges)
        region = _region_after(verb, ranges)
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
        subtree = [t for t in token.subtree if not _inside(t.idx, ranges)]
        named = self._first_name(index, subtree, ranges)
        if named is not None:
            return named
        return self._description(index, subtree)

    def _named_at(self, token: Any, speaking: bool = False) -> Person | None:
        """The person whose name this token is part of (``speaking``: the token stands where
        the subject of a verb of saying does)."""
        spans_ = [token.doc[a:b] for a, b in _name_spans(token.doc) if a <= token.i < b]
        if not spans_ and speaking:
            spans_ = [token.doc[a:b] for a, b in [_run_at(token.doc, token.i)] if b - a >= 2]
        if spans_:
            ent = spans_[0]
            name, gender = clean_name(_with_honorific(ent))
            if is_name(name):
                unknown = len(name.split()) == 1 and self.people.match(name) is None
                if unknown and not self._single_name(ent.root, speaking):
                    return None
                person = self.people.add(name, gender)
                self._describe(token.doc, person, ent.start_char, ent.end_char)
                return person
        if _name_like(token):
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
        E., Saphia Foughar" is Saphia Foughar)."""
        seen: set[int] = set()
        for token in tokens:
            if token.i in seen or _inside(token.idx, ranges):
                continue
            person = self._named_at(token, speaking and not seen)
            if person is None:
                continue
            ent_start, ent_end = next(
                ((a, b) for a, b in _name_spans(token.doc) if a <= token.i < b),
                (token.i, token.i + 1),
            )
            seen.update(range(ent_start, ent_end))
            before = token.doc[ent_start - 1] if ent_start > 0 else None
            if before is not None and before.text.lower() in COMPLEMENT:
                continue
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
        sentence = _previous_sentence(doc, start, ranges)
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
            sentence = _previous_sentence(prior, len(prior.text), ranges)
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
        for start, end in reversed(list(_name_spans(doc_))):
            if first <= start <= last and _role_after(doc_[end - 1]) is not None:
                return self._named_at(doc_[start])
        return None

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


_NOT_PERSON = ("LOC", "GPE", "ORG", "NORP", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "MISC")
_NOT_NAME_POS = ("VERB", "AUX", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "PUNCT", "NUM")


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
        start, end = _whole_words(doc, start, end)
        seen.update(range(start, end))
        yield start, end
    i = 0
    while runs and i < len(doc):
        j = i
        while j < len(doc) and j not in seen and _name_word(doc[j]):
            j += 1
        labels = {doc[k].ent_type_ for k in range(i, j)}
        clause = any(t.pos_ in ("VERB", "AUX") for t in doc[i].sent)  # not a title line
        titled = i > 0 and doc[i - 1].text in HONORIFIC_GENDER  # "Ambassador Nikki Haley"
        person = titled or (_opens_phrase(doc, i) and not labels <= set(_NOT_PERSON))
        if 2 <= j - i <= 4 and clause and person:
            yield _whole_words(doc, i, j)
        i = max(j, i + 1)


def _whole_words(doc: Any, start: int, end: int) -> tuple[int, int]:
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


def _run_at(doc: Any, i: int) -> tuple[int, int]:
    """The run of two to four capitalised proper nouns holding token ``i`` where a speaker's
    name stands (after a verb of saying, after "Pour"), whatever label the model gave it but a
    place's or an organisation's ("a rappelé Sylvain Fievet", "Pour Nathalie Dubreuil")."""
    if not _name_word(doc[i]):
        return i, i
    start, end = i, i + 1
    while start > 0 and _name_word(doc[start - 1]):
        start -= 1
    while end < len(doc) and _name_word(doc[end]):
        end += 1
    labels = {doc[k].ent_type_ for k in range(start, end)} - {"", "MISC", "PER", "PERSON"}
    return (start, end) if end - start <= 4 and not labels else (i, i)


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
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and not (token.text.isupper() and len(token.text) > 2)
        and token.text not in HONORIFIC_GENDER
    )


def _opens_phrase(doc: Any, i: int) -> bool:
    """Nothing before but the start, punctuation or a conjunction (not "the", not "from")."""
    return i == 0 or doc[i - 1].is_punct or doc[i - 1].pos_ in ("CCONJ", "SCONJ")


def _inside(at: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in ranges)


def _name_like(token: Any) -> bool:
    """A capitalised word that can be part of a known name, even opening a sentence ("Hafiz,
    from Pakistan, …", "Tamaki commented …"), even where the tagger took it for a noun."""
    text = token.text
    if not text[:1].isupper() or (text.isupper() and len(text) > 2):
        return False
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and not token.is_stop)


def _capitalised(token: Any, initial_ok: bool = False) -> bool:
    text = token.text
    if not text[:1].isupper() or (text.isupper() and len(text) > 1):
        return False
    return initial_ok or not token.is_sent_start or token.ent_type_ in ("PER", "PERSON")


def _with_honorific(ent: Any) -> str:
    """The entity's words, with the honorific just before it ("Mme Binet")."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].text in HONORIFIC_GENDER:
        return f"{doc[ent.start - 1].text} {ent.text}"
    return str(ent.text)


def _passive(verb: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "aux:pass", "nsubj:pass") for c in verb.children)


def _role_after(token: Any) -> Any:
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


def _gender(token: Any) -> str | None:
    """The gender a French role noun says: its determiner (``la``, ``le``), else its ending
    (``avocate``, ``directrice``); the tagger's own guess is too often wrong to be used."""
    for child in token.children:
        low = child.text.lower()
        if child.dep_ == "det" and low in ("la", "une", "cette"):
            return "f"
        if child.dep_ == "det" and low in ("le", "un", "ce", "cet"):
            return "m"
    text, lemma = token.text.lower(), (token.lemma_ or "").lower()
    if text.endswith(("trice", "euse", "ienne", "ère")) or (
        lemma and text == lemma + "e" and not lemma.endswith("e")
    ):
        return "f"
    return None


def _add_title(person: Person, title: str) -> None:
    if title and title not in person.titles and len(title) > 1:
        person.titles.append(title)


def _after(doc: Any, end: int, ranges: list[tuple[int, int]]) -> list[Any]:
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
        if _inside(token.idx, ranges):
            break
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        found.append(token)
        if token.text in END or token.text == ";":
            break
    return found


def _before(doc: Any, start: int, ranges: list[tuple[int, int]], whole: bool = False) -> list[Any]:
    """The words before a quotation, from its sentence's start or the last quotation (or, with
    ``whole``, from its sentence's start, the quotations on the way left out)."""
    found: list[Any] = []
    for token in doc:
        if token.idx >= start:
            break
        if _inside(token.idx, ranges):
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
    return token.text == "." and token.i > 0 and len(token.doc[token.i - 1].text) <= 3


def _region_after(verb: Any, ranges: list[tuple[int, int]]) -> list[Any]:
    """The words after a verb of saying, to the end of the clause (an inverted subject)."""
    found: list[Any] = []
    for token in verb.doc[verb.i + 1 :]:
        if _inside(token.idx, ranges) or token.text in END or token.text in (";", ":"):
            break
        if token.text.lower() in RELATIVE and found and found[-1].text == ",":
            break
        if token.pos_ in ("VERB",) and found and token.dep_ not in ("amod", "acl"):
            break
        found.append(token)
    return [t for t in found if t.text.lower() not in ("-t",)]


def _previous_sentence(doc: Any, start: int, ranges: list[tuple[int, int]]) -> list[Any] | None:
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
    sentence = [t for t in tokens[begin:end] if not _inside(t.idx, ranges)]
    return sentence or None
