"""What every command shares: the typer app, the options declared once (:func:`command`),
and the one handler that turns a :class:`~digestgen.errors.DigestgenError` into a message and
an exit status. Each command is a module of :mod:`digestgen.cli.commands`."""

from __future__ import annotations

import functools
import gc
import inspect
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
import typer.core

from digestgen.cli import console
from digestgen.errors import DigestgenError, Flagged

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace


class _Commands(typer.core.TyperGroup):
    """Lists each command with the whole first paragraph of its help, wrapped, not cut."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, " ".join((command.help or "").split("\n\n")[0].split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


# Help and usage errors in plain text: rich's panels take longer to import (a quarter of a
# second) than the help takes to print.
app = typer.Typer(
    help="Turn an event recap written in YAML into a newsletter, social drafts and a preview.",
    cls=_Commands,
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(asked: bool) -> None:
    if asked:
        from digestgen import __version__

        typer.echo(f"digestgen {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and stop."
        ),
    ] = False,
) -> None:
    """Turn an event recap written in YAML into a newsletter, social drafts and a preview."""


DigestArg = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time
    typer.Argument(
        help="A digest file, or its name (file stem) in content/digests/. Default: the latest.",
        show_default=False,
    ),
]


Timeout = Annotated[float, typer.Option(help="Seconds to wait for each page.")]


AllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Allow private and loopback addresses.")
]


DryRun = Annotated[bool, typer.Option("--dry-run", help="Write nothing; say what would be.")]


# The options every command takes, declared once: see command().
_CONTENT_DIR = inspect.Parameter(
    "content_dir",
    inspect.Parameter.KEYWORD_ONLY,
    default=None,
    annotation=Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--content-dir", help="The content folder. Default: ./content.", show_default=False
        ),
    ],
)


_OUT = inspect.Parameter(
    "out",
    inspect.Parameter.KEYWORD_ONLY,
    default=None,
    annotation=Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", help="Where outputs go. Default: ./out.", show_default=False),
    ],
)


_DEBUG = inspect.Parameter(
    "debug",
    inspect.Parameter.KEYWORD_ONLY,
    default=False,
    annotation=Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")],
)


_VERBOSE = inspect.Parameter(
    "verbose",
    inspect.Parameter.KEYWORD_ONLY,
    default=False,
    annotation=Annotated[bool, typer.Option("--verbose", "-v", help="List every file written.")],
)


def command(
    name: str | None = None, *, workspace: bool = True, out: bool = True, lists: bool = False
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command, adding the shared options and the one error handler.

    The command function takes a ``workspace`` argument (unless ``workspace=False``), made
    from ``--content-dir`` and ``--out`` (``out=False``: the command writes no output);
    ``-v`` is on the commands that write files (``lists``), to list every one of them;
    ``--debug`` is on every command. Any :class:`~digestgen.errors.DigestgenError` it raises
    becomes its message on stderr and its exit status.
    """

    def register(func: Callable[..., None]) -> Callable[..., None]:
        # Annotations are strings here (postponed evaluation); typer needs their objects. The
        # workspace's type is only imported for type checkers: the command gets it made.
        hints = typing.get_type_hints(func, localns={"Workspace": Any}, include_extras=True)
        own = [
            p.replace(annotation=hints[p.name])
            for p in inspect.signature(func).parameters.values()
            if p.name != "workspace"
        ]
        tail = [_VERBOSE, _DEBUG] if lists else [_DEBUG]
        shared = [_CONTENT_DIR, *([_OUT] if out else []), *tail] if workspace else tail

        @functools.wraps(func)
        def run(**options: Any) -> None:
            debug = options.pop("debug")
            console.VERBOSE = options.pop("verbose", False)
            made = None
            if workspace:
                root = options.pop("content_dir"), options.pop("out", None)
                made = options["workspace"] = _workspace(*root)
            try:
                func(**options)
            except DigestgenError as exc:
                if debug:
                    raise
                console.error(exc, made.language() if made else "fr")
                raise typer.Exit(exc.exit_code) from None

        parameters = [*own, *shared]
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return app.command(name)(run)

    return register


def _workspace(content_dir: Path | None, out: Path | None) -> Workspace:
    from digestgen.content.workspace import Workspace

    root = content_dir.parent if content_dir else Path.cwd()
    return Workspace.at(root, content_dir, out)


def over_limit(count: int) -> Flagged:
    return Flagged(f"{count} post{'s' if count != 1 else ''} over the platform's limit.")


def long_running() -> None:
    """Collect cycles again, leaving what is already loaded out of every future collection."""
    gc.freeze()
    gc.enable()
