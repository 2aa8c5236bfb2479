"""``digestgen check``: what a digest renders, linted, writing nothing."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from digestgen.cli import console
from digestgen.cli.base import AllowPrivate, DigestArg, command
from digestgen.errors import DigestgenError, Flagged

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace


class Format(StrEnum):
    text = "text"
    json = "json"


@command()
def check(
    workspace: Workspace,
    digest: DigestArg = None,
    links: Annotated[bool, typer.Option("--links", help="Also fetch every link.")] = False,
    output: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each link.")] = 10.0,
    allow_private: AllowPrivate = False,
    no_spam: Annotated[
        bool, typer.Option("--no-spam", help="Skip SpamAssassin's score (about 2 s).")
    ] = False,
    every_client: Annotated[
        bool,
        typer.Option(
            "--clients", help="List each feature an email client lacks, with its fallback."
        ),
    ] = False,
) -> None:
    """Validate a digest and lint what it renders, writing nothing; exit 1 on any error."""
    from digestgen.build.pipeline import NEWSLETTER, SOCIAL, render_files
    from digestgen.checks.base import Material
    from digestgen.checks.caniemail import client_support
    from digestgen.checks.links import fetch_links
    from digestgen.checks.registry import run_checks, spam_report
    from digestgen.checks.spamassassin import SpamCheckUnavailable

    try:
        loaded = workspace.load(digest)
        rendered = render_files(loaded, workspace, (NEWSLETTER, SOCIAL))
    except DigestgenError as exc:  # a script reading the JSON gets the problems too
        if output is Format.json:
            console.as_json(console.invalid_report(_digest_file(workspace, digest), exc))
        raise
    assert rendered.newsletter is not None
    html = rendered.newsletter.html
    clients = client_support(html, loaded.language)
    spam, spam_note = None, console.report_line(loaded.language, "no_spam")
    if not no_spam:
        try:
            spam = spam_report(loaded, rendered.newsletter)
        except SpamCheckUnavailable as exc:
            spam_note = str(exc)
    fetched = fetch_links(loaded, timeout=timeout, allow_private=allow_private) if links else None
    material = Material(loaded, html, rendered.drafts, clients, spam, fetched)
    findings = run_checks(material)
    digest_path = loaded.digest_source.path
    if output is Format.json:
        console.as_json(console.check_report(digest_path, findings, clients, spam, spam_note))
    else:
        console.findings(
            loaded.language, digest_path, findings, clients, spam, spam_note, every_gap=every_client
        )
    if any(f.level == "error" for f in findings):
        raise Flagged("")


def _digest_file(workspace: Workspace, digest: str | None) -> Path | None:
    from digestgen.content.workspace import find_digest

    try:
        return find_digest(digest, workspace.content_dir, workspace.language())
    except DigestgenError:
        return None
