"""Who the article quotes: every quotation of the main text and the person who said it.

A quotation is text between « », “ ” or " " (nested quotes kept), or a ``<blockquote>``. Its
speaker is, in this order: the person named right after it with a verb of saying (`» a déclaré
X`, `”, said X`, `” X said`); the person named earlier in the sentence that opens it (`X, rôle :
« … »`, `Pour X (Org), « … »`, `<cite>`, `<figcaption>`); else, after a pronoun (`a-t-il
ajouté`, `she said`) or with nothing at all, the last person named before it, in the paragraph
or the heading above. Person names come from spaCy's named entities and from these very places
(a name right after `a déclaré` is a name even where the small model misses it). A person only
named (the moderator, the author) is never a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from digestgen.draft.article import Block

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
WORD = rf"(?:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?|[{UPPER}][’'][{UPPER}][{LOWER}]+)"
NAME = rf"{WORD}(?:\s+(?:(?:de|du|de la|van|von|der|da|di|le|ben)\s+)?{WORD}){{1,2}}"
FR_PAST = (
    r"déclaré|rappelé|souligné|expliqué|ajouté|affirmé|évoqué|indiqué|précisé|estimé|confié|"
    r"résumé|conclu|insisté|assuré|témoigné|mis en avant|lancé|noté|observé|reconnu|annoncé|"
    r"confirmé|prévenu|martelé|détaillé|commenté|relevé|analysé|répondu|poursuivi|illustré|"
    r"averti|raconté|plaidé|défendu|dit|fait valoir|fait remarquer|regretté|admis|jugé"
)
FR_PRESENT = (
    r"explique|souligne|déclare|ajoute|estime|rappelle|indique|précise|confie|résume|assure|"
    r"note|observe|reconnaît|annonce|confirme|prévient|poursuit|détaille|commente|insiste|"
    r"témoigne|affirme|conclut|lance|analyse|répond|martèle|raconte|plaide|dit|juge|avance"
)
EN_VERBS = (
    r"said|says|added|adds|explained|explains|noted|notes|told|tells|argued|argues|observed|"
    r"recalled|recalls|stressed|stresses|insisted|insists|warned|warns|concluded|remarked|"
    r"continued|admitted|acknowledged|pointed out|declared|announced|replied|put it|summed up|"
    r"commented|emphasised|emphasized|explained"
)
AFTER_NAMED = [
    re.compile(rf"^[\s,.]*(?:a|avait)\s+(?:[{LOWER}’']+\s+){{0,3}}?(?:{FR_PAST})\s+({NAME})"),
    re.compile(rf"^[\s,.]*(?:{FR_PRESENT})\s+({NAME})"),
    re.compile(rf"^[\s,.]*(?:{EN_VERBS})\s+({NAME}|{WORD})"),
    re.compile(rf"^[\s,.]*({NAME}|{WORD})\s+(?:{EN_VERBS})\b"),
    re.compile(rf"^[\s,.]*(?:selon|d’après|according to)\s+({NAME})", re.I),
]
AFTER_PRONOUN = re.compile(
    rf"^[\s,.]*(?:[{LOWER}]+-t-(?:il|elle)|(?:{FR_PRESENT})-(?:il|elle)|(?:he|she|they)\s+"
    rf"(?:{EN_VERBS})|(?:{EN_VERBS})\s+(?:he|she))\b"
)
BEFORE_NAMED = re.compile(rf"(?:Pour|Selon|D’après|For|According to)\s+({NAME})")
ONLY_NAMED = re.compile(
    rf"(?:animée?s?|modérée?s?|présentée?s?|orchestrée?s?|moderated|hosted|chaired|led|"
    rf"introduced|written|reported)\s+(?:par|by)\s+({NAME})|^(?:Par|By)\s+({NAME})",
    re.I,
)
OPENERS = {"«": "»", "“": "”", "„": "“", '"': '"'}
CLOSERS = {"»", "”"}
MIN_WORDS = 6
# The first words of what a person is: "Name, chief technology officer of …" names a person.
ROLE_WORDS = re.compile(
    r"(?:directeur|directrice|président|présidente|responsable|adjoint|adjointe|conseill|"
    r"vice|maire|fondat|cofondat|co-fondat|délégué|chargé|chef|DSI|RSSI|DG|PDG|CTO|CEO|CIO|"
    r"CISO|CDO|secrétaire|ministre|député|sénat|professeur|chercheu|associé|head|chief|"
    r"director|founder|co-founder|partner|manager|officer|president|senior|lead|executive|"
    r"managing|general|deputy|mayor|minister|professor|analyst|principal)",
)


@dataclass(frozen=True)
class Quotation:
    """A quotation and its speaker's name as written in the article."""

    speaker: str
    text: str
    block: int


