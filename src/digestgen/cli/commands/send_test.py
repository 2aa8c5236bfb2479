"""``digestgen send-test``: the newsletter to the editor's own inbox, through SMTP."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import DigestArg, command
from digestgen.errors import UsageError

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace


@command("send-test")
def send_test(
    workspace: Workspace,
    to: Annotated[str, typer.Option("--to", help="The address to send the test to.")],
    digest: DigestArg = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would go; send nothing.")
    ] = False,
) -> None:
    """Send the newsletter, subject prefixed [TEST], through the SMTP server of the environment."""
    from digestgen.build.pipeline import NEWSLETTER, render_files
    from digestgen.content.fields import EMAIL
    from digestgen.net.smtp import send_message, smtp_settings
    from digestgen.outputs.newsletter import sent_message

    to = to.strip()
    if not EMAIL.fullmatch(to):
        raise UsageError(f"--to needs an e-mail address, not {to!r}")
    loaded = workspace.load(digest)
    newsletter = render_files(loaded, workspace, (NEWSLETTER,)).newsletter
    assert newsletter is not None
    message = sent_message(loaded, newsletter, to, subject_prefix="[TEST] ")
    settings = smtp_settings()
    subject = f"[TEST] {loaded.digest.issue.subject}"
    summary = f"{subject!r} ({len(message) / 1024:.1f} KB) to {to} via {settings.describe()}"
    if dry_run:
        console.out(f"Would send {summary}.")
        return
    send_message(settings, message, loaded.outlet.sender.email, to)
    console.out(f"Sent {summary}.")
