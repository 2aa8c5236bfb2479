"""The verbs of saying, in French and English: their lemmas, the French forms a tagger
mistakes after a closing guillemet, the two-word ones, and the words that make them nouns."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

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
    "fr": {
        **dict.fromkeys(("faire", "fait", "font", "faisait"), ("valoir", "remarquer", "savoir")),
        **dict.fromkeys(("mettre", "mis", "met", "mettent"), ("en",)),
    },
}
SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
PRONOUN_GENDER = {"he": "m", "il": "m", "-il": "m", "she": "f", "elle": "f", "-elle": "f"}
# Subjects that name nobody the digest can hold: "I", "we", "on", "ils".
_NOBODY = "i we you they je nous vous on -on ils elles -ils -elles one"
NOBODY = frozenset(_NOBODY.split())


@dataclass(frozen=True)
class Saying:
    """A language's verbs of saying (the other language's lemmas too: a quoted passage in
    English inside a French article)."""

    lemmas: frozenset[str]
    forms: frozenset[str]
    noun_marks: frozenset[str]
    phrases: dict[str, tuple[str, ...]]

    def says(self, token: Any) -> bool:
        """A verb of saying, active: ``said``, ``a prévenu``, ``rappelle``; not ``le juge``."""
        if token.pos_ in ("DET", "ADP", "PRON", "PUNCT", "CCONJ", "SCONJ", "NUM", "PROPN"):
            return False
        low = token.text.lower()
        before = token.doc[token.i - 1].text.lower() if token.i else ""
        if before in self.noun_marks or low.startswith("-"):
            return False  # "le juge", "the post": a noun
        lemma = (token.lemma_ or token.text).lower()
        if (token.pos_ in ("VERB", "AUX") and lemma in self.lemmas) or low in self.forms:
            return not passive(token)
        follow = self.phrases.get(lemma) or self.phrases.get(low)
        if follow and token.i + 1 < len(token.doc):
            nxt = token.doc[token.i + 1]
            return (nxt.lemma_ or nxt.text).lower() in follow and not passive(token)
        return False


@functools.cache
def saying(language: str) -> Saying:
    """The verbs of saying of ``language`` ("fr" or "en")."""
    own, other = ("fr", "en") if language == "fr" else ("en", "fr")
    return Saying(
        SPEECH[own] | SPEECH[other],
        FORMS[own],
        NOUN_MARKS[own],
        {**PHRASES["en"], **PHRASES["fr"]},
    )


def passive(verb: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "aux:pass", "nsubj:pass") for c in verb.children)
