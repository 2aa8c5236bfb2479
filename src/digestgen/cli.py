"""The ``digestgen`` command. Each command is a few lines; one handler turns a
:class:`~digestgen.errors.DigestgenError` into a message and an exit status."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
import typer.core

from digestgen.errors import ContentError, DigestgenError

if TYPE_CHECKING:
    from digestgen.build import BatchResult, Built, Workspace
    from digestgen.clients import ClientReport
    from digestgen.spam import SpamReport


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

DigestArg = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time
    typer.Argument(
        help="A digest file, or its name (file stem) in content/digests/. Default: the latest.",
        show_default=False,
    ),
]
ContentOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--content-dir", help="The content folder. Default: ./content.", show_default=False
    ),
]
OutOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--out", help="Where outputs go. Default: ./out.", show_default=False),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


@contextlib.contextmanager
def _reported(debug: bool) -> Iterator[None]:
    """Map digestgen's errors to a message on stderr and the exit status of the spec."""
    try:
        yield
    except DigestgenError as exc:
        if debug:
            raise
        if isinstance(exc, ContentError):
            for problem in exc.problems:
                _err(str(problem))
            count = len(exc.problems)
            _err(f"digestgen: {count} problem{'s' if count != 1 else ''}; nothing was written.")
        else:
            _err(f"digestgen: {exc}")
        raise typer.Exit(exc.exit_code) from None


def _workspace(content_dir: Path | None, out: Path | None) -> Workspace:
    from digestgen.build import Workspace

    root = content_dir.parent if content_dir else Path.cwd()
    return Workspace.at(root, content_dir, out)


def _report(built: Built) -> None:
    for warning in built.warnings:
        _err(f"warning: {warning}")
    from digestgen.load import display_path

    for path in built.files:
        typer.echo(str(display_path(path)))


