"""French and English typography for one plain-text field (a title, a quote, a summary).

``typeset(text, language)`` is pure, deterministic and idempotent. It applies:

Both languages
    "..." becomes "…" (so "[...]" becomes "[…]"); a spaced hyphen or double hyphen between words
    (" - ", " -- ") becomes a spaced en dash (" – "); runs of ordinary spaces after a non-space
    collapse to one (leading indentation and newlines are left alone).
French
    A no-break space goes before ``: ; ! ?`` and inside « »: U+202F (narrow) before ``; ! ?`` and
    inside guillemets, U+00A0 before ``:``. Any horizontal space already there (ordinary, tab,
    or the wrong no-break space) is replaced by the right one. Where there is no space, one is
    added only after a word character or a closing bracket/quote, and only when the marks end
    the word ("Vraiment?" yes, "page?id=3" no); a run such as "?!" gets one space, before it.
    Straight double quotes become « » (nested quotes too, as the French press does); a straight
    apostrophe after a letter becomes ’ and any other one is left as typed.
English
    Spaces before ``: ; ! ?`` that end a word are removed ("Hello !" → "Hello!"), except in
    smileys such as ":)". Double quotes become “ ”, single quotes ‘ ’ ('90s gets ’). « » are
    left alone.
Protected tokens, never modified
    URLs (``http(s)://``, ``ftp://``, ``www.``, ``mailto:``, without trailing sentence
    punctuation), e-mail addresses, merge tags (``*|X|*``, ``{{ x }}``, ``{% x %}``, ``%%X%%``,
    ``[[X]]``, ``<%X%>``, ``%x%``), @handles and #hashtags, times and ratios (18:30, 3:2).

``nbsp=NBSP`` (for X and other social platforms, where U+202F counts double or renders badly)
makes every no-break space U+00A0, including U+202F already present in the text.

Protection works with a mask rather than placeholders: every rule is a regex substitution over
the whole text, a match touching a protected character is left as it is, and look-arounds see
the real neighbouring characters. So the input may contain any character (private-use ones
included), and re-running only ever finds the same or more protected text, never less.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from digestgen.text.language import NARROW_NBSP, NBSP, Language

__all__ = ["NARROW_NBSP", "NBSP", "Language", "typeset", "typeset_own"]

# Horizontal spaces an editor may have typed or pasted; line breaks are never touched.
_H = "[ \\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_MARKS = ":;!?"
# What may follow a mark that ends a word: closing brackets, quotes and sentence punctuation.
_CLOSERS = ")\\]}»”’\"'.,…"
# A quote after one of these (or a space, or the start) opens; anywhere else it closes.
_OPENERS = "([{<«“‘–—"
_LETTER = re.compile(r"[^\W\d_]|[\u0300-\u036f]")
# A French no-break space is inserted only after a word, a closing bracket/quote, or a merge tag.
_INSERT_AFTER = re.compile(r"[\w\u0300-\u036f)\]}»”’\"'*%]")
# Marks "end the word" when only closing punctuation lies between them and a space or the end.
# French also accepts a further run of marks there, so both runs in "?)!" get their space at
# once. English removes spaces, joining two words, so it insists on the space: a URL before the
# marks can then only grow by punctuation, which it drops again as its tail.
_ENDS_WORD_FR = re.compile(f"[{_CLOSERS}]*(?:\\s|[{_MARKS}]|\\Z)")
_ENDS_WORD_EN = re.compile(f"[{_CLOSERS}]*(?:\\s|\\Z)")

# Every alternative starts only where its token can start (after a non-word character for an
# address, a non-digit for a time) and spans a bounded class inside its delimiters, so the
# search is linear in the text's length: a 40,000-character word is read once, not 40,000 times.
_PROTECTED = re.compile(
    r"(?P<url>(?P<scheme>(?i:https?://|ftp://|www\.|mailto:))\S+)"
    r"|\*\|[^|\n]{0,200}\|\*|\{\{[^{}\n]{0,200}\}\}|\{%[^{}\n]{0,200}%\}|<%[^<>\n]{0,200}%>"
    r"|\[\[[^\[\]\n]{0,200}\]\]|%%[^%\s]{1,200}%%|%[A-Za-z]\w{0,200}%"
    # An address starts after no word character, dot or ellipsis ("..." may become "…" next to
    # it, and that must not change where an address starts), and no part gives back what it read.
    r"|(?<![\w+.…-])[\w+-]++(?:\.[\w+-]++)*+@[\w-]++(?:\.[\w-]++)++"
    r"|(?<!\w)[@#]\w+"
    r"|(?<!\d)\d+(?::\d+)+"
)
# Trailing characters that end the sentence rather than the URL. It includes every character
# the rules may produce there (’ ” » …), so a typeset tail is recognised as a tail again.
_URL_TAIL = ".,;:!?'\"’”»…]>‘“«"


def _url_end(url: str) -> int:
    end = len(url)
    while end:
        last = url[end - 1]
        # A closing parenthesis belongs to the URL when it closes one opened inside it (Wikipedia).
        unbalanced = last == ")" and url.count("(", 0, end) < url.count(")", 0, end)
        if last not in _URL_TAIL and not unbalanced:
            break
        end -= 1
    return end


class _Text:
    """The text being typeset and a same-length mask: "1" under protected characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        mask = bytearray(b"0" * len(text))
        for m in _PROTECTED.finditer(text):
            start, end = m.span()
            if m.group("url"):
                end = start + _url_end(m.group())
                if end - start <= len(m.group("scheme")):
                    continue  # "www...." is no URL: what follows the scheme is punctuation
            mask[start:end] = b"1" * (end - start)
        self.mask = mask.decode()

    def sub(self, pattern: str, repl: str | Callable[[re.Match[str]], str]) -> None:
        """Like ``re.sub``, but matches touching a protected character are left as they are."""
        text, mask, last = self.text, self.mask, 0
        parts: list[str] = []
        masks: list[str] = []
        for m in re.finditer(pattern, text):
            start, end = m.span()
            new = repl if isinstance(repl, str) else repl(m)
            if "1" in mask[start:end] or new == m.group():
                continue
            parts += [text[last:start], new]
            masks += [mask[last:start], "0" * len(new)]
            last = end
        self.text = "".join([*parts, text[last:]])
        self.mask = "".join([*masks, mask[last:]])


