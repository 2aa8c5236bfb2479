"""``digestgen preview``: the preview server, rebuilding on every save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import DigestArg, command, long_running
from digestgen.errors import UsageError

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace


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
        raise UsageError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror})") from None
    server.rebuild(first=True)
    # Ctrl-C stops cleanly from the moment the server runs, even before the first sleep.
    try:
        server.start()
        console.out(f"Serving {server.url}  (watching content/ and templates/; Ctrl-C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
        console.out("\nStopped.")
