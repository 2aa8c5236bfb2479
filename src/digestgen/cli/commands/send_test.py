"""``digestgen send-test``: the newsletter to the editor's own inbox, through SMTP."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import DigestArg, command
from digestgen.errors import UsageError
from digestgen.text.catalog import T_, Message

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace

WORDS: dict[str, Message] = {
    "bad_to": T_("send-test:bad_to", "--to needs an e-mail address, not {value}"),
    "would_send": T_(
        "send-test:would_send",
        "Would send “{subject}” ({size}) from {sender} to {to} via {server}.",
    ),
    "would_send_unset": T_(
        "send-test:would_send_unset",
        "Would send “{subject}” ({size}) from {sender} to {to}; no SMTP server is set "
        "({variable}).",
    ),
    "sent": T_("send-test:sent", "Sent “{subject}” ({size}) from {sender} to {to} via {server}."),
}


@command("send-test")
def send_test(
    workspace: Workspace,
    to: Annotated[str, typer.Option("--to", help="The address to send the test to.")],
    digest: DigestArg = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would go; send nothing.")
    ] = False,
) -> None:
    """Send the newsletter, subject prefixed [TEST], through the SMTP server of the environment;
    merge tags are filled with sample values."""
    from digestgen.build.pipeline import NEWSLETTER, render_files
    from digestgen.content.fields import EMAIL
    from digestgen.net.smtp import PREFIX, send_message, smtp_configured, smtp_settings
    from digestgen.outputs.newsletter import sent_message
    from digestgen.serve.samples import (
        SENT_ARCHIVE,
        SENT_UNSUBSCRIBE,
        fill_loaded,
        fill_newsletter,
        samples_for,
    )
    from digestgen.text.formats import kilobytes

    loaded = workspace.load(digest)
    language = loaded.language
    to = to.strip()
    if not EMAIL.fullmatch(to):
        raise UsageError(WORDS["bad_to"](language, value=repr(to)))
    settings = smtp_settings(language=language) if smtp_configured() or not dry_run else None
    newsletter = render_files(loaded, workspace, (NEWSLETTER,)).newsletter
    assert newsletter is not None
    samples = samples_for(loaded, archive=SENT_ARCHIVE, unsubscribe=SENT_UNSUBSCRIBE)
    newsletter, filled = fill_newsletter(newsletter, samples)
    loaded = fill_loaded(loaded, samples)
    message = sent_message(loaded, newsletter, to, subject_prefix="[TEST] ")
    said = {
        "subject": f"[TEST] {loaded.digest.issue.subject}",
        "size": kilobytes(len(message), language),
        "sender": loaded.outlet.sender.email,
        "to": to,
    }
    if filled:
        console.err(samples.notice(language, sent=True))
    if settings is None:
        console.out(WORDS["would_send_unset"](language, variable=f"{PREFIX}HOST", **said))
        return
    if dry_run:
        console.out(WORDS["would_send"](language, server=settings.describe(language), **said))
        return
    send_message(settings, message, loaded.outlet.sender.email, to, language)
    console.out(WORDS["sent"](language, server=settings.describe(language), **said))
