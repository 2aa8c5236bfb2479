"""``digestgen social``: the social drafts and their lengths."""

from __future__ import annotations

from typing import TYPE_CHECKING

from digestgen.cli import console
from digestgen.cli.base import DigestArg, command, over_limit

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace


@command(lists=True)
def social(workspace: Workspace, digest: DigestArg = None) -> None:
    """Write the social drafts, one file per platform; show each post's length."""
    from digestgen.build.pipeline import CARDS, SOCIAL, build

    loaded = workspace.load(digest)
    built = build(loaded, workspace, (CARDS, SOCIAL))
    console.built(built, loaded.language)
    over = console.drafts(built, loaded.language)
    if over:
        raise over_limit(over)
