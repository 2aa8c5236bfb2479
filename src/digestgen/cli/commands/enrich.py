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

    path = find_digest(digest, workspace.content_dir)
    result = fill_in(path, dry_run=dry_run, allow_private=allow_private, timeout=timeout)
    console.out(result.diff.rstrip("\n") if result.diff else "Nothing to fill in.")
    for note in result.notes:
        console.err(f"note: {note}")
    for failure in result.failures:
        console.err(f"failed: {failure.url}: {failure.reason}")
    if dry_run and result.diff:
        console.err("Dry run: nothing was written.")
    if result.failures:
        raise Flagged("")
