"""Header values of the .eml, written and folded by digestgen itself (RFC 5322, RFC 2047).

Python's ``email`` folds a long ASCII display name without its quotes (3.11), so ``From:``
can parse back as several addresses; and it folds a subject's encoded-words so that spaces are
lost between them. Here an ASCII display name is always one quoted string, a subject is folded
only at one of its own spaces or inside encoded-words (which keep their spaces), and no value
may hold a line break. Pure functions.
"""

from __future__ import annotations

MAX_LINE = 78  # RFC 5322's recommended line length, header name included
_WORD = 75  # RFC 2047: an encoded-word is at most 75 characters
_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"


def mailbox(header: str, name: str, address: str) -> str | None:
    """``"Display Name" <address>`` for a plain ASCII name, always in quotes (a comma or an
    ``<`` in it stays in the name), folded at one of its own spaces inside the quotes. None
    for a name with other characters: Python's own encoded-words are right for those."""
    _one_line(name)
    _one_line(address)
    if not (name.isascii() and name.isprintable()):
        return None
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return _fold(header, [*quoted.split(" "), f"<{address}>"])


def unstructured(header: str, value: str) -> str:
    """A subject: as written when it is plain ASCII (folded at its own spaces), else as
    encoded-words (Q), each a run of whole characters, spaces included."""
    _one_line(value)
    words = value.split(" ")
    plain = value.isascii() and value.isprintable()
    if plain and all(len(w) <= MAX_LINE - len(header) - 2 for w in words):
        return _fold(header, words)
    return _fold(header, _encoded_words(value, first=MAX_LINE - len(header) - 2))


def _encoded_words(text: str, first: int = _WORD) -> list[str]:
    """Encoded-words of whole characters, the first one short enough to share the header
    name's line."""
    words: list[str] = []
    chunk = ""
    for char in text:
        if chunk and len(_q(chunk + char)) > (_WORD if words else min(first, _WORD)):
            words.append(_q(chunk))
            chunk = ""
        chunk += char
    if chunk or not words:
        words.append(_q(chunk))
    return words


def _q(text: str) -> str:
    """An encoded-word in RFC 2047's Q encoding: ASCII letters stay readable, a space is "_"."""
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char == " ":
            out.append("_")
        elif char in _Q_SAFE:
            out.append(char)
        else:
            out.append(f"={byte:02X}")
    return "=?utf-8?q?" + "".join(out) + "?="


_Q_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def _fold(header: str, atoms: list[str]) -> str:
    """The atoms joined by spaces, a line ending before any that would pass the limit (the
    space stays, as the continuation's first character)."""
    lines = [atoms[0]]
    used = len(header) + 2 + len(atoms[0])
    for atom in atoms[1:]:
        if used + 1 + len(atom) > MAX_LINE:
            lines.append(atom)
            used = 1 + len(atom)
        else:
            lines[-1] += " " + atom
            used += 1 + len(atom)
    return "\n ".join(lines)


def _one_line(value: str) -> None:
    if any(c in value for c in _BREAKS):
        raise ValueError("a header value holds a line break")
