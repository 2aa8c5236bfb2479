"""``digestgen schema``: the content format as JSON Schema, for editors' editors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from digestgen.cli import console
from digestgen.cli.base import command

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace


@command(out=False)
def schema(
    workspace: Workspace,
    kind: Annotated[
        str, typer.Argument(help="digest (content/digests/*.yaml) or outlet (outlet.yaml).")
    ] = "digest",
    lang: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--lang", help="fr or en. Default: the outlet's language.", show_default=False
        ),
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help="Write both schemas into content/schema/ (as digestgen init does)."
        ),
    ] = False,
) -> None:
    """Print the JSON Schema of the digest's or the outlet's YAML, which VS Code and other
    editors with a YAML language server use to complete and check fields as you type."""
    from digestgen.content.load import display_path
    from digestgen.content.schema import KINDS, shipped, write_schemas
    from digestgen.errors import UsageError
    from digestgen.text.language import LANGUAGES

    language = lang or workspace.language()
    if language not in LANGUAGES:
        raise UsageError(f"--lang {lang}: digestgen speaks {', '.join(LANGUAGES)}")
    if kind not in KINDS:
        raise UsageError(f"{kind}: choose digest or outlet")
    if write:
        for path in write_schemas(workspace.content_dir, language):
            console.out(str(display_path(path)))
        return
    console.out(shipped(kind, language), nl=False)
