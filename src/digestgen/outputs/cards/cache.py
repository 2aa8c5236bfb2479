"""The user cache of quote cards, between runs: a card's PNG under a hash of everything that
shapes it (its texts, palette, size and photo, the fonts, digestgen's and Pillow's versions).

It lives in ``$DIGESTGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/digestgen``, else
``~/.cache/digestgen``; ``DIGESTGEN_CACHE_DIR=`` (empty) turns it off. Nothing depends on
it: a missing, unreadable or unwritable cache only means the card is drawn.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digestgen.outputs.cards.draw import CardJob


def folder() -> Path | None:
    """Where cards are kept, or None when the cache is off."""
    chosen = os.environ.get("DIGESTGEN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) / "cards" if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "digestgen" / "cards"


@functools.cache
def _fingerprint() -> bytes:
    """What shapes every card besides its own job: the fonts and the drawing code's versions."""
    from PIL import __version__ as pillow

    from digestgen import __version__
    from digestgen.outputs.cards.draw import FONTS

    digest = hashlib.sha256(f"digestgen {__version__}\npillow {pillow}\n".encode())
    for path in sorted(FONTS.glob("*.ttf")):
        digest.update(path.name.encode() + b"\n" + hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def key(job: CardJob) -> str:
    """The hash a card is kept under."""
    digest = hashlib.sha256(_fingerprint())
    fields = (job.size, job.colours, job.quote, job.name, job.attribution, job.footer, job.outlet)
    digest.update(repr(fields).encode("utf-8"))
    digest.update(hashlib.sha256(job.photo_bytes or b"").digest())
    return digest.hexdigest()


def read(job: CardJob) -> bytes | None:
    """The kept PNG of ``job``, if there is one."""
    where = folder()
    if where is None:
        return None
    try:
        return (where / f"{key(job)}.png").read_bytes()
    except OSError:
        return None


def write(job: CardJob, png: bytes) -> None:
    """Keep ``png`` for ``job``; written whole or not at all."""
    where = folder()
    if where is None:
        return
    path = where / f"{key(job)}.png"
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        where.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(png)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
