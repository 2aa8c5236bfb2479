"""The people an article names, and which of them a later mention means.

An article names a person in full once ("Indiana House Speaker Brian Bosma", "Sophie Binet, la
secrétaire générale de la CGT"), then by surname ("Bosma", "Mme Binet"), first name ("Brian"),
title ("the governor", "le magistrat") or pronoun. :class:`People` keeps the persons met, in
order, with what the text says of them (gender, the role words around their name), and resolves
those later mentions to the nearest person they can mean. Pure functions of text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Words written before a name that are not part of it ("Gov. Inslee", "Mme Binet").
_HONORIFICS = {
    "m": "M. Mr Mr. Monsieur Sir Lord Father Brother Rabbi Imam",
    "f": "Mme Mme. Mlle Mlle. Madame Mademoiselle Mrs Mrs. Ms Ms. Miss Dame Lady Sister",
    "": (
        "Dr Dr. Pr Pr. Prof Prof. Professor Me Mes Maître Gov Gov. Governor Sen Sen. Senator "
        "Rep Rep. Representative President Vice Prime Minister Chancellor Judge Justice "
        "Ambassador Rev Rev. Reverend Mayor Secretary General Gen. Col. Capt. Lt. Sgt. Chief "
        "Commissioner Former Deputy Director Coach Officer Speaker King Queen Prince Princess "
        "Pope CEO Saint-Père Président Présidente Ministre Premier Juge Procureur Sénateur "
        "Sénatrice Député Députée Maire Commissaire Chancelier Chancelière Général Générale "
        "Sheriff Detective Inspector Constable Trooper Sergeant Lieutenant Captain Colonel "
        "Admiral Marshal Superintendent Attorney Councilman Councilwoman Councillor Treasurer "
        "Chairman Chairwoman Chair Leader Opposition Premier Bishop Archbishop Cardinal Pastor "
        "Dean Lt Sgt Capt Col Det Insp Supt"
    ),
}
HONORIFIC_GENDER = {w: g for g, words in _HONORIFICS.items() for w in words.split()}
# Words that open a sentence and may stick to a name ("Although Ishiba", "Yet DeSantis").
_LEADING = (
    "Selon Pour Par Avec Comme Enfin Et Mais Le La Les Un Une Pendant Lors Après Avant Chez "
    "Interrogé Interrogée Ainsi Quant Aussi Puis Alors Donc Or Car Si Quand Lorsque Dès "
    "For According By With As And But The At In On When After Before Then Also Asked Yet So "
    "Although Though While Whereas If Because Since Still Now Later Likewise Meanwhile"
)
LEADING = frozenset(_LEADING.split())
_PARTICLES = "de du des la le van von der den da di dos das ben bin al el d’ d' y"
PARTICLES = frozenset(_PARTICLES.split())
# Words that are never a name, whatever their capital: pronouns, determiners.
_NOT_NAMES = "I We You He She It They Je Nous Vous Il Elle Ils Elles On Ce Cette Ces This That"
NOT_NAMES = frozenset(_NOT_NAMES.split())


def fold(text: str) -> str:
    """Accents, case and the apostrophe's shape set aside, to compare names."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def clean_name(text: str) -> tuple[str, str | None]:
    """A person's name as an entity recogniser hands it → the name alone, and the gender its
    honorific says: ``Mme Binet`` → (``Binet``, ``"f"``); ``Although Ishiba’s`` → ``Ishiba``."""
    text = re.sub(r"[’']s$", "", " ".join(text.split()).strip(' ,.;:«»“”"()[]'))
    words = [w for w in re.split(r"\s+", text) if w]
    gender = None
    while len(words) > 1 and (
        words[0] in HONORIFIC_GENDER or words[0] in LEADING or words[0].capitalize() in LEADING
    ):
        gender = gender or HONORIFIC_GENDER.get(words[0]) or None
        words = words[1:]
    for i, word in enumerate(words[1:], 1):
        if word[:1].islower() and word not in PARTICLES:
            words = words[:i]  # "Ahmed Khan of Globex" → "Ahmed Khan"
            break
    while words and words[-1] in PARTICLES:
        words = words[:-1]
    return " ".join(words), gender


def is_name(text: str) -> bool:
    """Looks like a person's name: one to five capitalised words (particles and initials
    allowed), no digit, no handle, no pronoun."""
    words = text.split()
    if not 1 <= len(words) <= 5 or any(w in NOT_NAMES for w in words):
        return False
    if re.search(r"[\d@#/]", text) or (len(words) == 1 and len(text) < 2):
        return False
    for word in words:
        if word in PARTICLES:
            continue
        if not word[:1].isupper():
            return False
        if len(word) > 4 and word.isupper() and "-" not in word:
            return False  # an acronym (CGT, NATO), not a name
    return words[0] not in PARTICLES


@dataclass(eq=False)
class Person:
    """Someone the article names, under the fullest name it gives."""

    name: str
    gender: str | None = None
    titles: list[str] = field(default_factory=list)  # role words met beside the name, folded
    role: str | None = None
    organization: str | None = None
    described: str = ""  # the words that say the role and organisation

    @property
    def words(self) -> list[str]:
        return [fold(w) for w in self.name.replace(".", "").split()]

    def answers_to(self, word: str) -> bool:
        """``Bosma``, ``Brian`` and ``Montoya-Lewis`` are all ``Brian Bosma`` or
        ``Raquel Montoya-Lewis``: the surname, the first name or a part of a double name."""
        w = fold(word).replace(".", "")
        words = self.words
        parts = [p for x in words for p in x.split("-")]
        return w == words[-1] or w == words[0] or (len(w) > 3 and w in parts)


@dataclass
class People:
    """The persons of one article, in the order they were first named."""

    persons: list[Person] = field(default_factory=list)

    def add(self, name: str, gender: str | None = None) -> Person:
        """The person ``name`` means, met now: a new one, or one already named (then known by
        the fuller of the two names)."""
        found = self.match(name)
        if found is None:
            found = Person(name, gender)
            self.persons.append(found)
        elif len(name.split()) > len(found.name.split()) and self._same(found, name):
            found.name = name
        if gender and not found.gender:
            found.gender = gender
        return found

    def match(self, name: str) -> Person | None:
        """The person already met whom ``name`` names, if any (the latest one for a surname
        two people share)."""
        words = [fold(w) for w in name.replace(".", "").split()]
        if not words:
            return None
        for person in reversed(self.persons):
            if person.words == words or sorted(person.words) == sorted(words):
                return person
        if len(words) == 1:
            return next((p for p in reversed(self.persons) if p.answers_to(words[0])), None)
        for person in reversed(self.persons):
            if self._same(person, name):
                return person
        return None

    @staticmethod
    def _same(person: Person, name: str) -> bool:
        """``Jean-Marc Ayrault`` is ``Ayrault``; ``Yassin E`` is ``Yassin E.``; ``Marine Le Pen``
        is not ``Jean-Marie Le Pen``."""
        a = person.words
        b = [fold(w) for w in name.replace(".", "").split()]
        if len(a) == 1 or len(b) == 1:
            short, long = (a, b) if len(a) == 1 else (b, a)
            return short[0] in (long[0], long[-1])
        same_first = a[0] == b[0] or (a[0][:1] == b[0][:1] and (len(a[0]) == 1 or len(b[0]) == 1))
        return same_first and a[-1] == b[-1]
