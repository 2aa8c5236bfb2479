"""The sample email in a real browser: what a reader sees at desktop and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

SLUG = "club-des-partenaires-du-numerique-la-grande-soiree-annuelle-2018-12-05"


@pytest.fixture(scope="module")
def email_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from digestgen.build.pipeline import build
    from digestgen.content.load import load
    from digestgen.content.workspace import Workspace, find_digest

    repo = Path(__file__).resolve().parents[1]
    out = tmp_path_factory.mktemp("out")
    loaded = load(find_digest("club-partenaires-2018", repo / "content"), repo / "content")
    build(loaded, Workspace(repo, repo / "content", out))
    return out / SLUG / "newsletter.html"


@pytest.mark.parametrize("width", [600, 375])
def test_email_fits_the_screen_without_sideways_scrolling(
    browser, email_file: Path, width: int
) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(email_file.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    sheet = page.evaluate("document.querySelector('.sheet').getBoundingClientRect().width")
    assert sheet == (600 if width == 600 else width)
    button = page.get_by_role("link", name="Lire le compte rendu")
    assert button.is_visible() and button.bounding_box()["height"] >= 44  # a thumb-sized target
    assert not page.locator(".preheader").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"email-{width}.png"), full_page=True)
    page.close()


def test_dark_mode_rules_apply(browser, email_file: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(color_scheme="dark", viewport={"width": 600, "height": 900})
    page.goto(email_file.as_uri())
    background = page.evaluate("getComputedStyle(document.querySelector('.sheet')).backgroundColor")
    text = page.evaluate("getComputedStyle(document.querySelector('.h1')).color")
    assert background == "rgb(22, 25, 29)" and text == "rgb(236, 239, 242)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "email-dark.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("case", ["sample", "english"])
def test_a_phone_that_drops_style_still_fits_the_email(browser, case: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Gmail's apps with other accounts and Samsung Email with Outlook.com drop <style>."""
    import re

    from digestgen.build.pipeline import render_files
    from digestgen.content.workspace import Workspace

    repo = Path(__file__).resolve().parent
    root = repo.parent if case == "sample" else repo / "cases" / case
    workspace = Workspace(root, root / "content", tmp_path)
    html = str(render_files(workspace.load(None), workspace).files["newsletter.html"])
    bare = re.sub(r"<style\b.*?</style>", "", html, flags=re.S)
    assert "<style" not in bare
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.set_content(bare)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("document.querySelector('.sheet').getBoundingClientRect().width") <= 375
    size = page.evaluate("getComputedStyle(document.querySelector('.text')).fontSize")
    assert size == "16px"  # read at its size, not shrunk to fit a 600 px table
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"email-no-style-{case}.png"), full_page=True)
    page.close()
