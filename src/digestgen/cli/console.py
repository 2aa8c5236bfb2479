"""What the commands print: files written, posts and their lengths, findings, the inbox
report, problems. Results go to stdout; warnings, notes and problems to stderr. The commands
of :mod:`digestgen.cli.commands` decide, this module only writes."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import typer

from digestgen.errors import ContentError, DigestgenError, Problem, TemplateProblem
from digestgen.text.catalog import T_, TN_, Message, Plural
from digestgen.text.formats import decimal, kilobytes, number
from digestgen.text.language import Language

if TYPE_CHECKING:
    from pathlib import Path

    from digestgen.build.pipeline import BatchResult, Built
    from digestgen.checks.base import Finding
    from digestgen.checks.caniemail import ClientReport
    from digestgen.checks.spamassassin import SpamReport
    from digestgen.draft.make import Made


VERBOSE = False
"""``-v``: list every file written, not only the summary and the one path to open."""


def out(line: str = "", *, nl: bool = True) -> None:
    typer.echo(line, nl=nl)


def err(line: str) -> None:
    typer.echo(line, err=True)


def _shown(path: Path) -> str:
    from digestgen.content.load import display_path

    return str(display_path(path))


def error(exc: DigestgenError, language: Language) -> None:
    """An error as the editor reads it: every problem of invalid content, on its own line
    (a syntax error with its line and a caret), then how many, in the problems' language."""
    if isinstance(exc, ContentError):
        for problem in exc.problems:
            err(str(problem))
        said = exc.language if exc.language in ("fr", "en") else language
        count = report_line(said, "problems", len(exc.problems))  # type: ignore[arg-type]
        err(f"digestgen: {count}")
    elif str(exc):
        err(f"digestgen: {exc}")


def problem_dict(problem: Problem) -> dict[str, Any]:
    """A content problem for JSON: file, line, field and message."""
    return {
        "file": str(problem.path),
        "line": problem.line,
        "field": problem.loc,
        "message": problem.message,
    }


def built(result: Built, language: Language, *, listed: bool = True) -> None:
    """What a build wrote, after its warnings: each file (``listed``) or how many went where,
    and the one file to open. Images are counted, not listed, unless ``-v``."""
    for warning in result.warnings:
        err(report_line(language, "warning_line", warning=warning))
    images = [p for p in result.files if p.suffix in (".png", ".jpg", ".pdf")]
    if VERBOSE:
        for path in result.files:
            out(_shown(path))
    elif listed:
        for path in result.files:
            if path not in images:
                out(_shown(path))
        if images:
            folders = sorted({_shown(p.parent) for p in images})
            count = report_line(language, "images", len(images), folder=", ".join(folders))
            out(f"{count} {report_line(language, 'verbose')}")
    else:
        count = report_line(language, "files", len(result.files), folder=_shown(result.folder))
        out(f"{count} {report_line(language, 'verbose')}")
    target = opened(result)
    if target is not None:
        out(report_line(language, "open", path=_shown(target)))


def opened(result: Built) -> Path | None:
    """The file an editor opens after a build: the preview page, else the email, else the
    first post."""
    for name in ("index.html", "newsletter.html", "social.json"):
        for path in result.files:
            if path.name == name and path.parent == result.folder:
                return path
    return None


def batch(result: BatchResult, language: Language) -> None:
    """``build --all``: a line per digest built, each failure with its problems, a summary."""
    for one in result.built:
        for warning in one.warnings:
            err(report_line(language, "warning_line", warning=warning))
        out(report_line(language, "files", len(one.files), folder=_shown(one.folder)))
    for path, error in result.failed.items():
        err(report_line(language, "failed", path=_shown(path)))
        for line in str(error).splitlines():
            err(f"  {line}")
    built = report_line(language, "built", len(result.built))
    failed = report_line(language, "failed_count", len(result.failed))
    err(f"digestgen: {built}, {failed}.")


