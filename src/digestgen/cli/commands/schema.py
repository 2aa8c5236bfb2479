"""``digestgen schema``: the content format as JSON Schema, for editors' editors."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from digestgen.cli import console
from digestgen.cli.base import command

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace
    from digestgen.text.language import Language


class Kind(enum.StrEnum):
    digest = "digest"
    outlet = "outlet"


class Lang(enum.StrEnum):
    fr = "fr"
    en = "en"


@command(out=False)
def schema(
    workspace: Workspace,
    kind: Annotated[
        Kind, typer.Argument(help="digest (content/digests/*.yaml) or outlet (outlet.yaml).")
    ] = Kind.digest,
    lang: Annotated[
        Optional[Lang],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option("--lang", help="Default: the outlet's language.", show_default=False),
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
    from digestgen.content.schema import shipped, write_schemas

    language: Language = lang.value if lang else workspace.language()
    if write:
        for path in write_schemas(workspace.content_dir, language):
            console.out(str(display_path(path)))
        return
    console.out(shipped(kind.value, language), nl=False)
