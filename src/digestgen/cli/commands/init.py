"""``digestgen init``: a new workspace with the sample outlet and digest."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import command

if TYPE_CHECKING:
    pass


@command(workspace=False)
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path("."),
) -> None:
    """Create a workspace with a sample outlet and digest that `digestgen build` renders at once."""
    from digestgen.content.load import display_path
    from digestgen.content.starter import create_workspace

    for path in create_workspace(folder):
        console.out(str(display_path(path)))
    where = "" if folder == Path(".") else f"cd {folder} && "
    console.out(f"Next: {where}digestgen build, then open out/<slug>/index.html")
