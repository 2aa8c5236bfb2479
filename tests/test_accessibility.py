"""WCAG 2.1 A and AA, contrast included, checked by axe-core in Debian's Chromium on the email
and the preview page of the sample and of the English case."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from digestgen.build.pipeline import build
from digestgen.content.load import load
from digestgen.content.workspace import Workspace, find_digest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CASES = {"sample": REPO / "content", "english": REPO / "tests" / "cases" / "english" / "content"}
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe() -> str:
    path = os.environ.get("AXE_JS", "")
    if not path or not Path(path).exists():
        pytest.fail("axe-core is missing: run the suite through `make test`, which installs it")
    return Path(path).read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("page_name", ["newsletter.html", "index.html"])
def test_no_wcag_violation(browser, axe: str, tmp_path: Path, case: str, page_name: str) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(CASES[case], tmp_path / "content")
    workspace = Workspace.at(tmp_path)
    built = build(load(find_digest(None, workspace.content_dir), workspace.content_dir), workspace)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((built.folder / page_name).as_uri())
    page.add_script_tag(content=axe)
    result = page.evaluate(f"axe.run(document, {{runOnly: {RULES}}})")
    page.close()
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
