"""``digestgen draft`` from end to end: read the article, draft the digest, write it as a new
file (or only validate it, for ``--dry-run``), and say what is left for the editor."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from digestgen.content.load import load, read_yaml
from digestgen.content.schema import FOLDER, modeline
from digestgen.draft import new_digest_path, write_new
from digestgen.draft.article import read_article
from digestgen.draft.digest import Draft, draft_digest
from digestgen.draft.placeholders import left_for_editor
from digestgen.draft.source import read_source
from digestgen.errors import ContentError, Problem
from digestgen.text.language import Language


@dataclass(frozen=True)
class Made:
    """A drafted digest: where it was written (None on a dry run), its text, and the fields
    the editor still has to fill in or fix."""

    path: Path | None
    draft: Draft
    left: list[Problem]
    problems: list[Problem]


def make_draft(
    source: str,
    content_dir: Path,
    *,
    name: str | None = None,
    language: str | None = None,
    issue_date: dt.date | None = None,
    allow_private: bool = False,
    timeout: float = 10.0,
    dry_run: bool = False,
    said_in: Language = "en",
) -> Made:
    """Draft a digest from the article at ``source`` (an http(s) URL or a saved page) into
    ``content_dir/digests/<stem>.yaml``, never over an existing file. What goes wrong before
    the article's language is known is said in ``said_in``; the rest in the digest's."""
    from slugify import slugify

    read = read_source(source, allow_private=allow_private, timeout=timeout, language=said_in)
    article = read_article(*read)
    drafted = draft_digest(
        article,
        source=source,
        language=language,
        issue_date=issue_date or dt.date.today(),
        said_in=said_in,
    )
    lang, stem = drafted.language, slugify(name) if name else drafted.stem
    with tempfile.TemporaryDirectory() as scratch:
        # A dry run validates the text as a file too, in a folder of its own.
        path = (
            Path(scratch) / f"{stem}.yaml" if dry_run else new_digest_path(content_dir, stem, lang)
        )
        write_new(path, _with_modeline(drafted.text, path, content_dir, dry_run), lang)
        problems: list[Problem] = []
        try:
            load(path, content_dir)
        except ContentError as exc:
            problems = exc.problems
        left = left_for_editor(read_yaml(path, lang), lang)
    return Made(None if dry_run else path, drafted, left, problems)


def _with_modeline(text: str, path: Path, content_dir: Path, dry_run: bool) -> str:
    """The digest's text, first the line that points the editor's editor at the workspace's
    schema when the workspace has one (``digestgen init`` or ``digestgen schema --write``)."""
    if dry_run or not (content_dir / FOLDER / "digest.json").is_file():
        return text
    return f"{modeline(path, content_dir, 'digest')}\n{text}"