def _prev(m: re.Match[str]) -> str:
    return m.string[m.start() - 1] if m.start() else ""


def _opens(m: re.Match[str]) -> bool:
    prev = _prev(m)
    return not prev or prev.isspace() or prev in _OPENERS


def _english_single(m: re.Match[str]) -> str:
    prev = _prev(m)
    if prev and _LETTER.match(prev):
        return "’"  # it's, the speakers’
    if re.match(r"\d\d(?!\d)", m.string[m.end() :]):
        return "’"  # '90s, '24: an elision, not an opening quote
    return "‘" if _opens(m) else "’"


def _french_marks(m: re.Match[str], nbsp: str | None) -> str:
    space, run = m.group(1), m.group(2)
    right = nbsp or (NBSP if run[0] == ":" else NARROW_NBSP)
    if space:
        return right + run
    # No space typed: only add one where it is clearly prose, not "std::cout" or "page?id=3".
    prev = _prev(m)
    if "::" in run or not prev or not _INSERT_AFTER.match(prev):
        return run
    return right + run if _ENDS_WORD_FR.match(m.string, m.end()) else run


def _english_marks(m: re.Match[str]) -> str:
    run = m.group(2)
    prev, after = _prev(m), m.string[m.end() : m.end() + 1]
    if not prev or prev.isspace() or "::" in run:
        return m.group()
    if run[-1] in ":;" and after in (")", "]"):
        return m.group()  # a smiley, "Great :)"
    return run if _ENDS_WORD_EN.match(m.string, m.end()) else m.group()


# A space inside a number or between a number and what it counts: typed, or pasted as a
# no-break space of either width.
_NUM_SPACE = "[ \u00a0\u202f]"


