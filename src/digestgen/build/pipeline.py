"""load → render → check → write, for one digest or a whole workspace.

The render step is :func:`render_files`: the digest's :class:`~digestgen.render.view.View` is made
once, then each output of :data:`OUTPUTS` adds its files in turn, and the checks run on what
they made. ``build``, ``check``, ``send-test`` and the preview all go through it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestgen.build.write import write_folder
from digestgen.content.load import Loaded, display_path, load
from digestgen.content.workspace import Workspace, digest_paths
from digestgen.errors import ContentError, DigestgenError, Problem, TemplateProblem
from digestgen.render.view import View
from digestgen.text.catalog import T_
from digestgen.text.language import Language

if TYPE_CHECKING:
    from digestgen.checks.base import Finding
    from digestgen.checks.caniemail import ClientReport
    from digestgen.outputs.cards.carousel import PendingCarousel
    from digestgen.outputs.cards.draw import Card
    from digestgen.outputs.cards.workers import PendingCards
    from digestgen.outputs.newsletter import Newsletter
    from digestgen.outputs.social import Draft


NEWSLETTER, CARDS, SOCIAL, PREVIEW = "newsletter", "cards", "social", "preview"
EVERYTHING = (NEWSLETTER, CARDS, SOCIAL, PREVIEW)


@dataclass(frozen=True)
class Built:
    """One digest's build: the folder it went to, the files written, the warnings and drafts,
    the build's fingerprint (what the preview compares to reload) and its email."""

    slug: str
    folder: Path
    files: list[Path]
    warnings: list[str] = field(default_factory=list)
    drafts: dict[str, Draft] = field(default_factory=dict)
    fingerprint: str = ""
    newsletter: Newsletter | None = None


@dataclass(frozen=True)
class Rendered:
    """What the render step made of a digest: its files by their path under ``out/<slug>/``,
    and what the commands report from them."""

    files: dict[str, str | bytes]
    drafts: dict[str, Draft]
    newsletter: Newsletter | None
    fingerprint: str
    warnings: list[str]


@dataclass
class Rendering:
    """One digest being rendered: the outputs, in order, read what the ones before made."""

    loaded: Loaded
    view: View
    workspace: Workspace
    photos: list[bytes | None] = field(default_factory=list)
    files: dict[str, str | bytes] = field(default_factory=dict)
    newsletter: Newsletter | None = None
    drafts: dict[str, Draft] = field(default_factory=dict)
    social: dict[str, Any] = field(default_factory=dict)
    pending: PendingCards | None = None
    carousel: PendingCarousel | None = None  # the LinkedIn document, made meanwhile
    _cards: list[Card] | None = None
    _checked: tuple[list[Finding], ClientReport] | None = None

    @property
    def cards(self) -> list[Card]:
        """The quote cards, once the workers have drawn them (none when not asked for)."""
        if self._cards is None:
            self._cards = self.pending.result() if self.pending else []
        return self._cards

    def checked(self) -> tuple[list[Finding], ClientReport]:
        """The findings on what was rendered (no network), and the email clients' report."""
        if self._checked is None:
            from digestgen.checks.base import Material
            from digestgen.checks.caniemail import client_support
            from digestgen.checks.registry import run_checks

            assert self.newsletter is not None, "the checks read the email"
            html = self.newsletter.html
            clients = client_support(html, self.view.language)
            findings = run_checks(Material(self.loaded, html, self.drafts, clients))
            self._checked = (findings, clients)
        return self._checked


@dataclass(frozen=True)
class Output:
    """One output of a build: the part of ``build`` that asks for it, what it starts before
    the others render (the cards' workers), and the files it adds to the folder."""

    part: str
    files: Callable[[Rendering], dict[str, str | bytes]]
    start: Callable[[Rendering], None] | None = None


def _start_cards(rendering: Rendering) -> None:
    from digestgen.outputs.cards import cache
    from digestgen.outputs.cards.workers import start_cards

    rendering.pending = start_cards(
        rendering.view, rendering.photos, kept=cache.read, keep=cache.write
    )


def _newsletter(rendering: Rendering) -> dict[str, str | bytes]:
    from digestgen.outputs.newsletter import build_eml, render_newsletter

    newsletter = render_newsletter(rendering.view, rendering.workspace.root)
    rendering.newsletter = newsletter
    return {
        "newsletter.html": newsletter.html,
        "newsletter.txt": newsletter.text,
        "newsletter.eml": build_eml(rendering.loaded, newsletter),
        "further-reading.html": newsletter.further_html,
        "further-reading.md": newsletter.further_md,
    }


def _social(rendering: Rendering) -> dict[str, str | bytes]:
    from digestgen.outputs.plan import make_plan, plan_data, plan_files
    from digestgen.outputs.social import render_social, social_data, social_files, with_document

    # Rendered while the cards are drawn; social.json lists them once they are.
    rendering.drafts = render_social(rendering.view, rendering.workspace.root)
    listed = [(card.platform, card.name, card.alt) for card in rendering.cards]
    plan = make_plan(rendering.loaded, rendering.drafts)  # when each draft goes out
    rendering.social = social_data(rendering.drafts, listed, plan_data(plan))
    if rendering.carousel is not None:
        rendering.social = with_document(rendering.social, "linkedin", rendering.carousel.note)
    files = dict(social_files(rendering.drafts, rendering.social))
    return {**files, **plan_files(plan, rendering.loaded, rendering.view.language)}


def _cards(rendering: Rendering) -> dict[str, str | bytes]:
    return {card.name: card.png for card in rendering.cards}


