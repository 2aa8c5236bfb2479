"""``digestgen newsletter``: the email, its plain text, its .eml and the further reading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from digestgen.cli import console
from digestgen.cli.base import DigestArg, command

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace


@command(lists=True)
def newsletter(workspace: Workspace, digest: DigestArg = None) -> None:
    """Validate a digest and write its email, plain text, .eml and further-reading block."""
    from digestgen.build.pipeline import NEWSLETTER, build

    loaded = workspace.load(digest)
    console.built(build(loaded, workspace, (NEWSLETTER,)), loaded.language)