def _numbers(t: _Text, language: Language, nbsp: str | None) -> None:
    """No break inside a number, nor between it and its percent or currency sign, nor between
    an acronym and its number ("NIS 2"): French with a narrow no-break space in "3 000" and
    "20 %", English with no space before % ("20%")."""
    narrow = nbsp or NARROW_NBSP
    # Thousands in groups of three after a first group of one to three digits ("3 000",
    # "1 200 000"); a year before a number ("en 2018 200 agents") has four digits: no group.
    t.sub(
        f"(?<![\\d.,])\\d{{1,3}}(?:{_NUM_SPACE}\\d{{3}})+(?!\\d)",
        lambda m: re.sub(_NUM_SPACE, narrow, m.group()),
    )
    if language == "fr":
        t.sub(
            f"(?<=\\d){_NUM_SPACE}?(?:%|€|M€|k€|Md€|\\$)(?![\\w%])",
            lambda m: narrow + m.group().lstrip(" \u00a0\u202f"),
        )
    else:
        t.sub(f"(?<=\\d){_NUM_SPACE}+%(?![\\w%])", "%")
    # An acronym and its number, "NIS 2", "COP 28": never one at a line's end, the other after.
    t.sub(
        "(?<![\\w])[A-Z]{2,6} (?=\\d{1,2}(?![\\w]|[.,]\\d))",
        lambda m: m.group()[:-1] + (nbsp or NBSP),
    )


def typeset(text: str, language: Language, *, nbsp: str | None = None) -> str:
    """``text`` with ``language``'s typography; ``nbsp=NBSP`` makes every no-break space U+00A0."""
    if nbsp not in (None, NBSP):
        raise ValueError(f"nbsp must be None or NBSP, not {nbsp!r}")
    if language not in ("fr", "en"):
        raise ValueError(f"unknown language {language!r}")
    t = _Text(text)
    if nbsp == NBSP:
        t.sub(NARROW_NBSP, NBSP)
    t.sub(r"(?<=\S) {2,}", " ")
    t.sub(r"\.\.\.", "…")
    # Only between words: "a - - b" or "a---b" stay as typed, so a second run finds nothing new.
    t.sub(r"(?<=[^\s\-–—]) --? (?=[^\s\-–—])", " – ")
    _numbers(t, language, nbsp)
    if language == "fr":
        quote_space = nbsp or NARROW_NBSP
        t.sub(r"(?<=[^\W\d_])'|(?<=[\u0300-\u036f])'", "’")
        t.sub('"', lambda m: "«" if _opens(m) else "»")
        t.sub(f"«{_H}*(?=\\S)", "«" + quote_space)
        t.sub(f"(?<=\\S){_H}*»", quote_space + "»")
        # Last, so that in "« :" the colon's own space wins over the guillemet's.
        t.sub(f"(?<!{_H})({_H}*)([{_MARKS}]+)", lambda m: _french_marks(m, nbsp))
    else:
        t.sub('"', lambda m: "“" if _opens(m) else "”")
        t.sub("'", _english_single)
        t.sub(f"(?<!{_H})({_H}+)([{_MARKS}]+)", _english_marks)
    return t.text


def typeset_own(text: str) -> str:
    """French typography for digestgen's own words (its catalogs), never for an editor's.

    They are written with ordinary spaces and straight apostrophes, and hold code an editor's
    text does not (``!important``, ``Date:``, ``{placeholders}``), so fewer rules apply, each
    only where the text asks for it: a no-break space before a ``: ; ! ?`` that follows a space
    and ends its word, inside « », between a number and its unit (``%``, ``px``, ``Ko``); and
    ’ for ' between two letters (an elision).
    """
    spaces = {":": NBSP, ";": NARROW_NBSP, "!": NARROW_NBSP, "?": NARROW_NBSP}
    text = re.sub(r" ([:;!?])(?=\s|$)", lambda m: spaces[m.group(1)] + m.group(1), text)
    text = text.replace("« ", "«" + NARROW_NBSP).replace(" »", NARROW_NBSP + "»")
    text = re.sub(r"(\d) (%|px|Ko)(?!\w)", "\\1" + NBSP + "\\2", text)
    # ’ only for an elision, between two letters: a quote beside code (YAML's '', a CSS
    # font name in quotes, '- ') stays as typed.
    return re.sub(r"(?<=[^\W\d_])'(?=[^\W\d_])", "’", text)
