"""load → render → write, for one digest or a whole workspace. Returns what it wrote."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digestgen.errors import DigestgenError, Problem, TemplateProblem
from digestgen.load import Loaded, digest_paths, display_path, find_digest, load
from digestgen.write import write_folder

if TYPE_CHECKING:
    from digestgen.social import Draft


@dataclass(frozen=True)
class Workspace:
    """Where a command reads and writes: the folder holding ``templates/``, content and out."""

    root: Path
    content_dir: Path
    out_dir: Path

    @classmethod
    def at(
        cls, root: Path, content_dir: Path | None = None, out_dir: Path | None = None
    ) -> Workspace:
        return cls(root, content_dir or root / "content", out_dir or root / "out")

    def load(self, name: str | None) -> Loaded:
        """The digest ``name`` (a path or a file stem; None for the latest), validated."""
        return load(find_digest(name, self.content_dir), self.content_dir)


NEWSLETTER, SOCIAL = "newsletter", "social"
EVERYTHING = (NEWSLETTER, SOCIAL)


@dataclass(frozen=True)
class Built:
    """One digest's build: the folder it went to, the files written, the warnings and drafts."""

    slug: str
    folder: Path
    files: list[Path]
    warnings: list[Problem] = field(default_factory=list)
    drafts: dict[str, Draft] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    files: dict[str, str | bytes]
    drafts: dict[str, Draft]


def render_files(
    loaded: Loaded, workspace: Workspace, parts: Sequence[str] = EVERYTHING
) -> Rendered:
    """The output files of ``parts`` of a digest, by their path under ``out/<slug>/``."""
    from jinja2 import TemplateError, TemplateSyntaxError

    from digestgen.email import build_eml, render_newsletter
    from digestgen.social import render_social, social_files

    files: dict[str, str | bytes] = {}
    drafts: dict[str, Draft] = {}
    try:
        if NEWSLETTER in parts:
            newsletter = render_newsletter(loaded, workspace.root)
            files.update(
                {
                    "newsletter.html": newsletter.html,
                    "newsletter.txt": newsletter.text,
                    "newsletter.eml": build_eml(loaded, newsletter),
                    "further-reading.html": newsletter.further_html,
                    "further-reading.md": newsletter.further_md,
                }
            )
        if SOCIAL in parts:
            drafts = render_social(loaded, workspace.root)
            files.update(social_files(drafts))
    except TemplateSyntaxError as exc:
        where = f"{display_path(Path(exc.filename or exc.name or '?'))}:{exc.lineno}"
        raise TemplateProblem(where, exc.message or "syntax error") from exc
    except TemplateError as exc:
        raise TemplateProblem("template", exc.message or str(exc)) from exc
    return Rendered(files, drafts)


def build(loaded: Loaded, workspace: Workspace, parts: Sequence[str] = EVERYTHING) -> Built:
    """Render ``parts`` of a loaded digest into its ``out/<slug>/`` folder.

    A full build replaces the folder; a partial one (``newsletter``, ``social``) keeps the
    files of the other parts that are already there.
    """
    rendered = render_files(loaded, workspace, parts)
    folder = workspace.out_dir / loaded.slug
    written = write_folder(folder, rendered.files, keep_others=tuple(parts) != EVERYTHING)
    return Built(loaded.slug, folder, written, loaded.warnings(), rendered.drafts)


@dataclass(frozen=True)
class BatchResult:
    built: list[Built]
    failed: dict[Path, DigestgenError]


def build_all(workspace: Workspace, progress: Callable[[Path], None] | None = None) -> BatchResult:
    """Build every digest of the workspace; a bad one is recorded and the others still build."""
    built: list[Built] = []
    failed: dict[Path, DigestgenError] = {}
    owners: dict[str, Path] = {}
    for path in digest_paths(workspace.content_dir):
        try:
            loaded = load(path, workspace.content_dir)
            if loaded.slug in owners:
                raise loaded.digest_source.problem_error(
                    ("issue", "slug"),
                    f"out/{loaded.slug}/ is already {owners[loaded.slug].name}'s; set issue.slug",
                )
            owners[loaded.slug] = path
            built.append(build(loaded, workspace))
        except DigestgenError as exc:
            failed[path] = exc
        if progress:
            progress(path)
    return BatchResult(built, failed)