def drafts(result: Built, language: Language) -> int:
    """Every post with its length against the limit, in the digest's language; returns how
    many are over."""
    over = 0
    for draft in result.drafts.values():
        limit = number(draft.platform.limit, language)
        refused = draft.over  # too long, or refused for another reason (bytes, characters)
        out("")
        heading = report_line(language, "platform", platform=draft.platform.label, limit=limit)
        out(typer.style(heading, bold=True))
        for position, post in enumerate(draft.posts, start=1):
            fits = position - 1 not in refused
            over += not fits
            count = f"{number(post.length, language):>5} / {limit}"
            first = post.text.splitlines()[0] if post.text else ""
            if len(first) > 60:
                first = first[:59] + "…"
            mark = typer.style(count, fg=None if fits else "red", bold=not fits)
            out(f"  {position:>2}. {mark}  {first}")
        for note in draft.notes:
            out(typer.style("  " + report_line(language, "note", note=note), fg="yellow"))
    return over


def check_report(
    digest: Path,
    findings: list[Finding],
    clients: ClientReport,
    spam: SpamReport | None,
    spam_note: str,
) -> dict[str, Any]:
    """``check --format json`` for content that validates."""
    errors = sum(f.level == "error" for f in findings)
    return {
        "digest": _shown(digest),
        "valid": True,
        "problems": [],
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [asdict(f) for f in findings],
        "clients": clients.as_dict(),
        "spam": spam.as_dict() if spam else {"skipped": spam_note},
    }


def invalid_report(digest: Path | None, exc: DigestgenError) -> dict[str, Any]:
    """``check --format json`` for a digest that cannot be checked: its problems, with their
    file, line and field (content that does not validate), or the one reason (no such
    digest, a template that does not compile), and no findings (nothing could be rendered)."""
    if isinstance(exc, ContentError):
        problems = [problem_dict(p) for p in exc.problems]
    elif isinstance(exc, TemplateProblem):
        file, _, line = exc.where.rpartition(":")
        at = (file, int(line)) if line.isdigit() else (exc.where, None)
        problems = [{"file": at[0], "line": at[1], "field": "", "message": exc.message}]
    else:
        problems = [{"file": None, "line": None, "field": "", "message": str(exc)}]
    return {
        "digest": _shown(digest) if digest else None,
        "valid": False,
        "problems": problems,
        "errors": len(problems),
        "warnings": 0,
        "findings": [],
    }


def as_json(report: dict[str, Any]) -> None:
    out(json.dumps(report, ensure_ascii=False, indent=2))


def findings(
    language: Language,
    digest: Path,
    found: list[Finding],
    clients: ClientReport,
    spam: SpamReport | None,
    spam_note: str,
    *,
    every_gap: bool = False,
) -> None:
    """``check``'s text report, in the digest's language: each finding with where and how to
    fix it, then the inbox."""
    out(report_line(language, "title", digest=_shown(digest)))
    fix = report_line(language, "fix")
    for f in found:
        colour = "red" if f.level == "error" else "yellow"
        label = report_line(language, f.level)
        level = typer.style(f"{label:<10}", fg=colour, bold=f.level == "error")
        out(f"{level} {f.code:<20} {f.where}")
        out(f"           {f.message}")
        out(f"           {fix} {f.fix}")
        for name, size in f.details.get("blocks", {}).items():
            out(f"             {name:<20}{kilobytes(size, language):>10}")
    inbox(language, clients, spam, spam_note, every_gap=every_gap)
    errors = sum(f.level == "error" for f in found)
    counts = (
        report_line(language, "errors", errors),
        report_line(language, "warnings", len(found) - errors),
    )
    out(f"{counts[0]}, {counts[1]}.")