def _start_carousel(rendering: Rendering) -> None:
    from digestgen.outputs.cards.carousel import start_carousel
    from digestgen.outputs.cards.workers import kept_pool

    rendering.carousel = start_carousel(rendering.view, rendering.photos, kept_pool())


def _carousel(rendering: Rendering) -> dict[str, str | bytes]:
    from digestgen.outputs.cards.carousel import FILE, THUMBNAIL

    assert rendering.carousel is not None, "started with the cards"
    carousel = rendering.carousel.result()
    return {FILE: carousel.pdf, THUMBNAIL: carousel.thumbnail}


def _preview(rendering: Rendering) -> dict[str, str | bytes]:
    from digestgen.build.page import render_page

    assert rendering.newsletter is not None, "the preview shows the email"
    findings, clients = rendering.checked()
    page = render_page(
        rendering.view,
        rendering.workspace.root,
        newsletter=rendering.newsletter,
        drafts=rendering.drafts,
        social=rendering.social,
        findings=findings,
        clients=clients,
        fingerprint=fingerprint(rendering.files),
    )
    return {"index.html": page}


OUTPUTS: tuple[Output, ...] = (
    Output(NEWSLETTER, _newsletter),
    Output(SOCIAL, _social),
    # The carousel's process is forked first: the cards' pool starts threads, after which
    # forking is not safe.
    Output(CARDS, _carousel, start=_start_carousel),
    Output(CARDS, _cards, start=_start_cards),
    Output(PREVIEW, _preview),
)
"""Every output, in the order they render: each may read what the ones before it made."""


def fingerprint(files: Mapping[str, str | bytes]) -> str:
    """A fingerprint of a build's files: the preview page reloads when the served one differs."""
    import hashlib

    digest = hashlib.sha256()
    for name in sorted(files):
        # Card pixels depend on the installed FreeType; their texts are in social.json.
        if name == "index.html" or name.startswith("cards/"):
            continue
        content = files[name]
        digest.update(name.encode() + b"\0")
        digest.update(content.encode() if isinstance(content, str) else content)
    return digest.hexdigest()[:16]


def content_warnings(loaded: Loaded) -> list[str]:
    """What ``build`` says of the content before its files: the checks that run on build
    (lengths inboxes cut), each as ``file:line: field: message``."""
    from digestgen.checks.base import Material
    from digestgen.checks.registry import run_checks

    return [f"{f.where}: {f.message}" for f in run_checks(Material(loaded), on_build=True)]


def render_files(
    loaded: Loaded,
    workspace: Workspace,
    parts: Sequence[str] = EVERYTHING,
    *,
    fetch_images: bool = False,
    allow_private: bool = False,
) -> Rendered:
    """The render step of every command: ``parts`` of a digest rendered from one
    :class:`~digestgen.render.view.View` (the preview page runs the checks on the others).

    Renderers read no file and fetch nothing: the portraits are read here first.
    """
    from jinja2 import TemplateError, TemplateSyntaxError

    if PREVIEW in parts and not {NEWSLETTER, SOCIAL} <= set(parts):
        raise ValueError("the preview page shows the newsletter and the social drafts")
    view = View(loaded)
    rendering = Rendering(loaded, view, workspace)
    outputs = [output for output in OUTPUTS if output.part in parts]
    unread: list[Problem] = []  # photos asked for that gave no portrait
    if CARDS in parts:
        from digestgen.content.photos import read_photos

        rendering.photos = read_photos(
            loaded, fetch=fetch_images, allow_private=allow_private, warnings=unread
        )
    try:
        for output in outputs:
            if output.start:
                output.start(rendering)
        for output in outputs:
            rendering.files.update(output.files(rendering))
    except TemplateSyntaxError as exc:
        where = f"{display_path(Path(exc.filename or exc.name or '?'))}:{exc.lineno}"
        raise TemplateProblem(where, exc.message or "syntax error") from exc
    except TemplateError as exc:
        raise TemplateProblem("template", exc.message or str(exc)) from exc
    finally:
        if rendering.pending is not None:
            rendering.pending.close()
        if rendering.carousel is not None:
            rendering.carousel.close()
    return Rendered(
        rendering.files,
        rendering.drafts,
        rendering.newsletter,
        fingerprint(rendering.files),
        [*content_warnings(loaded), *(str(p) for p in unread)],
    )


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
    return _write(loaded.slug, workspace, rendered, keep_others=PREVIEW not in parts)


def _write(slug: str, workspace: Workspace, rendered: Rendered, *, keep_others: bool) -> Built:
    folder = workspace.out_dir / slug
    written = write_folder(folder, rendered.files, keep_others=keep_others)
    return Built(
        slug,
        folder,
        written,
        rendered.warnings,
        rendered.drafts,
        rendered.fingerprint,
        rendered.newsletter,
    )


@dataclass(frozen=True)
class BatchResult:
    built: list[Built]
    failed: dict[Path, DigestgenError]


@dataclass(frozen=True)
class _Prepared:
    """A digest rendered in a worker, ready for the main process to write."""

    slug: str
    rendered: Rendered
    line_of_slug: Problem
    language: Language = "fr"


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
        return _Prepared(loaded.slug, rendered, clash, loaded.language)
    except DigestgenError as exc:
        return exc


SLUG_TAKEN = T_("build:slug_taken", "{folder} is already {owner}'s; set issue.slug")


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
            message = SLUG_TAKEN(
                prepared.language, folder=f"out/{prepared.slug}/", owner=owners[prepared.slug].name
            )
            problem = Problem(clash.path, clash.line, clash.loc, message)
            failed[path] = ContentError([problem], prepared.language)
        else:
            owners[prepared.slug] = path
            built.append(_write(prepared.slug, workspace, prepared.rendered, keep_others=False))
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
