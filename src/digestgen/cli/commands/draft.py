"""``digestgen draft``: a new digest drafted from a published recap article."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from digestgen.cli import console
from digestgen.cli.base import AllowPrivate, Timeout, command
from digestgen.errors import Flagged
from digestgen.text.catalog import T_, TN_, Message, Plural

if TYPE_CHECKING:
    from digestgen.content.workspace import Workspace
    from digestgen.text.language import Language as Said


class Language(StrEnum):
    fr = "fr"
    en = "en"


WORDS: dict[str, Message | Plural] = {
    "enriched": TN_(
        "draft:enriched",
        "enrich: {n} field filled from the follow-ups' pages",
        "enrich: {n} fields filled from the follow-ups' pages",
    ),
    "enrich_failed": T_("draft:enrich_failed", "enrich failed: {url}: {reason}"),
    "dry_run": T_("draft:dry_run", "Dry run: nothing was written."),
    "left": TN_(
        "draft:left_count",
        "{n} field left for the editor; review, then `digestgen check`.",
        "{n} fields left for the editor; review, then `digestgen check`.",
    ),
}


@command(out=False)
def draft(
    workspace: Workspace,
    source: Annotated[
        str, typer.Argument(help="The recap article: its http(s) URL or a saved .html file.")
    ],
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--name", help="The new digest's file stem. Default: the article's slug."),
    ] = None,
    language: Annotated[
        Optional[Language],  # noqa: UP045
        typer.Option("--language", help="fr or en. Default: the page's.", show_default=False),
    ] = None,
    issue_date: Annotated[
        Optional[datetime],  # noqa: UP045
        typer.Option("--issue-date", formats=["%Y-%m-%d"], help="The send date. Default: today."),
    ] = None,
    allow_private: AllowPrivate = False,
    timeout: Timeout = 10.0,
    fill_in: Annotated[
        bool, typer.Option("--enrich", help="Then fill the follow-ups' summaries from their pages.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the digest; write nothing.")
    ] = False,
) -> None:
    """Draft a new digest from a published recap article; exit 1 if fields are left to fill in."""
    from digestgen.draft import extra_imports, require_extra

    # Until the article says its language: the one asked for, else the outlet's.
    said_in = language.value if language else workspace.language()
    require_extra(said_in)
    with extra_imports(said_in):
        from digestgen.draft.make import make_draft

        made = make_draft(
            source,
            workspace.content_dir,
            name=name,
            language=language.value if language else None,
            issue_date=issue_date.date() if issue_date else None,
            allow_private=allow_private,
            timeout=timeout,
            dry_run=dry_run,
            said_in=said_in,
        )
    said = made.draft.language
    console.drafted(made)
    if fill_in and made.path:
        from digestgen.enrich import enrich as enrich_digest

        result = enrich_digest(made.path, allow_private=allow_private, timeout=timeout)
        console.err(_said(said, "enriched", len(result.filled)))
        for failure in result.failures:
            console.err(_said(said, "enrich_failed", url=failure.url, reason=failure.said(said)))
    if dry_run:
        console.err(_said(said, "dry_run"))
    if made.left or made.problems:
        raise Flagged(_said(said, "left", len(made.left) + len(made.problems)))


def _said(language: Said, key: str, count: int | None = None, **values: object) -> str:
    word = WORDS[key]
    if isinstance(word, Plural):
        return word(language, count or 0, **values)
    return word(language, **values)
