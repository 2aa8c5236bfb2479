"""``digestgen build``: every output of a digest, or of the whole workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import AllowPrivate, DigestArg, command, long_running, over_limit
from digestgen.errors import DigestgenError, UsageError

if TYPE_CHECKING:
    from digestgen.build.pipeline import BatchResult
    from digestgen.content.workspace import Workspace


@command("build", lists=True)
def build_command(
    workspace: Workspace,
    digest: DigestArg = None,
    all_digests: Annotated[bool, typer.Option("--all", help="Build every digest.")] = False,
    fetch_images: Annotated[
        bool, typer.Option("--fetch-images", help="Download speakers' photos for the cards.")
    ] = False,
    allow_private: AllowPrivate = False,
    no_cards: Annotated[
        bool, typer.Option("--no-cards", help="Skip the quote cards (a faster batch).")
    ] = False,
) -> None:
    """Build every output of a digest (or of all of them, with --all)."""
    from digestgen.build.pipeline import CARDS, EVERYTHING, build

    parts = tuple(p for p in EVERYTHING if not (no_cards and p == CARDS))
    if all_digests and digest:
        raise UsageError("name a digest or give --all, not both")
    if not all_digests:
        loaded = workspace.load(digest)
        built = build(
            loaded, workspace, parts, fetch_images=fetch_images, allow_private=allow_private
        )
        console.built(built, loaded.language, listed=False)
        over = sum(len(d.over) for d in built.drafts.values())
        if over:
            console.drafts(built, loaded.language)
            raise over_limit(over)
        return
    long_running()
    result = _build_all_with_progress(workspace, parts, fetch_images, allow_private)
    console.batch(result, workspace.language())
    if result.failed:
        raise DigestgenError()  # exit 2; each failure is reported above


def _build_all_with_progress(
    workspace: Workspace, parts: tuple[str, ...], fetch_images: bool, allow_private: bool
) -> BatchResult:
    """build_all, with a progress bar when someone is watching the terminal."""
    import functools
    import sys

    from digestgen.build.pipeline import build_all
    from digestgen.content.workspace import digest_paths

    build_every = functools.partial(
        build_all, parts=parts, fetch_images=fetch_images, allow_private=allow_private
    )
    if not sys.stderr.isatty():
        return build_every(workspace)
    total = len(digest_paths(workspace.content_dir))
    with typer.progressbar(length=total, label="Building", file=sys.stderr) as bar:
        return build_every(workspace, lambda _: bar.update(1))