def inbox(
    language: Language,
    clients: ClientReport,
    spam: SpamReport | None,
    spam_note: str,
    *,
    every_gap: bool = False,
) -> None:
    """The email clients' support in one line, then the spam score, after the findings.

    With ``every_gap`` (``check --clients``), each feature a client family lacks entirely,
    with digestgen's fallback; partial support is in the JSON report and on the preview page.
    """
    missing = [g for g in clients.gaps if "unsupported" in g.families.values()]
    out(
        report_line(
            language,
            "clients",
            date=clients.data_date,
            used=len(clients.used),
            missing=len(missing),
            partial=len(clients.gaps) - len(missing),
        )
    )
    for gap in missing if every_gap else []:
        lacking = [name for name, status in gap.families.items() if status == "unsupported"]
        out("  " + report_line(language, "not_in", feature=gap.title, families=", ".join(lacking)))
        covered = report_line(language, "covered", fallback=gap.fallback)
        out(f"    {covered if gap.fallback else report_line(language, 'no_fallback')}")
    if spam is None:
        out(spam_note)
        return
    score, required = decimal(spam.score, language), decimal(spam.required, language)
    out(report_line(language, "spam", score=score, required=required))
    for rule in spam.rules:
        if rule.points:
            points = ("+" if rule.points > 0 else "") + decimal(rule.points, language)
            out(f"  {points:>5} {rule.name:<24} {rule.fix}")


def drafted(made: Made) -> None:
    """``draft``: the new file (or, on a dry run, the digest's text), then what was found,
    what was not, and each field left for the editor with its line."""
    if made.path is None:
        out(made.draft.text, nl=False)
    else:
        out(_shown(made.path))
    language = made.draft.language
    for line in made.draft.found:
        err(T_("draft:found", "found: {line}")(language, line=line))
    for line in made.draft.missing:
        err(T_("draft:missing", "missing: {line}")(language, line=line))
    for problem in made.left if made.path else []:
        err(str(problem))
    for problem in made.problems:
        err(str(problem))


REPORT: dict[str, Message | Plural] = {
    "platform": T_("report:platform", "{platform} (limit {limit})"),
    "note": T_("report:note", "note: {note}"),
    "title": T_("report:title", "digestgen check: {digest}"),
    "error": T_("report:error", "error"),
    "warning": T_("report:warning", "warning"),
    "warning_line": T_("report:warning_line", "warning: {warning}"),
    "fix": T_("report:fix", "fix:"),
    "clients": T_(
        "report:clients",
        "Email clients (caniemail, {date}): {used} features used, {missing} missing in some "
        "client, {partial} partly supported (--clients lists them)",
    ),
    "not_in": T_("report:not_in", "{feature}: not in {families}"),
    "covered": T_("report:covered", "covered: {fallback}"),
    "no_fallback": T_("report:no_fallback", "no fallback"),
    "spam": T_("report:spam", "Spam score (SpamAssassin, local rules): {score} / {required}"),
    "no_spam": T_("report:no_spam", "spam score skipped (--no-spam)"),
    "errors": TN_("report:errors", "{n} error", "{n} errors"),
    "problems": TN_(
        "report:problems",
        "{n} problem; nothing was written.",
        "{n} problems; nothing was written.",
    ),
    "files": TN_("report:files", "{n} file written in {folder}", "{n} files written in {folder}"),
    "images": TN_("report:images", "{n} image in {folder}", "{n} images in {folder}"),
    "verbose": T_("report:verbose", "(-v lists them)"),
    "open": T_("report:open", "→ open {path}"),
    "failed": T_("report:failed", "failed: {path}"),
    "nothing_to_fill": T_("report:nothing_to_fill", "Nothing to fill in."),
    "dry_run": T_("report:dry_run", "Dry run: nothing was written."),
    "built": TN_("report:built", "{n} built", "{n} built"),
    "failed_count": TN_("report:failed_count", "{n} failed", "{n} failed"),
    "warnings": TN_("report:warnings", "{n} warning", "{n} warnings"),
}
"""The lines ``check`` and ``social`` print around the findings and posts."""


def report_line(language: Language, key: str, count: int | None = None, **values: object) -> str:
    """One line (or part) of ``check``'s report; with ``count``, its singular or plural."""
    said = REPORT[key]
    if isinstance(said, Plural):
        return said(language, count or 0, **values)
    return said(language, **values)
