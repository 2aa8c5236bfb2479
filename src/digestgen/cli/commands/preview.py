"""``digestgen preview``: the preview server, rebuilding on every save."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import DigestArg, command, long_running
from digestgen.errors import DigestgenError, UsageError
from digestgen.text.catalog import T_, Message

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace
    from digestgen.text.language import Language

WORDS: dict[str, Message] = {
    "serving": T_(
        "preview:serving", "Serving {url}  (watching content/ and templates/; Ctrl-C to stop)"
    ),
    "stopped": T_("preview:stopped", "Stopped."),
    "port_in_use": T_(
        "preview:port_in_use",
        "port {port} of 127.0.0.1 is already in use, perhaps by another preview; give another "
        "--port, or --port 0 for any free port",
    ),
    "cannot_listen": T_("preview:cannot_listen", "cannot listen on 127.0.0.1:{port} ({reason})"),
}


@command()
def preview(
    workspace: Workspace,
    digest: DigestArg = None,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0 picks a free one).")
    ] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in a browser.")
    ] = False,
) -> None:
    """Build, serve the preview on 127.0.0.1, and rebuild and reload on every save."""
    import time

    from digestgen.serve.preview import Preview

    long_running()
    try:
        server = Preview(workspace, digest, port, report=console.err)
    except OSError as exc:
        language = _language(workspace, digest)
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(WORDS["port_in_use"](language, port=port)) from None
        reason = exc.strerror or type(exc).__name__
        raise UsageError(WORDS["cannot_listen"](language, port=port, reason=reason)) from None
    server.rebuild(first=True)
    language = server.language
    # Ctrl-C stops cleanly from the moment the server runs, even before the first sleep.
    try:
        server.start()
        console.out(WORDS["serving"](language, url=server.url))
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
        console.out("\n" + WORDS["stopped"](language))


def _language(workspace: Workspace, digest: str | None) -> Language:
    """The digest's language before the server has built it; the outlet's if it cannot be
    read (the build then says why)."""
    try:
        return workspace.load(digest).language
    except DigestgenError:
        return workspace.language()