@dataclass(frozen=True)
class Span:
    start: int  # index of the opening mark (or of the paragraph's start for an orphan closing)
    end: int  # index just after the closing mark
    text: str


def spans(text: str) -> Iterator[Span]:
    """The quotations of a paragraph, outermost only: « a « b » c » is one."""
    stack: list[str] = []
    start = 0
    last_end = 0
    for i, char in enumerate(text):
        if stack and char == stack[-1]:
            stack.pop()
            if not stack:
                yield Span(start, i + 1, text[start + 1 : i])
                last_end = i + 1
        elif char in OPENERS and not (char == '"' and stack and stack[-1] == '"'):
            if not stack:
                start = i
            stack.append(OPENERS[char])
        elif char in CLOSERS and not stack:
            # A closing mark whose opening one the page lost: the quote runs from the start.
            yield Span(last_end - 1 if last_end else -1, i + 1, text[last_end:i])
            last_end = i + 1
    if stack:
        yield Span(start, len(text), text[start + 1 :])  # continued in the next paragraph


def tidy_quote(text: str) -> str:
    """The words of a quotation, without its marks and the comma that follows the speech."""
    text = " ".join(text.split()).strip(" ,")
    for opener, closer in OPENERS.items():
        if text.startswith(opener) and text.endswith(closer) and len(text) > 2:
            return text[1:-1].strip(" ,")  # one pair: nested quotes are the speaker's
    return text


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding position ``at`` begins."""
    cut = max(text.rfind(". ", 0, at), text.rfind("! ", 0, at), text.rfind("? ", 0, at))
    return cut + 2 if cut >= 0 else 0


# Capitalised words that start a sentence, not a name: "Selon Jeanne Moreau", "Enfin X".
_LEADING = (
    "Selon Pour Par Avec Comme Enfin Et Mais Le La Les Un Une Pendant Lors Après Avant Chez "
    "Interrogé Interrogée Ainsi Quant Aussi Puis Alors For According By With As And But The "
    "At In On When After Before Then Also Asked Mme M. Mr Mr. Mrs Ms Dr Dr. Pr"
)
_PARTICLES = "de du des la le van von der den da di ben bin d’ d'"
LEADING, PARTICLES = frozenset(_LEADING.split()), frozenset(_PARTICLES.split())


def trim_name(name: str) -> str:
    """``Selon Jeanne Moreau`` → ``Jeanne Moreau``; ``Ahmed Khan of Globex`` → ``Ahmed Khan``."""
    words = name.split()
    while len(words) > 2 and words[0] in LEADING:
        words = words[1:]
    for i, word in enumerate(words[1:], 1):
        if word[:1].islower() and word not in PARTICLES:
            words = words[:i]
            break
    while words and words[-1] in PARTICLES:
        words = words[:-1]
    return " ".join(words)


class Speakers:
    """Finds the quotations of an article's blocks and who said them."""

    def __init__(self, blocks: list[Block], people: Callable[[str], list[str]]) -> None:
        self.blocks = blocks
        self._people = people
        self.only_named: set[str] = set()
        for block in blocks:
            for match in ONLY_NAMED.finditer(block.text):
                self.only_named.add(match.group(1) or match.group(2))
        self.known: list[str] = []

    def _persons(self, text: str) -> list[tuple[int, str]]:
        """(position, name) of the people named in ``text``, in order."""
        found: dict[int, str] = {}
        for name in self._people(text):
            for m in re.finditer(re.escape(name), text):
                found.setdefault(m.start(), name)
        for name in self.known:
            for m in re.finditer(rf"\b{re.escape(name)}\b", text):
                found[m.start()] = name
        for m in BEFORE_NAMED.finditer(text):
            found.setdefault(m.start(1), m.group(1))
        for m in re.finditer(rf"({NAME}),\s+(?:l[ae]\s+|the\s+|son\s+|sa\s+)?", text):
            if ROLE_WORDS.match(text, m.end()):
                found.setdefault(m.start(1), m.group(1))
        return [(p, self.resolve(n)) for p, n in sorted(found.items())]

    def resolve(self, name: str) -> str:
        """A surname alone, or a name with a title, as the full name already met."""
        name = trim_name(name)
        for known in self.known:
            if name == known or (" " not in name and known.split()[-1] == name):
                return known
        return name

    def _learn(self, name: str) -> str:
        name = self.resolve(name)
        if " " in name and name not in self.known:
            self.known.append(name)
        return name

    def find(self) -> Iterator[Quotation]:
        """Every attributed quotation, in the order of the text."""
        for index, block in enumerate(self.blocks):
            if block.kind == "head":
                name = self._cite_name(block.text) if "," in block.text else None
                if name:
                    self._learn(name)
                continue
            if block.kind == "quote" and block.cite:
                name = self._cite_name(block.cite)
                if name:
                    yield Quotation(self._learn(name), tidy_quote(block.text), index)
                    continue
            yield from self._in_paragraph(index, block.text, whole=block.kind == "quote")

    def _cite_name(self, cite: str) -> str | None:
        head = re.split(r",|\(|\s[–—-]\s", cite)[0].strip()
        if re.fullmatch(NAME, head):
            return head
        people = self._people(cite)
        return people[0] if people else None

    def _in_paragraph(self, index: int, text: str, whole: bool) -> Iterator[Quotation]:
        found = list(spans(text))
        if whole and not found:
            found = [Span(-1, len(text), text)]
        for span in found:
            quote = tidy_quote(span.text)
            after = text[span.end : span.end + 200]
            orphan = span.start < 0 or text[span.start] not in OPENERS
            if len(quote.split()) < MIN_WORDS:
                continue
            attributed = any(p.match(after) for p in AFTER_NAMED) or AFTER_PRONOUN.match(after)
            if orphan and not attributed:
                continue  # a stray closing mark, not a quotation
            speaker = self._speaker(index, text, max(span.start, 0), after)
            if speaker:
                yield Quotation(speaker, quote, index)

    def _speaker(self, index: int, text: str, start: int, after: str) -> str | None:
        for pattern in AFTER_NAMED:
            match = pattern.match(after)
            if match and match.group(1) not in ("Il", "Elle", "He", "She", "They"):
                name = self.resolve(match.group(1))
                if " " in name or name in self.known:
                    return self._learn(name)
        opening = text[sentence_start(text, start) : start]
        in_sentence = [n for _, n in self._persons(opening) if n not in self.only_named]
        if in_sentence:
            return self._learn(in_sentence[0])
        before = [n for _, n in self._persons(text[:start]) if n not in self.only_named]
        if before:
            return self._learn(before[-1])
        for back in range(index - 1, max(index - 3, -1), -1):
            block = self.blocks[back]
            if block.kind == "head":
                heading = self._cite_name(block.text) if "," in block.text else None
                if heading:
                    return self._learn(heading)
                continue
            named = [
                n for _, n in self._persons(self.blocks[back].text) if n not in self.only_named
            ]
            if named:
                return self._learn(named[-1])
        return None