@app.command()
def newsletter(
    digest: DigestArg = None,
    content_dir: ContentOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Validate a digest and write its email, plain text, .eml and further-reading block."""
    from digestgen.build import NEWSLETTER, build

    with _reported(debug):
        workspace = _workspace(content_dir, out)
        _report(build(workspace.load(digest), workspace, (NEWSLETTER,)))


@app.command()
def social(
    digest: DigestArg = None,
    content_dir: ContentOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write the LinkedIn, X, Bluesky and Mastodon drafts; show each post's length."""
    from digestgen.build import CARDS, SOCIAL, build

    with _reported(debug):
        workspace = _workspace(content_dir, out)
        built = build(workspace.load(digest), workspace, (CARDS, SOCIAL))
        _report(built)
        over = _show_drafts(built)
    if over:
        _err(f"digestgen: {over} post{'s' if over != 1 else ''} over the platform's limit.")
        raise typer.Exit(1)


def _build_all_with_progress(
    workspace: Workspace, parts: tuple[str, ...], fetch_images: bool, allow_private: bool
) -> BatchResult:
    """build_all, with a progress bar when someone is watching the terminal."""
    import functools
    import sys

    from digestgen.build import build_all
    from digestgen.load import digest_paths

    build_every = functools.partial(
        build_all, parts=parts, fetch_images=fetch_images, allow_private=allow_private
    )
    if not sys.stderr.isatty():
        return build_every(workspace)
    total = len(digest_paths(workspace.content_dir))
    with typer.progressbar(length=total, label="Building", file=sys.stderr) as bar:
        return build_every(workspace, lambda _: bar.update(1))


def _show_drafts(built: Built) -> int:
    """Print every post with its length against the limit; return how many are over."""
    over = 0
    for draft in built.drafts.values():
        limit, label = draft.platform.limit, draft.platform.label
        refused = draft.over  # too long, or refused for another reason (bytes, characters)
        typer.echo("")
        typer.echo(typer.style(f"{label} (limit {limit:,})", bold=True))
        for number, post in enumerate(draft.posts, start=1):
            fits = number - 1 not in refused
            over += not fits
            count = f"{post.length:>5,} / {limit:,}"
            first = post.text.splitlines()[0] if post.text else ""
            if len(first) > 60:
                first = first[:59] + "…"
            mark = typer.style(count, fg=None if fits else "red", bold=not fits)
            typer.echo(f"  {number:>2}. {mark}  {first}")
        for note in draft.notes:
            typer.echo(typer.style(f"  note: {note}", fg="yellow"))
    return over


@app.command("build")
def build_command(
    digest: DigestArg = None,
    all_digests: Annotated[bool, typer.Option("--all", help="Build every digest.")] = False,
    fetch_images: Annotated[
        bool, typer.Option("--fetch-images", help="Download speakers' photos for the cards.")
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow photos on private and loopback addresses."),
    ] = False,
    no_cards: Annotated[
        bool, typer.Option("--no-cards", help="Skip the quote cards (a faster batch).")
    ] = False,
    content_dir: ContentOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Build every output of a digest (or of all of them, with --all)."""
    from digestgen.build import CARDS, EVERYTHING, build
    from digestgen.errors import UsageError
    from digestgen.load import display_path

    parts = tuple(p for p in EVERYTHING if not (no_cards and p == CARDS))
    with _reported(debug):
        workspace = _workspace(content_dir, out)
        if all_digests and digest:
            raise UsageError("name a digest or give --all, not both")
        if not all_digests:
            loaded = workspace.load(digest)
            built = build(
                loaded, workspace, parts, fetch_images=fetch_images, allow_private=allow_private
            )
            _report(built)
            over = sum(len(d.over) for d in built.drafts.values())
            if over:
                _show_drafts(built)
                _err(f"digestgen: {over} social post(s) over the platform's limit.")
                raise typer.Exit(1)
            return
        _long_running()
        result = _build_all_with_progress(workspace, parts, fetch_images, allow_private)
        for built in result.built:
            for warning in built.warnings:
                _err(f"warning: {warning}")
            typer.echo(f"{display_path(built.folder)}: {len(built.files)} files")
        for path, error in result.failed.items():
            _err(f"failed: {display_path(path)}")
            for line in str(error).splitlines():
                _err(f"  {line}")
        _err(f"digestgen: {len(result.built)} built, {len(result.failed)} failed.")
        if result.failed:
            raise typer.Exit(2)


class Format(StrEnum):
    text = "text"
    json = "json"


@app.command()
def check(
    digest: DigestArg = None,
    links: Annotated[bool, typer.Option("--links", help="Also fetch every link.")] = False,
    output: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each link.")] = 10.0,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow links to private and loopback addresses.")
    ] = False,
    no_spam: Annotated[
        bool, typer.Option("--no-spam", help="Skip SpamAssassin's score (about 2 s).")
    ] = False,
    content_dir: ContentOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Validate a digest and lint what it renders, writing nothing; exit 1 on any error."""
    import json
    from dataclasses import asdict

    from digestgen.build import NEWSLETTER, SOCIAL, render_files
    from digestgen.checks import check_links, check_rendered, check_spam, spam_report
    from digestgen.clients import client_support
    from digestgen.load import display_path
    from digestgen.spam import SpamCheckUnavailable

    workspace = _workspace(content_dir, out)
    try:
        with _reported(debug):
            loaded = workspace.load(digest)
            rendered = render_files(loaded, workspace, (NEWSLETTER, SOCIAL))
    except typer.Exit as exit_:
        if output is Format.json:
            typer.echo(json.dumps({"valid": False, "findings": []}))
        raise exit_ from None
    html = str(rendered.files["newsletter.html"])
    clients = client_support(html)
    findings = check_rendered(loaded, html, rendered.drafts)
    spam, spam_note = None, "spam score skipped (--no-spam)"
    if not no_spam and rendered.newsletter is not None:
        try:
            spam = spam_report(loaded, rendered.newsletter)
        except SpamCheckUnavailable as exc:
            spam_note = str(exc)
        else:
            findings = sorted(findings + check_spam(spam), key=lambda f: f.level != "error")
    if links:
        findings += check_links(loaded, timeout=timeout, allow_private=allow_private)
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    if output is Format.json:
        report = {
            "digest": str(display_path(loaded.digest_source.path)),
            "valid": True,
            "errors": errors,
            "warnings": warnings,
            "findings": [asdict(f) for f in findings],
            "clients": clients.as_dict(),
            "spam": spam.as_dict() if spam else {"skipped": spam_note},
        }
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"digestgen check: {display_path(loaded.digest_source.path)}")
        for f in findings:
            colour = "red" if f.level == "error" else "yellow"
            level = typer.style(f"{f.level:<8}", fg=colour, bold=f.level == "error")
            typer.echo(f"{level} {f.code:<20} {f.where}")
            typer.echo(f"         {f.message}")
            typer.echo(f"         fix: {f.fix}")
            for name, size in f.details.get("blocks", {}).items():
                typer.echo(f"           {name:<20}{size / 1024:7.1f} KB")
        _show_inbox(clients, spam, spam_note)
        typer.echo(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."
        )
    if errors:
        raise typer.Exit(1)


def _show_inbox(clients: ClientReport, spam: SpamReport | None, spam_note: str) -> None:
    """The client families' gaps and the spam score, after the findings.

    Only features a family lacks entirely are listed; partial support is in the JSON report
    and on the preview page.
    """
    missing = [g for g in clients.gaps if "unsupported" in g.families.values()]
    typer.echo(
        f"Email clients (caniemail, {clients.data_date}): {len(clients.used)} features used, "
        f"{len(missing)} missing in some client, {len(clients.gaps) - len(missing)} partly "
        "supported (--format json or the preview lists them)"
    )
    for gap in missing:
        lacking = [name for name, status in gap.families.items() if status == "unsupported"]
        typer.echo(f"  {gap.title}: not in {', '.join(lacking)}")
        typer.echo(f"    {'covered: ' + gap.fallback if gap.fallback else 'no fallback'}")
    if spam is None:
        typer.echo(spam_note)
        return
    typer.echo(f"Spam score (SpamAssassin, local rules): {spam.score:.1f} / {spam.required:.1f}")
    for rule in spam.rules:
        if rule.points:
            typer.echo(f"  {rule.points:+5.1f} {rule.name:<24} {rule.fix}")


@app.command("send-test")
def send_test(
    to: Annotated[str, typer.Option("--to", help="The address to send the test to.")],
    digest: DigestArg = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would go; send nothing.")
    ] = False,
    content_dir: ContentOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Send the newsletter, subject prefixed [TEST], through the SMTP server of the environment."""
    from digestgen.email import render_newsletter, sent_message
    from digestgen.errors import UsageError
    from digestgen.models import EMAIL
    from digestgen.send import send_message, smtp_settings

    with _reported(debug):
        if not EMAIL.fullmatch(to.strip()):
            raise UsageError(f"--to needs an e-mail address, not {to!r}")
        workspace = _workspace(content_dir, out)
        loaded = workspace.load(digest)
        message = sent_message(
            loaded, render_newsletter(loaded, workspace.root), to, subject_prefix="[TEST] "
        )
        settings = smtp_settings()
        subject = f"[TEST] {loaded.digest.issue.subject}"
        summary = f"{subject!r} ({len(message) / 1024:.1f} KB) to {to} via {settings.describe()}"
        if dry_run:
            typer.echo(f"Would send {summary}.")
            return
        send_message(settings, message, loaded.outlet.sender.email, to)
        typer.echo(f"Sent {summary}.")


@app.command()
def enrich(
    digest: DigestArg = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff; write nothing.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private and loopback addresses.")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each page.")] = 10.0,
    content_dir: ContentOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Fill missing titles, summaries and images of the follow-up stories from their pages."""
    from digestgen.enrich import enrich as fill_in
    from digestgen.load import find_digest

    with _reported(debug):
        workspace = _workspace(content_dir, out)
        path = find_digest(digest, workspace.content_dir)
        result = fill_in(path, dry_run=dry_run, allow_private=allow_private, timeout=timeout)
    typer.echo(result.diff.rstrip("\n") if result.diff else "Nothing to fill in.")
    for note in result.notes:
        _err(f"note: {note}")
    for failure in result.failures:
        _err(f"failed: {failure.url}: {failure.reason}")
    if dry_run and result.diff:
        _err("Dry run: nothing was written.")
    if result.failures:
        raise typer.Exit(1)


class Language(StrEnum):
    fr = "fr"
    en = "en"


@app.command()
def draft(
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
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private and loopback addresses.")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each page.")] = 10.0,
    fill_in: Annotated[
        bool, typer.Option("--enrich", help="Then fill the follow-ups' summaries from their pages.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the digest; write nothing.")
    ] = False,
    content_dir: ContentOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Draft a new digest from a published recap article; exit 1 if fields are left to fill in."""
    import datetime as dt
    import tempfile

    from slugify import slugify

    from digestgen.draft import require_extra

    with _reported(debug):
        require_extra()
        from digestgen.draft import new_digest_path, write_new
        from digestgen.draft.article import read_article
        from digestgen.draft.digest import draft_digest
        from digestgen.draft.placeholders import left_for_editor
        from digestgen.draft.source import read_source
        from digestgen.load import display_path, load, read_yaml

        workspace = _workspace(content_dir, None)
        html, url = read_source(source, allow_private=allow_private, timeout=timeout)
        article = read_article(html, url)
        day = issue_date.date() if issue_date else dt.date.today()
        drafted = draft_digest(
            article, source=source, language=language.value if language else None, issue_date=day
        )
        stem = slugify(name) if name else drafted.stem
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / f"{stem}.yaml" if dry_run else None
            path = path or new_digest_path(workspace.content_dir, stem)
            write_new(path, drafted.text)
            problems = []
            try:
                load(path, workspace.content_dir)
            except ContentError as exc:
                problems = exc.problems
            left = left_for_editor(read_yaml(path))
            if dry_run:
                typer.echo(drafted.text, nl=False)
            else:
                typer.echo(str(display_path(path)))
    for line in drafted.found:
        _err(f"found: {line}")
    for line in drafted.missing:
        _err(f"missing: {line}")
    for problem in left if not dry_run else []:
        _err(str(problem))
    for problem in problems:
        _err(str(problem))
    if fill_in and not dry_run:
        from digestgen.enrich import enrich as enrich_digest

        result = enrich_digest(path, allow_private=allow_private, timeout=timeout)
        _err(f"enrich: {len(result.filled)} field(s) filled from the follow-ups' pages")
        for failure in result.failures:
            _err(f"enrich failed: {failure.url}: {failure.reason}")
    if dry_run:
        _err("Dry run: nothing was written.")
    if left or problems:
        count = len(left) + len(problems)
        _err(f"digestgen: {count} field(s) left for the editor; review, then `digestgen check`.")
        raise typer.Exit(1)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path("."),
    debug: DebugOpt = False,
) -> None:
    """Create a workspace with a sample outlet and digest that `digestgen build` renders at once."""
    from digestgen.load import display_path
    from digestgen.starter import create_workspace

    with _reported(debug):
        for path in create_workspace(folder):
            typer.echo(str(display_path(path)))
        where = "" if folder == Path(".") else f"cd {folder} && "
        typer.echo(f"Next: {where}digestgen build, then open out/<slug>/index.html")


@app.command()
def preview(
    digest: DigestArg = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0 picks a free one).")] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in a browser.")
    ] = False,
    content_dir: ContentOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Build, serve the preview on 127.0.0.1, and rebuild and reload on every save."""
    import time

    from digestgen.errors import UsageError
    from digestgen.preview import Preview

    with _reported(debug):
        workspace = _workspace(content_dir, out)
        _long_running()
        try:
            server = Preview(workspace, digest, port, report=_err)
        except OSError as exc:
            raise UsageError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror})") from None
        server.rebuild(first=True)
        # Ctrl-C stops cleanly from the moment the server runs, even before the first sleep.
        try:
            server.start()
            typer.echo(f"Serving {server.url}  (watching content/ and templates/; Ctrl-C to stop)")
            if open_browser:
                import webbrowser

                webbrowser.open(server.url)
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.stop()
            typer.echo("\nStopped.")


def main() -> None:
    """Entry point of the ``digestgen`` console script."""
    # A command imports many long-lived objects (pydantic, premailer) and makes few cycles: the
    # cyclic collector would rescan them for nothing, a sixth of a build's time. Commands that
    # run long (build --all, preview) turn it back on with _long_running().
    gc.disable()
    # digestgen uses no pydantic plugin; looking for them reads every installed package's
    # metadata, a tenth of a build's time.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app(prog_name="digestgen")
    finally:
        gc.enable()


def _long_running() -> None:
    """Collect cycles again, leaving what is already loaded out of every future collection."""
    gc.freeze()
    gc.enable()


if __name__ == "__main__":  # pragma: no cover
    main()
