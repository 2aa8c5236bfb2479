"""The ``digestgen`` command. Each command is a few lines: the options every command shares
are declared once (:func:`command`), what they print is :mod:`digestgen.cli.console`'s, and one
handler turns a :class:`~digestgen.errors.DigestgenError` into a message and an exit status."""

from __future__ import annotations

import functools
import gc
import inspect
import os
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
import typer.core

from digestgen.cli import console
from digestgen.errors import DigestgenError, Flagged, UsageError

if TYPE_CHECKING:
    from digestgen.build.pipeline import BatchResult
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


def command(
    name: str | None = None, *, workspace: bool = True, out: bool = True
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command, adding the shared options and the one error handler.

    The command function takes a ``workspace`` argument (unless ``workspace=False``), made
    from ``--content-dir`` and ``--out`` (``out=False``: the command writes no output);
    ``--debug`` is on every command. Any :class:`~digestgen.errors.DigestgenError` it raises
    becomes its message on stderr and its exit status.
    """

    def register(func: Callable[..., None]) -> Callable[..., None]:
        # Annotations are strings here (postponed evaluation); typer needs their objects.
        own = [
            p.replace(annotation=eval(p.annotation, func.__globals__))
            for p in inspect.signature(func).parameters.values()
            if p.name != "workspace"
        ]
        shared = [_CONTENT_DIR, *([_OUT] if out else []), _DEBUG] if workspace else [_DEBUG]

        @functools.wraps(func)
        def run(**options: Any) -> None:
            debug = options.pop("debug")
            if workspace:
                root = options.pop("content_dir"), options.pop("out", None)
                options["workspace"] = _workspace(*root)
            try:
                func(**options)
            except DigestgenError as exc:
                if debug:
                    raise
                console.error(exc)
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


@command()
def newsletter(workspace: Workspace, digest: DigestArg = None) -> None:
    """Validate a digest and write its email, plain text, .eml and further-reading block."""
    from digestgen.build.pipeline import NEWSLETTER, build

    console.built(build(workspace.load(digest), workspace, (NEWSLETTER,)))


def _over(count: int) -> Flagged:
    return Flagged(f"{count} post{'s' if count != 1 else ''} over the platform's limit.")


@command()
def social(workspace: Workspace, digest: DigestArg = None) -> None:
    """Write the LinkedIn, X, Bluesky, Mastodon and Threads drafts; show each post's length."""
    from digestgen.build.pipeline import CARDS, SOCIAL, build

    loaded = workspace.load(digest)
    built = build(loaded, workspace, (CARDS, SOCIAL))
    console.built(built)
    over = console.drafts(built, loaded.language)
    if over:
        raise _over(over)


@command("build")
def build_command(
    workspace: Workspace,
    digest: DigestArg = None,
    all_digests: Annotated[bool, typer.Option("--all", help="Build every digest.")] = False,
    fetch_images: Annotated[
        bool, typer.Option("--fetch-images", help="Download speakers' photos for the cards.")
    ] = False,
    allow_private: AllowPrivate = False,
    no_cards: Annotated[
        bool, typer.Option("--no-cards", help="Skip the quote cards (a faster batch).")
    ] = False,
) -> None:
    """Build every output of a digest (or of all of them, with --all)."""
    from digestgen.build.pipeline import CARDS, EVERYTHING, build

    parts = tuple(p for p in EVERYTHING if not (no_cards and p == CARDS))
    if all_digests and digest:
        raise UsageError("name a digest or give --all, not both")
    if not all_digests:
        loaded = workspace.load(digest)
        built = build(
            loaded, workspace, parts, fetch_images=fetch_images, allow_private=allow_private
        )
        console.built(built)
        over = sum(len(d.over) for d in built.drafts.values())
        if over:
            console.drafts(built, loaded.language)
            raise _over(over)
        return
    _long_running()
    result = _build_all_with_progress(workspace, parts, fetch_images, allow_private)
    console.batch(result)
    if result.failed:
        raise DigestgenError()  # exit 2; each failure is reported above


def _build_all_with_progress(
    workspace: Workspace, parts: tuple[str, ...], fetch_images: bool, allow_private: bool
) -> BatchResult:
    """build_all, with a progress bar when someone is watching the terminal."""
    import functools
    import sys

    from digestgen.build.pipeline import build_all
    from digestgen.content.workspace import digest_paths

    build_every = functools.partial(
        build_all, parts=parts, fetch_images=fetch_images, allow_private=allow_private
    )
    if not sys.stderr.isatty():
        return build_every(workspace)
    total = len(digest_paths(workspace.content_dir))
    with typer.progressbar(length=total, label="Building", file=sys.stderr) as bar:
        return build_every(workspace, lambda _: bar.update(1))


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
    from digestgen.content.models import EMAIL
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


@command()
def enrich(
    workspace: Workspace,
    digest: DigestArg = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff; write nothing.")
    ] = False,
    allow_private: AllowPrivate = False,
    timeout: Timeout = 10.0,
) -> None:
    """Fill missing titles, summaries and images of the follow-up stories from their pages."""
    from digestgen.content.workspace import find_digest
    from digestgen.enrich import enrich as fill_in

    path = find_digest(digest, workspace.content_dir)
    result = fill_in(path, dry_run=dry_run, allow_private=allow_private, timeout=timeout)
    console.out(result.diff.rstrip("\n") if result.diff else "Nothing to fill in.")
    for note in result.notes:
        console.err(f"note: {note}")
    for failure in result.failures:
        console.err(f"failed: {failure.url}: {failure.reason}")
    if dry_run and result.diff:
        console.err("Dry run: nothing was written.")
    if result.failures:
        raise Flagged("")


class Language(StrEnum):
    fr = "fr"
    en = "en"


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

    require_extra()
    with extra_imports():
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
        )
    console.drafted(made)
    if fill_in and made.path:
        from digestgen.enrich import enrich as enrich_digest

        result = enrich_digest(made.path, allow_private=allow_private, timeout=timeout)
        console.err(f"enrich: {len(result.filled)} field(s) filled from the follow-ups' pages")
        for failure in result.failures:
            console.err(f"enrich failed: {failure.url}: {failure.reason}")
    if dry_run:
        console.err("Dry run: nothing was written.")
    if made.left or made.problems:
        count = len(made.left) + len(made.problems)
        raise Flagged(f"{count} field(s) left for the editor; review, then `digestgen check`.")


@command(workspace=False)
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path("."),
) -> None:
    """Create a workspace with a sample outlet and digest that `digestgen build` renders at once."""
    from digestgen.content.load import display_path
    from digestgen.content.starter import create_workspace

    for path in create_workspace(folder):
        console.out(str(display_path(path)))
    where = "" if folder == Path(".") else f"cd {folder} && "
    console.out(f"Next: {where}digestgen build, then open out/<slug>/index.html")


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

    _long_running()
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
