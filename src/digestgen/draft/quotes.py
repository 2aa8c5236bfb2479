"""Quotations as the text marks them: « », “ ” or " " (nested quotes kept), a quotation running
over several paragraphs (each opened, only the last closed), and the quoted words that are not
speech (a film's title, a word in scare quotes). Pure functions of text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
WORD = rf"(?:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?|[{UPPER}][’'][{UPPER}][{LOWER}]+)"
NAME = rf"{WORD}(?:\s+(?:(?:de|du|de la|van|von|der|da|di|le|ben)\s+)?{WORD}){{1,2}}"
OPENERS = {"«": "»", "“": "”", "„": "“", '"': '"'}
CLOSERS = {"»", "”"}
MIN_WORDS = 6  # a quotation worth a card: the digest's quote
MIN_SPEECH = 3  # fewer quoted words are a term or a title, not what someone said


@dataclass(frozen=True)
class Span:
    start: int  # index of the opening mark (or of the paragraph's start for an orphan closing)
    end: int  # index just after the closing mark (the paragraph's end when it runs on)
    text: str

    @property
    def runs_on(self) -> bool:
        """Not closed in this paragraph: continued in the next one, if that one opens."""
        return self.end - self.start - 1 == len(self.text)


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


def opens_with_quote(text: str) -> bool:
    """A paragraph that opens with a quotation mark (the next part of a running quotation)."""
    return text.lstrip()[:1] in OPENERS


def tidy_quote(text: str) -> str:
    """The words of a quotation, without its marks and the comma that follows the speech."""
    text = " ".join(text.split()).strip(" ,")
    for opener, closer in OPENERS.items():
        if text.startswith(opener) and text.endswith(closer) and len(text) > 2:
            return text[1:-1].strip(" ,")  # one pair: nested quotes are the speaker's
    return text


def is_speech(text: str) -> bool:
    """Quoted words that someone said: three words or more, and not a title ("Once Upon A Time
    in Hollywood", “The Morning Show”) whose every long word has a capital."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if len(words) < MIN_SPEECH:
        return False
    long_words = [w for w in words if len(w) > 3]
    title = bool(long_words) and all(w[0].isupper() for w in long_words) and len(words) <= 10
    return not (title and not re.search(r"[.!?;:,]", text.strip().rstrip(".!?")))


def word_count(text: str) -> int:
    return len(text.split())
