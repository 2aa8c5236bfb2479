"""``digestgen init``: a new workspace with the sample outlet and digest."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import command
from digestgen.text.catalog import T_
from digestgen.text.language import Language

NEXT = T_("init:next", "Next:")
PREVIEW = T_("init:preview", "the sample in your browser, rebuilt on every save")
BUILD = T_("init:build", "every output, in out/")
SCHEMA = T_(
    "init:schema",
    "VS Code (YAML extension) completes and checks the fields: the schemas are in {folder}",
)
NOT_ON_PATH = T_(
    "init:not_on_path",
    "digestgen is not on your PATH: run `make install` in digestgen's folder, or type {path}",
)


@command(workspace=False, lists=True)
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path("."),
) -> None:
    """Create a workspace with a sample outlet and digest that `digestgen build` renders at
    once, and the schemas that let VS Code complete and check its YAML."""
    from digestgen.content.load import display_path
    from digestgen.content.schema import FOLDER
    from digestgen.content.starter import create_workspace

    language: Language = "fr"  # the sample outlet's
    for path in create_workspace(folder, language):
        if console.VERBOSE or path.suffix != ".json":
            console.out(str(display_path(path)))
    program = "digestgen"
    if shutil.which("digestgen") is None:
        running = Path(sys.argv[0]).resolve() if sys.argv[0] else None
        program = "digestgen" if running is None else str(running)
        if running is not None and running.suffix == ".py":  # python -m digestgen
            program = f"{sys.executable} -m digestgen"
        console.err(NOT_ON_PATH(language, path=program))
    console.out(NEXT(language))
    if folder != Path("."):
        console.out(f"  cd {folder}")
    console.out(f"  {program} preview    # {PREVIEW(language)}")
    console.out(f"  {program} build      # {BUILD(language)}")
    console.out(SCHEMA(language, folder=display_path(folder / "content" / FOLDER)))
