"""load → render → write, for one digest or a whole workspace. Returns what it wrote."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digestgen.errors import ContentError, DigestgenError, Problem, TemplateProblem
from digestgen.load import Loaded, digest_paths, display_path, find_digest, load
from digestgen.write import write_folder

if TYPE_CHECKING:
    from digestgen.cards import Card
    from digestgen.email import Newsletter
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


NEWSLETTER, CARDS, SOCIAL, PREVIEW = "newsletter", "cards", "social", "preview"
EVERYTHING = (NEWSLETTER, CARDS, SOCIAL, PREVIEW)  # in this order: each may use the ones before


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
    newsletter: Newsletter | None = None
    warnings: list[Problem] = field(default_factory=list)  # photos that gave no portrait


def render_files(
    loaded: Loaded,
    workspace: Workspace,
    parts: Sequence[str] = EVERYTHING,
    *,
    fetch_images: bool = False,
    allow_private: bool = False,
) -> Rendered:
    """The output files of ``parts`` of a digest, by their path under ``out/<slug>/``."""
    from jinja2 import TemplateError, TemplateSyntaxError

    files: dict[str, str | bytes] = {}
    drafts: dict[str, Draft] = {}
    newsletter = None
    pending = None
    if CARDS in parts:  # drawn by other processes while this one renders the rest
        from digestgen.cards import start_cards

        pending = start_cards(loaded, fetch_images=fetch_images, allow_private=allow_private)
    try:
        if NEWSLETTER in parts:
            from digestgen.email import build_eml, render_newsletter

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
        if SOCIAL in parts:  # while the cards are still being drawn
            from digestgen.social import render_social, social_files

            drafts = render_social(loaded, workspace.root)
        cards: list[Card] = []
        if pending is not None:
            cards = pending.result()
            files.update({card.name: card.png for card in cards})
        if SOCIAL in parts:
            files.update(social_files(drafts, [(c.platform, c.name, c.alt) for c in cards]))
        if PREVIEW in parts:
            from digestgen.page import render_page

            files["index.html"] = render_page(loaded, workspace.root, files, drafts)
    except TemplateSyntaxError as exc:
        where = f"{display_path(Path(exc.filename or exc.name or '?'))}:{exc.lineno}"
        raise TemplateProblem(where, exc.message or "syntax error") from exc
    except TemplateError as exc:
        raise TemplateProblem("template", exc.message or str(exc)) from exc
    finally:
        if pending is not None:
            pending.close()
    return Rendered(files, drafts, newsletter, pending.warnings if pending else [])


def build(
    loaded: Loaded,
    workspace: Workspace,
    parts: Sequence[str] = EVERYTHING,
    *,
    fetch_images: bool = False,
    allow_private: bool = False,
) -> Built:
    """Render ``parts`` of a loaded digest into its ``out/<slug>/`` folder.

    A build with the preview page replaces the folder; ``newsletter`` and ``social`` keep
    the files of the other parts that are already there.
    """
    rendered = render_files(
        loaded, workspace, parts, fetch_images=fetch_images, allow_private=allow_private
    )
    folder = workspace.out_dir / loaded.slug
    # A build with the preview replaces the folder; `newsletter` and `social` add to it.
    written = write_folder(folder, rendered.files, keep_others=PREVIEW not in parts)
    warnings = loaded.warnings() + rendered.warnings
    return Built(loaded.slug, folder, written, warnings, rendered.drafts)


@dataclass(frozen=True)
class BatchResult:
    built: list[Built]
    failed: dict[Path, DigestgenError]


@dataclass(frozen=True)
class _Prepared:
    """A digest rendered in a worker, ready for the main process to write."""

    slug: str
    rendered: Rendered
    warnings: list[Problem]
    line_of_slug: Problem


def _prepare(
    workspace: Workspace,
    parts: Sequence[str],
    fetch_images: bool,
    allow_private: bool,
    path: Path,
) -> _Prepared | DigestgenError:
    try:
        loaded = load(path, workspace.content_dir)
        clash = loaded.digest_source.problem(("issue", "slug"), "")
        rendered = render_files(
            loaded, workspace, parts, fetch_images=fetch_images, allow_private=allow_private
        )
        return _Prepared(loaded.slug, rendered, loaded.warnings() + rendered.warnings, clash)
    except DigestgenError as exc:
        return exc


def build_all(
    workspace: Workspace,
    progress: Callable[[Path], None] | None = None,
    *,
    parts: Sequence[str] = EVERYTHING,
    fetch_images: bool = False,
    allow_private: bool = False,
) -> BatchResult:
    """Build every digest of the workspace; a bad one is recorded and the others still build.

    Digests are loaded and rendered on every core (forked workers, which share what the main
    process already imported); files are written by the main process, in file-name order.
    """
    paths = digest_paths(workspace.content_dir)
    built: list[Built] = []
    failed: dict[Path, DigestgenError] = {}
    owners: dict[str, Path] = {}
    prepare = functools.partial(_prepare, workspace, tuple(parts), fetch_images, allow_private)
    for path, prepared in zip(paths, _map_prepare(prepare, paths), strict=True):
        if isinstance(prepared, DigestgenError):
            failed[path] = prepared
        elif prepared.slug in owners:
            clash = prepared.line_of_slug
            message = (
                f"out/{prepared.slug}/ is already {owners[prepared.slug].name}'s; set issue.slug"
            )
            failed[path] = ContentError([Problem(clash.path, clash.line, clash.loc, message)])
        else:
            owners[prepared.slug] = path
            folder = workspace.out_dir / prepared.slug
            files = write_folder(folder, prepared.rendered.files)
            built.append(
                Built(prepared.slug, folder, files, prepared.warnings, prepared.rendered.drafts)
            )
        if progress:
            progress(path)
    return BatchResult(built, failed)


def _map_prepare(
    prepare: Callable[[Path], _Prepared | DigestgenError], paths: list[Path]
) -> Iterator[_Prepared | DigestgenError]:
    import multiprocessing
    import os

    workers = min(os.cpu_count() or 1, len(paths) // 4)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (prepare(path) for path in paths)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(prepare, paths, chunksize=4)
