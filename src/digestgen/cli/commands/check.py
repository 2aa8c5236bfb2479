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
) -> None:
    """Validate a digest and lint what it renders, writing nothing; exit 1 on any error."""
    from digestgen.build.pipeline import NEWSLETTER, SOCIAL, render_files
    from digestgen.checks.findings import check_links, check_spam, spam_report
    from digestgen.checks.spam import SpamCheckUnavailable
    from digestgen.text.messages import report_line

    try:
        loaded = workspace.load(digest)
        rendered = render_files(loaded, workspace, (NEWSLETTER, SOCIAL), check=True)
    except DigestgenError as exc:  # a script reading the JSON gets the problems too
        if output is Format.json:
            console.as_json(console.invalid_report(_digest_file(workspace, digest), exc))
        raise
    assert rendered.findings is not None and rendered.clients is not None
    assert rendered.newsletter is not None
    findings = rendered.findings
    spam, spam_note = None, report_line(loaded.language, "no_spam")
    if not no_spam:
        try:
            spam = spam_report(loaded, rendered.newsletter)
        except SpamCheckUnavailable as exc:
            spam_note = str(exc)
        else:
            found = check_spam(spam, loaded.language)
            findings = sorted(findings + found, key=lambda f: f.level != "error")
    if links:
        findings += check_links(loaded, timeout=timeout, allow_private=allow_private)
    digest_path = loaded.digest_source.path
    if output is Format.json:
        console.as_json(
            console.check_report(digest_path, findings, rendered.clients, spam, spam_note)
        )
    else:
        console.findings(loaded.language, digest_path, findings, rendered.clients, spam, spam_note)
    if any(f.level == "error" for f in findings):
        raise Flagged("")


def _digest_file(workspace: Workspace, digest: str | None) -> Path | None:
    from digestgen.content.workspace import find_digest

    try:
        return find_digest(digest, workspace.content_dir)
    except DigestgenError:
        return None
