"""``digestgen enrich``: the follow-ups' missing fields, filled from their pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import AllowPrivate, DigestArg, Timeout, command
from digestgen.errors import Flagged

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace


@command()
def enrich(
    workspace: Workspace,
    digest: DigestArg = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff; write nothing.")
    ] = False,
    allow_private: AllowPrivate = False,
    timeout: Timeout = 10.0,
) -> None:
    """Fill missing titles, summaries and images of the follow-up stories from their pages."""
    from digestgen.content.workspace import find_digest
    from digestgen.enrich import enrich as fill_in

    language = workspace.language()
    path = find_digest(digest, workspace.content_dir, language)
    result = fill_in(path, dry_run=dry_run, allow_private=allow_private, timeout=timeout)
    language = result.language
    said = console.report_line
    console.out(result.diff.rstrip("\n") if result.diff else said(language, "nothing_to_fill"))
    for note in result.notes:
        console.err(said(language, "note", note=note))
    for failure in result.failures:
        console.err(said(language, "failed", path=f"{failure.url}: {failure.said(language)}"))
    if dry_run and result.diff:
        console.err(said(language, "dry_run"))
    if result.failures:
        raise Flagged("")
