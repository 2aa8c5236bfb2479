"""digestgen's modules in one direction: each imports only modules below it in LAYERS.

A contributor follows a digest from the command down to the files written without climbing
back: the preview page is handed the checks' findings, it does not import the checks; the
renderers are handed the portraits, they read no file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "digestgen"

LAYERS: list[list[str]] = [
    ["__init__"],
    # each package's face: a docstring, nothing imported
    [
        f"{package}.__init__"
        for package in (
            "text",
            "net",
            "content",
            "platforms",
            "render",
            "outputs",
            "outputs.cards",
            "checks",
            "build",
            "serve",
            "cli",
        )
    ],
    # words, rules and text functions that know nothing of a digest
    ["text.language"],
    ["text.typography"],
    ["text.catalog"],  # every word digestgen writes, from the catalogs of locale/
    [
        "text.formats",
        "text.words",
        "errors",
        "render.colors",
        "render.shortening",
        "platforms.twitter_text",
        "content.esp",
        "render.utm",
        "outputs.headers",
    ],
    ["checks.base"],  # what a check is
    ["render.templates", "build.write", "checks.caniemail", "checks.spamassassin", "net.fetch"],
    ["net.pages"],
    # the fields editors fill, then the platforms (each declaring its own fields), then the
    # content models made of both
    ["content.fields"],
    ["platforms.base"],
    # every platform's own module, however many there are
    sorted(
        f"platforms.{path.stem}"
        for path in (SOURCE / "platforms").glob("*.py")
        if path.stem not in {"__init__", "base", "registry", "twitter_text"}
    ),
    ["platforms.registry"],
    ["content.models"],
    # how a problem is said (syntax and validation), and the content format as JSON Schema
    ["content.explain", "content.schema"],
    ["content.load"],
    ["content.workspace"],
    ["content.photos", "net.smtp", "content.starter", "draft.placeholders"],
    # the digest as every output shows it, and the platforms' records
    ["render.view"],
    # the renderers, each from the view to files' contents
    ["outputs.social"],
    ["outputs.plan"],  # when each draft goes out: the calendar and the scheduler's file
    ["outputs.cards.draw", "outputs.newsletter"],
    ["outputs.cards.plan", "outputs.cards.cache"],
    ["outputs.cards.carousel"],  # the LinkedIn document, in the cards' fonts, kept with them
    ["outputs.cards.workers"],
    ["build.page"],
    # what the checks say of the content and the rendered outputs, and the one way to run them
    ["checks.content", "checks.email", "checks.social", "checks.clients", "checks.spam"],
    ["checks.link_cards"],  # the recap's link card, by each network's rules
    ["checks.links"],
    ["checks.registry"],
    # the render step: outputs in order, checks, then the writer
    ["build.pipeline"],
    # commands' own work beside the render step
    ["serve.samples"],  # merge tags' sample values, for the preview and send-test
    ["serve.preview", "enrich"],
    ["draft.__init__"],
    ["draft.markup"],
    ["draft.related"],
    ["draft.article"],
    ["draft.quotes", "draft.people", "draft.nlp"],
    ["draft.dates", "draft.verbs", "draft.clauses", "draft.roles"],
    ["draft.names"],
    ["draft.mentions"],
    ["draft.speakers"],
    ["draft.facts"],
    ["draft.digest"],
    ["draft.source"],
    ["draft.make"],
    # what the commands print, and the commands
    ["cli.console"],
    ["cli.base"],
    ["cli.commands.__init__"],
    [
        f"cli.commands.{name}"
        for name in (
            "build",
            "check",
            "draft",
            "enrich",
            "init",
            "newsletter",
            "preview",
            "schema",
            "send_test",
            "social",
        )
    ],
    ["cli.app"],
    ["__main__"],
]


def _module(path: Path) -> str:
    return ".".join(path.relative_to(SOURCE).with_suffix("").parts)


def imports(path: Path) -> set[str]:
    """The digestgen modules ``path`` imports at run time (type-checking imports aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("digestgen"):
            module = (node.module or "").removeprefix("digestgen").removeprefix(".")
            for alias in node.names:
                submodule = f"{module}.{alias.name}".lstrip(".")
                if (SOURCE / Path(*submodule.split("."))).with_suffix(".py").exists():
                    found.add(submodule)
                else:
                    found.add(module or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("digestgen."):
                    found.add(alias.name.removeprefix("digestgen."))
    packages = {
        p.parent.relative_to(SOURCE).as_posix().replace("/", ".")
        for p in SOURCE.rglob("__init__.py")
    }
    return {f"{m}.__init__" if m in packages else m for m in found}


def _rank() -> dict[str, int]:
    return {module: i for i, layer in enumerate(LAYERS) for module in layer}


def test_every_module_has_its_layer() -> None:
    modules = {_module(p) for p in SOURCE.rglob("*.py") if "compiled_templates" not in p.parts}
    assert modules == set(_rank()), "add the new module to LAYERS, where it belongs"


@pytest.mark.parametrize(
    "path",
    sorted(p for p in SOURCE.rglob("*.py") if "compiled_templates" not in p.parts),
    ids=_module,
)
def test_no_module_imports_one_above_it(path: Path) -> None:
    rank = _rank()
    here = _module(path)
    above = sorted(m for m in imports(path) - {here} if rank[m] >= rank[here])
    assert not above, f"{here} imports {above}, which are not below it"


def test_the_preview_page_and_the_renderers_do_not_import_the_checks() -> None:
    for renderer in (
        "build/page",
        "outputs/newsletter",
        "outputs/social",
        "outputs/cards/draw",
        "outputs/cards/plan",
        "outputs/cards/workers",
    ):
        assert not any(m.startswith("checks") for m in imports(SOURCE / f"{renderer}.py"))
        assert "clients" not in imports(SOURCE / f"{renderer}.py")
